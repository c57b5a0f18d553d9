"""The secretariat's day in Chromium: the proposal list opens on what awaits the office, the clerk
selects three accepted cases, assigns them to the same two units in one go (交办), prints their 提案单
as one Word file, and sends a reminder (催办) on an overdue assignment from the assignments list.
"""

import datetime
import io
import re

import pytest

from members.models.roles import Role
from proposals.models import Assignment, ProposalEvent
from tests import factories
from tests.e2e.helpers import SCREENSHOTS, log_in
from tests.proposals.conftest import World

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_bulk_assign_print_and_remind(live_server, browser):
    from docx import Document

    committee = factories.committee("政协紫阳县委员会")
    clerk = factories.user_with_role(Role.SECRETARIAT, committee, username="clerk-day")
    clerk.first_name = "刘秘书"
    clerk.save()
    world = World(committee, clerk)
    cases = [world.accepted(title=f"关于第{i}件民生实事的提案") for i in range(3)]
    waiting = world.submitted(title="关于改善农村饮水安全的提案")
    late_case, (late,) = world.assigned(title="关于整治县城河道的提案", units=[(world.unit3, "single")])
    Assignment.objects.filter(pk=late.pk).update(due_date=world.today - datetime.timedelta(days=4))
    world.draft(title="委员自己的草稿")

    context, page = log_in(browser, live_server, clerk, "/admin/", viewport={"width": 1280, "height": 900},
                           accept_downloads=True)
    try:
        # The list opens on what awaits the office; members' drafts are never there.
        page.goto(f"{live_server.url}/admin/proposals/")
        assert page.locator(".secretariat-default").is_visible()
        for p in cases + [waiting]:
            assert page.get_by_role("link", name=p.title).first.is_visible()
        assert page.get_by_text("委员自己的草稿").count() == 0
        assert page.get_by_text(late_case.title).count() == 0  # assigned: nothing for the office today

        # 交办: the three cases to the same lead and co-handling units.
        for p in cases:
            page.locator(f'input[name="id"][value="{p.pk}"]').check()
        page.locator("#proposal-batch button.bulk-assign").click()
        page.wait_for_url(re.compile(r"/admin/proposals/assign-selected/\?"))
        page.locator('select[name="units-0-unit"]').select_option(label=world.unit.name)
        page.locator('select[name="units-0-role"]').select_option(value="lead")
        page.locator('select[name="units-1-unit"]').select_option(label=world.unit2.name)
        page.locator('select[name="units-1-role"]').select_option(value="co")
        page.locator("button.bulk-assign-submit").click()
        page.wait_for_url(re.compile(r"/admin/proposals/$"))
        for p in cases:
            assert set(Assignment.objects.filter(proposal=p).values_list("unit__name", "role")) == {
                (world.unit.name, "lead"), (world.unit2.name, "co")}

        # The three 提案单 as one Word file.
        page.goto(f"{live_server.url}/admin/proposals/?show=all")
        for p in cases:
            page.locator(f'input[name="id"][value="{p.pk}"]').check()
        with page.expect_download() as download_info:
            page.locator("#proposal-batch button.print-selected").click()
        download = download_info.value
        assert download.suggested_filename.endswith(".docx")
        document = Document(io.BytesIO(open(download.path(), "rb").read()))
        text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
            cell.text for t in document.tables for row in t.rows for cell in row.cells)
        for p in cases:
            assert p.title in text

        # 催办 from the assignments list: sent now, on the case's timeline, not twice today.
        page.goto(f"{live_server.url}/admin/assignments/?overdue=true")
        page.locator("a.remind-link").first.click()
        page.wait_for_url(re.compile(rf"/admin/assignments/remind/{late.pk}/$"))
        page.locator('textarea[name="note"]').fill("请于本周内答复")
        page.locator("button.proposal-action-submit").click()
        page.wait_for_url(re.compile(rf"/admin/proposals/inspect/{late_case.pk}/$"))
        event = ProposalEvent.objects.get(assignment=late, action="remind")
        assert event.actor == clerk and event.reason == "请于本周内答复"
        assert page.get_by_text("请于本周内答复").first.is_visible()
        assert page.get_by_text("刘秘书").first.is_visible()  # the clerk by name on the timeline
        page.goto(f"{live_server.url}/admin/assignments/?overdue=true")
        assert page.locator("a.remind-link").count() == 0
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "secretariat-day-remind.png"), full_page=True)
    finally:
        context.close()
