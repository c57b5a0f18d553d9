"""A handling unit replies through the portal in a real Chromium, on a phone-sized screen.

The liaison logs in through the real login form, signs for the case, drafts the reply with a PDF
letter and submits it for signature; the leader, in a second browser context, signs and sends it.
"""

import re
from pathlib import Path

import pytest

from members.models.roles import Role
from proposals.models import Reply
from proposals.workflow import AssignmentStatus, ReplyStatus
from tests import factories
from tests.proposals.conftest import World

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "var" / "screenshots"
PASSWORD = "pass-1234-word"
PHONE = {"width": 390, "height": 844}
LETTER = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def log_in(browser, live_server, user, next_path):
    context = browser.new_context(locale="zh-CN", viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/?next={next_path}")
    form = page.locator("form", has=page.locator('input[name="password"]'))
    form.locator('input[name="username"]').fill(user.username)
    form.locator('input[name="password"]').fill(PASSWORD)
    form.locator('button[type="submit"]').click()
    page.wait_for_url(re.compile(re.escape(next_path) + "$"))
    return context, page


def test_the_liaison_drafts_and_the_leader_signs_and_sends(live_server, browser):
    committee = factories.committee("政协紫阳县委员会")
    world = World(committee, factories.user_with_role(Role.SECRETARIAT, committee))
    proposal, (assignment,) = world.assigned(title="关于加快我县茶叶产业发展的提案")
    detail = f"/portal/unit/{assignment.pk}/"

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    liaison_context, page = log_in(browser, live_server, world.liaison, "/portal/unit/")
    try:
        page.screenshot(path=str(SCREENSHOTS / "unit-list.png"), full_page=True)
        page.locator(f'a[href="{detail}"]').click()
        page.wait_for_url(re.compile(re.escape(detail) + "$"))
        assert proposal.title in page.locator("h1").inner_text()
        page.locator('button[data-action="sign"]').click()
        page.wait_for_selector('[data-status="signed"]')

        page.locator('a[data-action="draft_reply"]').click()
        page.wait_for_url(re.compile(r"/reply/$"))
        page.locator('textarea[name="text"]').fill("王芳委员：\n您提出的关于加快我县茶叶产业发展的提案收悉。经研究，答复如下：……")
        page.locator('input[name="contact_person"]').fill("陈科长")
        page.locator('input[name="contact_phone"]').fill("0915-1234567")
        page.locator('input[name="methods"][value="phone"]').check()
        page.locator('input[name="methods"][value="in_person"]').check()
        page.locator(f'input[name="result_code"][value="{world.code("A").pk}"]').check()
        page.locator('input[name="letter"]').set_input_files(
            {"name": "答复函.pdf", "mimeType": "application/pdf", "buffer": LETTER}
        )
        page.screenshot(path=str(SCREENSHOTS / "unit-reply-form.png"), full_page=True)
        page.locator('button[name="action"][value="submit"]').click()
        page.wait_for_url(re.compile(re.escape(detail) + "$"))
        page.wait_for_selector("#reply-draft .badge--awaiting_signature")
        reply = Reply.objects.get(assignment=assignment)
        assert reply.status == ReplyStatus.AWAITING_SIGNATURE and reply.letter.name == "答复函.pdf"
        assert page.locator('button[data-action="sign_and_send"]').count() == 0  # the liaison is no leader
    finally:
        liaison_context.close()

    leader_context, page = log_in(browser, live_server, world.leader, "/portal/unit/")
    try:
        page.locator('.notice--action a[href="?show=awaiting_signature"]').click()  # "1 reply is awaiting my signature"
        page.locator(f'a[href="{detail}"]').click()
        page.wait_for_url(re.compile(re.escape(detail) + "$"))
        page.locator('input[name="document_number"]').fill("教函〔2026〕12号")
        page.locator('button[data-action="sign_and_send"]').click()
        page.wait_for_selector("#reply .badge--sent")
        reply.refresh_from_db()
        assignment.refresh_from_db()
        assert reply.status == ReplyStatus.SENT and reply.signed_by == world.leader
        assert assignment.status == AssignmentStatus.REPLIED
        assert page.locator('[data-status="replied"]').count() == 1
        assert "教函〔2026〕12号" in page.locator("#reply").inner_text()
        assert page.locator("#reply a.file-link").inner_text() == "答复函.pdf"
        page.screenshot(path=str(SCREENSHOTS / "unit-reply.png"), full_page=True)
    finally:
        leader_context.close()
