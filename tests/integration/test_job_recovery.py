"""Jobs never vanish, with the real pieces: PostgreSQL, Redis and Celery workers.

- The broker is unreachable when a job is requested: the job is marked at once, and when the broker
  answers again `requeue_jobs` sends it and the worker runs it.
- A worker is killed (SIGKILL) half-way through a roster import: nothing was written, the stale check
  marks the job failed with a message, a retry runs it to completion on a new worker, every row once.

The second test runs its own workers on a queue of its own, so the session's worker cannot take the job.
"""

import io
import os
import signal
import subprocess
import sys
import time

import openpyxl
import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection

from cppcc.celery import app
from cppcc.models import Job
from cppcc.services import file_store, job_retry, job_start, jobs_fail_stale
from members.imports import MemberImporter
from members.models import Member
from tests import factories
from tests.integration.conftest import ROOT, _database_url, stop_process
from tests.integration.test_worker import wait_for_job

pytestmark = pytest.mark.integration

UNREACHABLE = "redis://127.0.0.1:1/0"  # nothing listens on port 1: connections are refused at once


@pytest.fixture
def broker_unreachable(monkeypatch):
    """This process's producer points at a dead broker (the shared Redis itself cannot be stopped here)."""
    def point_to(url):
        # Celery keeps a connection pool and a producer pool per app: forget both (internals, test only).
        app._pool = None
        app.amqp._producer_pool = None
        monkeypatch.setenv("CELERY_BROKER_URL", url)  # Celery reads the environment first
        app.conf.broker_url = url

    good = app.conf.broker_url
    point_to(UNREACHABLE)
    yield lambda: point_to(good)
    point_to(good)


@pytest.mark.django_db(transaction=True)
def test_a_job_requested_while_the_broker_is_down_is_marked_and_runs_when_it_returns(
        celery_worker, broker_unreachable):
    user = factories.user()
    started = time.monotonic()
    job = job_start(kind="cppcc.selftest", title="自检", requester=user, params={"n": 3})
    job.refresh_from_db()
    assert time.monotonic() - started < 15  # the request is told at once, not after minutes
    assert job.state == Job.State.UNQUEUED and job.may_retry, job.message
    assert "could not be reached" in job.message or "无法连接" in job.message

    out = io.StringIO()
    call_command("requeue_jobs", stdout=out)  # still down: it stays marked
    job.refresh_from_db()
    assert job.state == Job.State.UNQUEUED and "0 job(s) sent" in out.getvalue()

    broker_unreachable()  # the broker is back
    call_command("requeue_jobs", stdout=out)
    job = wait_for_job(job)
    assert job.state == Job.State.SUCCEEDED, job.message
    assert job.message == f"counted to 3 in process {celery_worker.pid}" and job.attempts == 1


def roster_workbook(committee, rows):
    term = factories.term(committee, 10)
    factories.sector(committee, "经济界")
    factories.party(committee, "中国民主同盟")
    wb = openpyxl.Workbook()
    ws = wb.active
    headers = [c.header for c in MemberImporter.columns]
    ws.append(headers)
    for n in range(1, rows + 1):
        row = {"委员编号": f"K{n:05d}", "姓名": f"委员{n}", "性别": "女", "界别": "经济界", "党派": "中国民主同盟",
               "手机": str(13900000000 + n)}
        ws.append([row.get(h) for h in headers])
    buffer = io.BytesIO()
    wb.save(buffer)
    return term, buffer.getvalue()


def start_worker(queue, log):
    env = {
        **os.environ, "DJANGO_SETTINGS_MODULE": "cppcc.settings.test",
        "DATABASE_URL": _database_url(connection.settings_dict),
        "CELERY_BROKER_URL": django_settings.CELERY_BROKER_URL,
        "CELERY_RESULT_BACKEND": django_settings.CELERY_RESULT_BACKEND,
        "CELERY_TASK_ALWAYS_EAGER": "false", "JOB_HEARTBEAT_SECONDS": "1", "PYTHONUNBUFFERED": "1",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "tests.integration.worker_app", "worker", "--pool=solo", "-l", "info",
         "-Q", queue, "--without-gossip", "--without-mingle", "--without-heartbeat",
         "-n", f"{queue}-{time.monotonic_ns()}@%h"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
    )


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_import_leaves_a_job_that_is_retried_to_completion_written_once(
        celery_worker, monkeypatch, settings):
    queue = f"recovery-{os.getpid()}"
    task = app.tasks["cppcc.tasks.run_job"]
    monkeypatch.setattr(task, "queue", queue, raising=False)
    monkeypatch.setattr(task, "_exec_options", None, raising=False)  # Celery caches the options it sends with
    settings.JOB_STALE_SECONDS = 4
    rows = 1500
    committee = factories.committee()
    term, content = roster_workbook(committee, rows)
    clerk = factories.user()
    clerk.is_superuser = True  # may import into any committee
    clerk.save()
    stored = file_store(content=content, name="名册.xlsx", user=clerk)
    log_path = ROOT / "var" / "test-results" / "celery-recovery-worker.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("w") as log:
        first = start_worker(queue, log)
        try:
            job = job_start(kind=MemberImporter.kind, title="名册导入", requester=clerk, input_file=stored,
                            params={"committee_id": committee.pk, "term_id": term.pk})
            deadline = time.monotonic() + 90
            while True:  # kill it once it is writing (progress past the checking half)
                job.refresh_from_db()
                if job.state == Job.State.RUNNING and job.total and job.done > job.total // 2:
                    break
                assert not job.is_finished, f"the import ended before it could be killed: {job.message}"
                assert time.monotonic() < deadline, f"job still {job.state} {job.done}/{job.total}"
                time.sleep(0.05)
            os.kill(first.pid, signal.SIGKILL)
            first.wait(timeout=10)
        finally:
            stop_process(first)

        assert Member.objects.filter(committee=committee).count() == 0  # one transaction: nothing half-written
        job.refresh_from_db()
        assert job.state == Job.State.RUNNING  # nobody has noticed yet
        time.sleep(settings.JOB_STALE_SECONDS + 1.5)
        assert jobs_fail_stale() == 1
        job.refresh_from_db()
        assert job.state == Job.State.FAILED and job.may_retry and "失去响应" in job.message

        second = start_worker(queue, log)
        try:
            job_retry(job=job, actor=clerk)
            job = wait_for_job(job, timeout=180)
        finally:
            stop_process(second)
    assert job.state == Job.State.SUCCEEDED, job.message
    assert job.attempts == 2 and str(rows) in job.message
    numbers = list(Member.objects.filter(committee=committee).values_list("member_number", flat=True))
    assert len(numbers) == rows == len(set(numbers))
