"""The Content-Security-Policy (django-csp): on every response, and the project's templates keep to it
(no inline script without the request's nonce, no inline event handler). tests/e2e/test_csp.py proves
in Chromium that the pages still work under it."""

import re
from pathlib import Path

import pytest

from tests.proposals.conftest import world  # noqa: F401  (the proposals fixture)

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = [p for app in ("cppcc", "members", "proposals", "consultations", "reports")
             for p in (ROOT / app).rglob("*.html")]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\bnonce=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)


def test_every_response_carries_the_policy(client, db):
    response = client.get("/accounts/login/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    # django-csp adds the nonce only to pages that used it (the proposal form below does).
    assert re.search(r"script-src 'self'(;|$)", policy)
    assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";", 1)[0]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_have_no_script_the_policy_refuses(template):
    text = template.read_text()
    assert not INLINE_SCRIPT.search(text), "an inline <script> needs nonce=\"{{ request.csp_nonce }}\""
    assert not EVENT_HANDLER.search(text), "inline event handlers (onclick=...) are refused: add a listener"


def test_the_nonce_on_the_page_is_the_one_in_the_header(client, world):
    from tests.proposals.test_portal_member import NEW

    client.force_login(world.proposer.user)
    response = client.get(NEW)
    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
    assert f'<script nonce="{nonce}">' in response.content.decode()
