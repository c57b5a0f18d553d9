"""Issue #6, shown in Chromium with a real Celery worker (tasks are not eager): a chair asks for the
year's work summary in the admin, watches its progress on the job page, and downloads the workbook;
a member cannot reach the download.

How the progress is made observable without luck:
- the worker (`--pool=solo`, one task at a time) is first kept busy by a short `cppcc.selftest` job,
  so the job page the chair lands on is served while the summary is still queued: the request
  returned before any work was done, which an eager task could not do;
- while the summary waits in the queue, the test holds a row lock on the SummaryReport: the worker
  computes every figure (the job row counts the steps) and then waits to store the files, so the
  page shows 运行中 with a part-filled bar until the test releases the lock.
The page polls the status URL by itself (no reload); the test records every state it displays.

Runs in scripts/test.sh's integration run (PostgreSQL, Redis, worker); needs Chromium as tests/e2e
does (skips without it, fails with CPPCC_REQUIRE_BROWSER=1 or under CI).
"""

import os
import re
import time
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.db import connections
from django.utils import timezone, translation

from cppcc import services as cppcc_services
from cppcc.celery import app
from cppcc.models import Job
from cppcc.services import job_start
from members.models.roles import Role
from reports.models import SummaryReport
from reports.services import JOB_KIND
from tests import factories
from tests.e2e.conftest import CHROMIUM, browser_type_launch_args  # noqa: F401  (the system Chromium, its args)
from tests.proposals.conftest import World

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "pass-1234-word"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
TIMEOUT_MS = 120_000

# Everything the job page shows, read in the page: state text, bar value, "done/total", download link.
SNAPSHOT_JS = """() => {
  const box = document.getElementById("job");
  const link = box.querySelector("[data-job-result] a");
  return {
    state: box.querySelector("[data-job-state]").textContent.trim(),
    value: Number(box.querySelector("[data-job-progress]").getAttribute("value")),
    count: box.querySelector("[data-job-count]").textContent.trim(),
    link: link ? link.getAttribute("href") : null,
  };
}"""
# Record every change the page's own polling makes (MutationObserver), starting with what was served.
RECORD_JS = """(snapshot) => {
  const box = document.getElementById("job");
  const take = new Function("return (" + snapshot + ")()");
  window.__seen = [take()];
  new MutationObserver(() => {
    const s = take(), last = window.__seen[window.__seen.length - 1];
    if (JSON.stringify(s) !== JSON.stringify(last)) window.__seen.push(s);
  }).observe(box, {subtree: true, childList: true, characterData: true, attributes: true});
}"""


@pytest.fixture(autouse=True)
def _needs_chromium():
    if not os.access(CHROMIUM, os.X_OK):
        message = f"this test needs Chromium at {CHROMIUM} (apt-get install chromium fonts-wqy-microhei)"
        if os.environ.get("CPPCC_REQUIRE_BROWSER") == "1" or os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(message)
        pytest.skip(message)


