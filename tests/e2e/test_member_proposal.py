"""A member files a joint proposal on a phone-sized screen; the co-signer confirms from the inbox.

Both log in through the real login form, each in their own browser context. The page is driven by
URLs, names and values rather than button texts, so it runs whatever the catalogue says.
"""

import re
from pathlib import Path

import pytest

from members.models.roles import Role
from proposals.models import Proposal, Signer
from tests import factories
from tests.proposals.conftest import World

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "var" / "screenshots"
PASSWORD = "pass-1234-word"
PHONE = {"width": 390, "height": 844}


def log_in(browser, live_server, user, next_path):
    context = browser.new_context(locale="zh-CN", viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/?next={next_path}")
    form = page.locator("form", has=page.locator('input[name="password"]'))
    form.locator('input[name="username"]').fill(user.username)
    form.locator('input[name="password"]').fill(PASSWORD)
    form.locator('button[type="submit"]').first.click()
    page.wait_for_url(re.compile(re.escape(next_path) + "$"))
    return context, page


def test_member_files_a_joint_proposal_and_gets_the_receipt_number(live_server, browser):
    committee = factories.committee("政协紫阳县委员会")
    world = World(committee, factories.user_with_role(Role.SECRETARIAT, committee))
    proposer, cosigner = world.proposer, world.cosigner

    first, page = log_in(browser, live_server, proposer.user, "/portal/proposals/")
    second = None
    try:
        # A new draft.
        page.click('a[href="/portal/proposals/new/"]')
        page.wait_for_url(re.compile(r"/portal/proposals/new/$"))
        page.select_option('select[name="session"]', str(world.session.pk))
        page.check('input[name="kind"][value="plenary"]')
        page.fill('input[name="title"]', "关于加快我县茶叶产业发展的提案")
        page.select_option('select[name="category"]', str(world.category.pk))
        page.fill('textarea[name="situation"]', "我县茶叶产业规模小、品牌弱，加工能力不足。")
        page.fill('textarea[name="suggestions"]', "一是扶持龙头企业；二是打造区域公用品牌；三是完善冷链物流。")
        assert re.search(r"\d", page.locator("#body-counter .counter__left").inner_text())  # the cap counter runs
        page.fill('input[name="contact_phone"]', "13800000000")
        page.check(f'input[name="suggested_units"][value="{world.unit.pk}"]')
        page.locator('form.card button[type="submit"]').click()
        page.wait_for_url(re.compile(r"/portal/proposals/\d+/$"))
        proposal = Proposal.objects.get()
        assert proposal.status == "draft" and proposal.title == "关于加快我县茶叶产业发展的提案"

        # Invite the co-signer: search by name, tick, invite.
        page.click(f'a[href="/portal/proposals/{proposal.pk}/cosigners/"]')
        page.fill('input[name="q"]', cosigner.name)
        page.locator('form[role="search"] button[type="submit"]').click()
        page.wait_for_selector(f'input[name="members"][value="{cosigner.pk}"]')
        assert cosigner.member_number in page.content()
        page.check(f'input[name="members"][value="{cosigner.pk}"]')
        page.locator('form:has(input[name="members"]) button[type="submit"]').click()
        page.wait_for_url(re.compile(rf"/portal/proposals/{proposal.pk}/cosigners/$"))
        assert proposal.signers.get(member=cosigner).status == Signer.State.INVITED

        # The co-signer sees the unread badge, opens the invitation from the inbox and confirms.
        second, other = log_in(browser, live_server, cosigner.user, "/portal/")
        assert other.locator(".account__inbox .tag").inner_text().strip() == "1"
        other.click('a.account__inbox')
        other.locator(".inbox-list a.item-title").first.click()
        other.wait_for_url(re.compile(rf"/portal/proposals/{proposal.pk}/$"))
        other.locator('button[name="answer"][value="confirm"]').first.click()
        other.wait_for_url(re.compile(rf"/portal/proposals/{proposal.pk}/$"))
        assert proposal.signers.get(member=cosigner).status == Signer.State.CONFIRMED
        assert other.locator(".account__inbox .tag").count() == 0  # read on opening

        # The proposer submits and sees the receipt number.
        page.goto(f"{live_server.url}/portal/proposals/{proposal.pk}/")
        page.click(f'a[href="/portal/proposals/{proposal.pk}/submit/"]')
        page.wait_for_url(re.compile(rf"/portal/proposals/{proposal.pk}/submit/$"))
        page.locator('form.actions button[type="submit"]').click()
        page.wait_for_url(re.compile(rf"/portal/proposals/{proposal.pk}/$"))
        proposal.refresh_from_db()
        assert proposal.status == "submitted" and proposal.receipt_number
        assert proposal.receipt_number in page.locator("#receipt-number").inner_text()
        assert page.locator(".signers").get_by_text(cosigner.name).count() == 1
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "member-proposal.png"), full_page=True)
    finally:
        first.close()
        if second is not None:
            second.close()
