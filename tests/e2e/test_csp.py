"""The Content-Security-Policy (django-csp, cppcc/settings/base.py) keeps every page working: Chromium
visits the public pages, the login, the portal (the proposal form with its similar-title hint and
counter, which are nonce'd inline scripts) and the admin (dashboard, a listing with filters, a date
picker, the page editor and its chooser, a job's progress page) and fails on any `securitypolicyviolation` event or
"Refused to ..." console message.
"""

import re

import pytest

from cppcc.models import Job
from members.models.roles import Role
from proposals.public import ensure_public_pages
from tests import factories
from tests.e2e.helpers import log_in
from tests.proposals.conftest import World

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || "") + ":" + e.lineNumber);
});
"""


def _watch(context):
    """Collect violations from every page of the context: the DOM event and the console's words."""
    refused = []
    context.add_init_script(WATCH)

    def on_page(page):
        page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text
                or m.text.startswith("Refused to") else None)

    context.on("page", on_page)
    for page in context.pages:
        on_page(page)
    return refused


def _visit(page, url, refused, *, ready=None):
    response = page.goto(url)
    assert response.status == 200, url
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    if ready:
        ready(page)
    refused.extend(f"{url}: {v}" for v in page.evaluate("window.__csp || []"))


def test_pages_work_under_the_content_security_policy(live_server, browser):
    committee = factories.committee("政协紫阳县委员会")
    clerk = factories.user_with_role(Role.SECRETARIAT, committee, username="clerk-csp")
    world = World(committee, clerk)
    world.submitted(title="关于加快我县茶叶产业发展的提案")
    index = ensure_public_pages()
    job = Job.objects.create(kind="cppcc.selftest", title="自检", requester=clerk, params={"n": 1})
    refused = []

    # The public: home page and the published-proposals index, with no login.
    context = browser.new_context(locale="zh-CN")
    refused += _watch(context)
    page = context.new_page()
    _visit(page, f"{live_server.url}/", refused)
    _visit(page, f"{live_server.url}{index.url}", refused)
    _visit(page, f"{live_server.url}/accounts/login/", refused)
    context.close()

    # A member in the portal: the list, and the new-proposal form whose script hints similar titles.
    context, page = log_in(browser, live_server, world.proposer.user, "/portal/proposals/")
    refused += _watch(context)
    page = context.new_page()
    _visit(page, f"{live_server.url}/portal/proposals/", refused)

    def hint_works(page):
        page.locator('input[name="title"]').fill("茶叶产业")
        page.locator("#similar-hint:not([hidden])").wait_for(timeout=5000)  # the nonce'd script ran
        page.locator('textarea[name="situation"]').fill("情况")
        assert re.search(r"\d", page.locator("#body-counter .counter__left").inner_text())

    _visit(page, f"{live_server.url}/portal/proposals/new/", refused, ready=hint_works)
    context.close()

    # The secretariat in the admin: dashboard, a listing with its filters, a date picker, a chooser,
    # a job's progress page (a nonce'd polling script).
    context, page = log_in(browser, live_server, clerk, "/admin/")
    refused += _watch(context)
    page = context.new_page()
    _visit(page, f"{live_server.url}/admin/", refused)
    _visit(page, f"{live_server.url}/admin/proposals/?status=submitted", refused,
           ready=lambda p: p.locator("text=关于加快我县茶叶产业发展的提案").first.wait_for(timeout=5000))

    def date_picker(page):
        page.locator('input[name="starts_at"]').click()
        page.locator(".xdsoft_datetimepicker >> visible=true").first.wait_for(timeout=5000)

    _visit(page, f"{live_server.url}/admin/activities/new/", refused, ready=date_picker)

    def page_chooser(page):  # the page editor: Wagtail's heaviest screen, with the page chooser modal
        page.locator("form#page-edit-form, form[data-edit-form]").first.wait_for(timeout=10000)

    _visit(page, f"{live_server.url}/admin/pages/{index.pk}/edit/", refused, ready=page_chooser)
    _visit(page, f"{live_server.url}/admin/choose-page/", refused)
    _visit(page, f"{live_server.url}/admin/jobs/{job.pk}/", refused)
    context.close()

    assert refused == []