def log_in(browser, base, user, next_path):
    context = browser.new_context(locale="zh-CN", accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{base}/accounts/login/?next={next_path}")
    form = page.locator("form", has=page.locator('input[name="password"]'))
    form.locator('input[name="username"]').fill(user.username)
    form.locator('input[name="password"]').fill(PASSWORD)
    form.locator('button[type="submit"], input[type="submit"]').first.click()
    page.wait_for_url(re.compile(re.escape(next_path) + "$"))
    return context, page


def wait_until(predicate, what, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}")


def state_label(state):
    with translation.override(settings.LANGUAGE_CODE):
        return str(Job.State(state).label)


def test_a_chair_watches_the_summary_being_generated_by_the_worker_and_a_member_cannot_download_it(
    celery_worker, live_server, browser, monkeypatch, tmp_path,
):
    # No shortcut: tasks go through Redis to the worker process, never run in this one.
    assert settings.CELERY_TASK_ALWAYS_EAGER is False and app.conf.task_always_eager is False
    ran_here = []
    runner = cppcc_services._job_runners[JOB_KIND]
    monkeypatch.setitem(cppcc_services._job_runners, JOB_KIND, lambda *a: ran_here.append(a) or runner(*a))

    committee = factories.committee("政协紫阳县委员会")
    secretariat = factories.user_with_role(Role.SECRETARIAT, committee)
    world = World(committee, secretariat)
    _case, (assignment,) = world.assigned()
    world.sent_reply(assignment, code="A")
    world.accepted(title="关于改善农村饮水安全的提案")
    chair = factories.user_with_role(Role.CHAIR, committee, username="chair-summary")
    year = world.session.plenary_start.year  # a year report holds the session whose plenary opens in it
    base = live_server.url
    queued, running, succeeded = (state_label(s) for s in (Job.State.QUEUED, Job.State.RUNNING, Job.State.SUCCEEDED))

    chair_context, page = log_in(browser, base, chair, "/admin/")
    locker = None
    try:
        # The 统计报表 menu leads to the work summaries and their request form.
        page.locator('a[href="/admin/reports/summaries/"]').first.wait_for(state="attached")
        page.goto(f"{base}/admin/reports/summaries/")
        form = page.locator("form[data-summary-form]")
        form.locator('select[name="committee"]').select_option(value=str(committee.pk))
        form.locator('input[name="period_kind"][value="year"]').check()
        form.locator('input[name="year"]').fill(str(year))
        form.locator('input[name="as_of"]').fill(world.today.isoformat())

        # Keep the solo worker busy for a few seconds, so the summary is still queued when its page is served.
        busy = job_start(kind="cppcc.selftest", title="busy", requester=secretariat, params={"n": 60, "delay": 0.1})
        wait_until(lambda: Job.objects.filter(pk=busy.pk, state=Job.State.RUNNING).exists(), "the worker to start")

        form.locator("button[type=submit]").click()
        page.wait_for_url(re.compile(r"/admin/jobs/[0-9a-f-]+/$"), timeout=TIMEOUT_MS)
        served_at = timezone.now()
        job_id = page.url.rstrip("/").rsplit("/", 1)[-1]
        report = SummaryReport.objects.select_related("job").get(job_id=job_id)
        period = (report.committee_id, report.year, report.session_id, report.as_of)
        assert period == (committee.pk, year, None, world.today)
        assert report.requested_by_id == chair.pk
        page.evaluate(RECORD_JS, SNAPSHOT_JS)
        first = page.evaluate("() => window.__seen[0]")
        assert first["state"] == queued and first["value"] == 0 and first["link"] is None, first

        # Hold the report row: the worker will compute the figures, then wait to store the files.
        locker = connections.create_connection("default")
        locker.set_autocommit(False)
        with locker.cursor() as cursor:
            cursor.execute("SELECT id FROM reports_summaryreport WHERE id = %s FOR UPDATE", [report.pk])

        # The page, polling on its own, shows the summary running with a part-filled bar.
        page.wait_for_function(
            f"() => {{ const s = ({SNAPSHOT_JS})(); return s.state === {running!r} && s.value > 0; }}",
            timeout=TIMEOUT_MS, polling=100,
        )
        middle = page.evaluate(SNAPSHOT_JS)
        done, total = (int(n) for n in middle["count"].split("/"))
        assert 0 < done < total and 0 < middle["value"] < 100 and middle["link"] is None, middle
        job = Job.objects.get(pk=job_id)
        assert job.state == Job.State.RUNNING and job.started_at > served_at  # it began after the page was served
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "summary-job-running.png"), full_page=True)

        locker.rollback()
        locker.close()
        locker = None
        page.wait_for_function(
            f"() => {{ const s = ({SNAPSHOT_JS})(); return s.state === {succeeded!r} && s.link; }}",
            timeout=TIMEOUT_MS, polling=100,
        )
        last = page.evaluate(SNAPSHOT_JS)
        assert last["value"] == 100 and last["count"] == f"{total}/{total}", last
        page.screenshot(path=str(SCREENSHOTS / "summary-job-succeeded.png"), full_page=True)
        seen = page.evaluate("() => window.__seen")
        states = [s["state"] for s in seen]
        assert states[0] == queued and running in states and states[-1] == succeeded, seen
        assert [s["value"] for s in seen] == sorted(s["value"] for s in seen), seen  # the bar only moves forward
        assert page.url.endswith(f"/admin/jobs/{job_id}/")  # no reload: the page updated itself

        job.refresh_from_db()
        report.refresh_from_db()
        assert job.state == Job.State.SUCCEEDED, job.message
        assert (job.done, job.total) == (total, total) and job.finished_at > job.started_at
        assert job.result_file_id == report.workbook_id and report.document_id
        assert last["link"] == f"/files/{report.workbook_id}/"
        assert ran_here == [] and celery_worker.poll() is None  # the worker process ran it, not this one

        # The download: the workbook's 总览 sheet (label in A, value in B) with the hand-counted figures.
        with page.expect_download() as info:
            page.locator("[data-job-result] a").click()
        assert info.value.suggested_filename == f"{committee.name}{year}年工作总结统计（截至{world.today:%Y%m%d}）.xlsx"
        target = tmp_path / "summary.xlsx"
        info.value.save_as(target)
        workbook = openpyxl.load_workbook(target)
        assert workbook.sheetnames[0] == "总览"
        sheet = workbook["总览"]
        today = world.today
        assert sheet["A1"].value == f"{committee.name} {year}年工作总结统计（截至{today.year}年{today.month}月{today.day}日）"
        overview = {row[0].value: row[1].value for row in sheet.iter_rows(min_row=4) if row[0].value}
        assert (overview["收到提案"], overview["立案"], overview["审查中"]) == (2, 2, 0)
        assert overview["办复率"] == 0.5
        assert sheet["B4"].value == 2  # 收到提案 is the first figure

        # The list of generated summaries shows who asked, the cut-off and the download.
        page.goto(f"{base}/admin/reports/summaries/")
        listing = page.locator("table[data-summary-list] tbody tr").first
        assert world.today.isoformat() in listing.inner_text()
        assert listing.locator(f'a[href="/files/{report.workbook_id}/"]').count() == 1
        assert listing.locator(f'a[href="/files/{report.document_id}/"]').count() == 1
    finally:
        if locker is not None:
            locker.rollback()
            locker.close()
        chair_context.close()

    # A member of the same committee, logged in through the same page, cannot reach either file.
    member_context, member_page = log_in(browser, base, world.proposer.user, "/portal/")
    try:
        for file_id in (report.workbook_id, report.document_id):
            response = member_page.goto(f"{base}/files/{file_id}/")
            assert response.status == 404
        response = member_page.request.get(f"{base}{last['link']}")
        assert response.status == 404 and not response.headers.get("content-disposition")
    finally:
        member_context.close()
