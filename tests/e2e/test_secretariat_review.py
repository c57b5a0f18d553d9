"""A secretariat clerk reviews in the admin with a real browser: logs in through the login form, opens a
filed proposal, accepts it (a case number appears), assigns it to a lead and a co-handling unit, then
records a paper proposal on behalf of a member with the scan of the signed original.
"""

import re
from pathlib import Path

import pytest

from members.models.roles import Role
from proposals.models import Assignment, Proposal, Signer
from proposals.workflow import Status
from tests import factories
from tests.proposals.conftest import PDF, World

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "var" / "screenshots"
PASSWORD = "pass-1234-word"


def member_label(member):
    return f"{member.name}（{member.member_number}）"


def submit(page):
    page.locator("button.proposal-action-submit").click()
    page.wait_for_load_state("networkidle")


def test_secretariat_accepts_assigns_and_records_paper(live_server, browser, tmp_path):
    committee = factories.committee("政协紫阳县委员会")
    clerk = factories.user_with_role(Role.SECRETARIAT, committee, username="clerk-review")
    world = World(committee, clerk)
    filed = world.submitted(joint=True, title="关于加快我县茶叶产业发展的提案")

    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/accounts/login/?next=/admin/")
        form = page.locator("form", has=page.locator('input[name="password"]'))
        form.locator('input[name="username"]').fill(clerk.username)
        form.locator('input[name="password"]').fill(PASSWORD)
        form.locator('button[type="submit"], input[type="submit"]').first.click()
        page.wait_for_url(re.compile(r"/admin/$"))
        assert page.locator("#proposal-figures, .proposal-figures").first.is_visible()  # the dashboard panel

        # The listing, then the filed proposal's page.
        page.goto(f"{live_server.url}/admin/proposals/")
        page.get_by_role("link", name=filed.title).first.click()
        page.wait_for_url(re.compile(rf"/admin/proposals/inspect/{filed.pk}/$"))
        assert page.get_by_text(filed.receipt_number).first.is_visible()

        # Accept with the next case number.
        page.locator('a[data-action="accept"]').click()
        page.wait_for_url(re.compile(rf"/accept/{filed.pk}/$"))
        assert page.locator('input[name="assign_number"]').is_checked()
        submit(page)
        page.wait_for_url(re.compile(rf"/admin/proposals/inspect/{filed.pk}/$"))
        filed.refresh_from_db()
        assert filed.status == Status.ACCEPTED and filed.case_number
        assert page.get_by_text(filed.case_number).first.is_visible()

        # Assign to a lead unit and a co-handling unit.
        page.locator('a[data-action="assign"]').click()
        page.locator('select[name="units-0-unit"]').select_option(label=world.unit.name)
        page.locator('select[name="units-0-role"]').select_option(value="lead")
        page.locator('select[name="units-1-unit"]').select_option(label=world.unit2.name)
        page.locator('select[name="units-1-role"]').select_option(value="co")
        submit(page)
        page.wait_for_url(re.compile(rf"/admin/proposals/inspect/{filed.pk}/$"))
        roles = dict(Assignment.objects.filter(proposal=filed).values_list("unit__name", "role"))
        assert roles == {world.unit.name: "lead", world.unit2.name: "co"}
        assignments = page.locator(".proposal-assignments")
        assert assignments.get_by_text(world.unit.name).first.is_visible()
        assert assignments.get_by_text(world.unit2.name).first.is_visible()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.set_viewport_size({"width": 1280, "height": 2400})
        page.screenshot(path=str(SCREENSHOTS / "secretariat-review.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})

        # A paper proposal recorded on behalf of a member, with a co-signer and the scan.
        scan = tmp_path / "纸质提案扫描件.pdf"
        scan.write_bytes(PDF)
        page.goto(f"{live_server.url}/admin/proposals/")
        page.get_by_role("link", name=re.compile("代录|纸质|paper", re.I)).first.click()
        page.wait_for_url(re.compile(r"/admin/proposals/new/$"))
        page.locator('select[name="proposer"]').select_option(label=member_label(world.proposer))
        # Co-signers through the searchable picker (never a list of every member): type, pick.
        page.locator(".member-picker__input").fill(world.cosigner.name)
        page.locator(".member-picker__result", has_text=world.cosigner.name).wait_for(timeout=5000)
        page.locator(".member-picker__input").press("Enter")
        page.locator(".member-picker__chip", has_text=member_label(world.cosigner)).wait_for(timeout=5000)
        page.locator('input[name="title"]').fill("关于改善县城停车难问题的提案")
        page.locator('select[name="category"]').select_option(label=world.category.name)
        page.locator('textarea[name="situation"]').fill("县城停车位严重不足。")
        page.locator('textarea[name="suggestions"]').fill("一是建设立体停车场；二是错时共享停车。")
        page.locator('input[name="scan"]').set_input_files(str(scan))
        submit(page)
        paper = Proposal.objects.get(title="关于改善县城停车难问题的提案")
        page.wait_for_url(re.compile(rf"/admin/proposals/inspect/{paper.pk}/$"))
        assert paper.status == Status.SUBMITTED and paper.recorded_on_behalf
        assert paper.paper_scan.name == "纸质提案扫描件.pdf"
        assert paper.signers.get(member=world.cosigner).status == Signer.State.CONFIRMED
        assert page.get_by_text(paper.receipt_number).first.is_visible()
        assert page.locator(".proposal-signers .on-behalf").count() >= 1
        page.set_viewport_size({"width": 1280, "height": 2400})
        page.screenshot(path=str(SCREENSHOTS / "secretariat-paper-proposal.png"), full_page=True)
    finally:
        context.close()


def test_reviewer_selects_proposals_in_the_listing_for_a_batch_decision(live_server, browser):
    """The listing's checkboxes belong to the batch form below it, and survive Wagtail's AJAX search."""
    committee = factories.committee("政协紫阳县委员会")
    clerk = factories.user_with_role(Role.SECRETARIAT, committee, username="clerk-batch")
    world = World(committee, clerk)
    chosen = [world.submitted(title=f"关于第{i}件事的提案") for i in range(3)]
    already = world.accepted(title="关于第9件事的提案")
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/accounts/login/?next=/admin/")
        form = page.locator("form", has=page.locator('input[name="password"]'))
        form.locator('input[name="username"]').fill(world.reviewer.username)
        form.locator('input[name="password"]').fill(PASSWORD)
        form.locator('button[type="submit"], input[type="submit"]').first.click()
        page.wait_for_url(re.compile(r"/admin/$"))
        page.goto(f"{live_server.url}/admin/proposals/?show=all")
        for p in (chosen[0], chosen[2], already):
            page.locator(f'input[name="id"][value="{p.pk}"]').check()
        page.locator("#proposal-batch button.batch-decision").click()
        page.wait_for_url(re.compile(r"/admin/proposals/batch/\?"))
        page.locator('input[name="action"][value="convert_opinion"]').check()
        page.locator("button.batch-submit").click()
        page.wait_for_load_state("networkidle")
        assert page.locator("tr.batch-ok").count() == 2 and page.locator("tr.batch-error").count() == 1
        statuses = dict(Proposal.objects.filter(pk__in=[p.pk for p in chosen]).values_list("pk", "status"))
        assert statuses == {chosen[0].pk: Status.CONVERTED_OPINION, chosen[1].pk: Status.SUBMITTED,
                            chosen[2].pk: Status.CONVERTED_OPINION}
    finally:
        context.close()
