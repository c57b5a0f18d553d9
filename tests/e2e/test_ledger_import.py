"""A secretariat clerk imports a past session's ledger in the admin with a real browser.

The clerk logs in through the login form, opens the ledger import from the admin menu, downloads the
template, uploads a 300-row ledger of 九届五次 and lands on the background job's page, which shows the
progress bar and the result; then a ledger with one bad row imports nothing and the page names the row
and the column. The ledgers come from tests/proposals/ledger_factory.py.
"""

import io
import re
from pathlib import Path

import openpyxl
import pytest

from cppcc.models import Job
from members.models.roles import Role
from proposals.models import Proposal, ProposalEvent
from tests import factories
from tests.proposals.ledger_factory import HEADERS, LedgerWorld, ledger_rows, ledger_workbook

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "var" / "screenshots"
PASSWORD = "pass-1234-word"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def log_in(page, base, user):
    page.goto(f"{base}/accounts/login/?next=/admin/")
    form = page.locator("form", has=page.locator('input[name="password"]'))
    form.locator('input[name="username"]').fill(user.username)
    form.locator('input[name="password"]').fill(PASSWORD)
    form.locator('button[type="submit"], input[type="submit"]').first.click()
    page.wait_for_url(re.compile(r"/admin/$"))


def upload(page, base, world, content, name):
    page.goto(f"{base}/admin/ledger-import/")
    page.locator('select[name="session"]').select_option(value=str(world.session.pk))
    page.locator('input[name="file"]').set_input_files({"name": name, "mimeType": XLSX, "buffer": content})
    page.locator("form[data-ledger-import] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/jobs/[0-9a-f-]+/$"), timeout=120_000)
    # The page polls the job until it is finished: wait for the bar to settle at its end state.
    page.wait_for_function(
        "() => { const s = document.querySelector('[data-job-message]'); return s && s.textContent.trim().length > 0; }",
        timeout=120_000,
    )


def test_secretariat_imports_a_300_row_ledger_and_a_bad_one_imports_nothing(live_server, browser, tmp_path):
    committee = factories.committee("政协紫阳县委员会")
    clerk = factories.user_with_role(Role.SECRETARIAT, committee, username="clerk-ledger")
    world = LedgerWorld(committee)
    base = live_server.url

    context = browser.new_context(locale="zh-CN", accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        log_in(page, base, clerk)
        # The menu entry sits next to the roster import.
        page.goto(f"{base}/admin/")
        menu = page.locator('a[href="/admin/ledger-import/"]')
        menu.first.wait_for(state="attached")
        page.goto(f"{base}/admin/ledger-import/")
        assert "九届五次" in page.locator("[data-ledger-templates]").inner_text()

        # The template, for the session of the row.
        with page.expect_download() as info:
            page.locator("[data-ledger-templates] a").first.click()
        target = tmp_path / info.value.suggested_filename
        info.value.save_as(target)
        header = next(openpyxl.load_workbook(target)["提案台账"].iter_rows(values_only=True))
        assert list(header) == HEADERS

        # 1. A 300-row ledger: the job page shows the finished progress and the counts.
        upload(page, base, world, ledger_workbook(ledger_rows(world, 300)), "九届五次提案台账.xlsx")
        job = Job.objects.get(kind="proposals.import_ledger")
        assert job.state == Job.State.SUCCEEDED, job.message
        assert page.locator("[data-job-progress]").get_attribute("value") == "100"
        assert page.locator("[data-job-count]").inner_text().strip() == "600/600"
        message = page.locator("[data-job-message]").inner_text()
        assert "九届五次" in message and "300" in message
        assert Proposal.objects.filter(session=world.session).count() == 300
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "ledger-import-300.png"), full_page=True)

        # 2. One bad row (an unknown unit in the 7th data row, row 8 of the sheet): nothing is imported and
        #    the page names the sheet, the row and the column; the error list can be downloaded.
        events = ProposalEvent.objects.count()
        rows = ledger_rows(world, 20)
        for row in rows:  # another ledger for the same session: new numbers, so nothing would be an update
            row["案号"] = "补" + row["案号"]
            if row.get("收文号"):
                row["收文号"] = "补" + row["收文号"]
            if row.get("并入案号"):
                row["并入案号"] = "补" + row["并入案号"]
        rows[6]["承办单位"] = "县火星局(单办)"
        upload(page, base, world, ledger_workbook(rows), "有错的台账.xlsx")
        failed = Job.objects.exclude(pk=job.pk).get(kind="proposals.import_ledger")
        assert failed.state == Job.State.FAILED
        message = page.locator("[data-job-message]").inner_text()
        assert "提案台账" in message and "8" in message and "承办单位" in message and "县火星局" in message
        assert Proposal.objects.filter(session=world.session).count() == 300
        assert ProposalEvent.objects.count() == events
        with page.expect_download() as info:
            page.locator("[data-job-result] a").click()
        errors = openpyxl.load_workbook(io.BytesIO(Path(info.value.path()).read_bytes())).worksheets[0]
        assert [tuple(r)[:3] for r in errors.iter_rows(min_row=2, values_only=True)] == [("提案台账", 8, "承办单位")]
        page.screenshot(path=str(SCREENSHOTS / "ledger-import-bad-row.png"), full_page=True)
    finally:
        context.close()
