"""Background jobs: a row with progress and a result file; a failure lands in the row, not an error page."""

import datetime
import io
from unittest import mock

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone
from kombu.exceptions import OperationalError

from cppcc.models import Job
from cppcc.services import (
    JobError, file_store, job_retry, job_run, job_start, jobs_fail_stale, jobs_requeue, register_job,
)
from cppcc.tasks import run_job
from tests import factories


@register_job("tests.count")
def count_job(job, progress):
    n = job.params["n"]
    progress(0, n)
    for i in range(1, n + 1):
        progress(i)
    job.result_file = file_store(content=b"done", name="结果.txt", user=job.requester)
    job.save(update_fields=["result_file"])
    return f"counted {n}"


@register_job("tests.fail")
def failing_job(job, progress):
    raise JobError("第3行：界别不存在", result_file=file_store(content=b"x", name="错误.xlsx", user=job.requester))


@register_job("tests.crash")
def crashing_job(job, progress):
    raise RuntimeError("boom")


def test_job_runs_on_commit_and_records_progress(db, django_capture_on_commit_callbacks):
    user = factories.user()
    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(kind="tests.count", title="计数", requester=user, params={"n": 7})
    job.refresh_from_db()
    assert (job.state, job.done, job.total, job.percent, job.message) == (Job.State.SUCCEEDED, 7, 7, 100, "counted 7")
    assert job.result_file.name == "结果.txt" and job.finished_at >= job.started_at


def test_a_job_runs_once_even_if_delivered_twice(db):
    job = Job.objects.create(kind="tests.count", title="x", params={"n": 1})
    job_run(job.pk)
    job.refresh_from_db()
    finished = job.finished_at
    job_run(job.pk)
    job.refresh_from_db()
    assert job.finished_at == finished


def test_user_errors_and_crashes_end_failed_with_a_message(db):
    user = factories.user()
    failed = job_run(Job.objects.create(kind="tests.fail", title="x", requester=user).pk)
    assert failed.state == Job.State.FAILED and failed.message == "第3行：界别不存在"
    assert failed.result_file.name == "错误.xlsx"
    crashed = job_run(Job.objects.create(kind="tests.crash", title="x").pk)
    assert crashed.state == Job.State.FAILED and "boom" in crashed.message


def test_job_pages_show_own_jobs_only(client, secretariat, role_user):
    from members.models.roles import Role

    mine = Job.objects.create(kind="tests.count", title="我的导入", requester=secretariat, params={"n": 1})
    theirs = Job.objects.create(kind="tests.count", title="别人的导入", requester=factories.user(), params={"n": 1})
    client.force_login(secretariat)
    listing = client.get("/admin/jobs/").content.decode()
    assert "我的导入" in listing and "别人的导入" not in listing
    assert client.get(f"/admin/jobs/{mine.pk}/").status_code == 200
    assert client.get(f"/admin/jobs/{mine.pk}/status/").json()["state"] == "queued"
    assert client.get(f"/admin/jobs/{theirs.pk}/").status_code == 404
    # Administrators see every job; the auditor (三员分立: the audit log only) does not.
    client.force_login(role_user(Role.ADMIN))
    assert client.get(f"/admin/jobs/{theirs.pk}/").status_code == 200
    client.force_login(role_user(Role.AUDITOR))
    assert client.get(f"/admin/jobs/{theirs.pk}/").status_code == 404


def test_the_job_list_links_result_files_only_for_those_who_may_download_them(client, role_user):
    """A secretariat clerk sees the committee's jobs but not every file in them; the list decides per row
    with the download view's own rule (cppcc.files.user_can_read), with no query per row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from members.models.roles import Role

    clerk = role_user(Role.SECRETARIAT)
    committee_id = clerk.role_assignments.get().committee_id
    Job.objects.create(kind="tests.count", title="我的任务", requester=clerk, params={"committee_id": committee_id},
                       result_file=file_store(content=b"x", name="我的结果.txt", user=clerk))
    client.force_login(clerk)

    def listing():
        with CaptureQueriesContext(connection) as queries:
            html = client.get("/admin/jobs/").content.decode()
        return html, len(queries)

    listing()  # warm the per-process caches (menus, site)
    html, one = listing()
    for n in range(5):
        colleague = factories.user()  # a file of theirs, owned by no record: theirs alone to read
        Job.objects.create(kind="tests.count", title=f"同事的任务{n}", requester=colleague,
                           params={"committee_id": committee_id},
                           result_file=file_store(content=b"x", name=f"结果{n}.txt", user=colleague))
    html, six = listing()
    assert six == one
    assert "同事的任务0" in html and "我的结果.txt" in html and html.count('href="/files/') == 1


# --- jobs never vanish: a refused queue, a dead worker, a timeout, a retry ------------------------------


SEEN = []


@register_job("tests.seen")
def seen_job(job, progress):
    SEEN.append((job.attempts, job.eager))
    return "seen"


@register_job("tests.timeout")
def timeout_job(job, progress):
    raise SoftTimeLimitExceeded()


@pytest.fixture
def broker_down(monkeypatch):
    """A real (not eager) Celery whose broker refuses connections, as kombu reports it."""
    conf = run_job.app.conf
    eager = conf.task_always_eager
    conf.task_always_eager = False
    refused = mock.patch.object(run_job, "delay", side_effect=OperationalError("Error 111 connecting. Connection refused."))
    try:
        with refused as delay:
            yield delay
    finally:
        conf.task_always_eager = eager


def broker_back():
    """The broker is reachable again: a sent task is run (as the worker would)."""
    return mock.patch.object(run_job, "delay", side_effect=lambda pk: job_run(pk))


def test_a_job_the_queue_refuses_is_marked_at_once_and_sent_when_the_queue_is_back(
        db, client, django_capture_on_commit_callbacks, broker_down, secretariat):
    user = secretariat
    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(kind="tests.count", title="计数", requester=user, params={"n": 2})
    job.refresh_from_db()
    assert broker_down.call_count == 1
    assert job.state == Job.State.UNQUEUED and job.may_retry and "无法连接任务队列" in job.message  # the site language, zh-hans
    client.force_login(user)
    assert client.get(f"/admin/jobs/{job.pk}/status/").json()["waiting"] is True
    page = client.get(f"/admin/jobs/{job.pk}/").content.decode()
    assert "setTimeout(tick" not in page  # the page does not poll while nothing can change
    assert f"/admin/jobs/{job.pk}/retry/" in page

    assert jobs_requeue() == 0  # still down: it stays marked, nothing is lost
    job.refresh_from_db()
    assert job.state == Job.State.UNQUEUED
    with broker_back():
        assert jobs_requeue() == 1
    job.refresh_from_db()
    assert (job.state, job.message, job.attempts) == (Job.State.SUCCEEDED, "counted 2", 1)


def test_requeue_jobs_command_sends_refused_jobs_and_fails_silent_ones(db, broker_down):
    refused = Job.objects.create(kind="tests.count", title="x", params={"n": 1}, state=Job.State.UNQUEUED, retryable=True)
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    silent = Job.objects.create(kind="tests.count", title="y", state=Job.State.RUNNING, started_at=long_ago,
                                heartbeat_at=long_ago, attempts=1)
    with broker_back():
        call_command("requeue_jobs", "--stale", stdout=io.StringIO())
    refused.refresh_from_db()
    silent.refresh_from_db()
    assert refused.state == Job.State.SUCCEEDED
    assert silent.state == Job.State.FAILED and silent.retryable


def test_queued_jobs_no_worker_took_are_sent_again_after_a_while(db, broker_down):
    job = Job.objects.create(kind="tests.count", title="x", params={"n": 1})
    with broker_back():
        assert jobs_requeue() == 0  # just queued: the worker may be busy
        later = timezone.now() + datetime.timedelta(hours=1)
        assert jobs_requeue(now=later) == 1  # a broker restarted without its data lost it
    job.refresh_from_db()
    assert job.state == Job.State.SUCCEEDED


def test_a_running_job_gone_silent_is_failed_with_a_message_and_may_be_retried(db, settings):
    settings.JOB_STALE_SECONDS = 300
    settings.JOB_TIMEOUT_SECONDS = 1800
    now = timezone.now()
    ago = lambda **kw: now - datetime.timedelta(**kw)  # noqa: E731
    silent = Job.objects.create(kind="tests.count", title="x", state=Job.State.RUNNING, started_at=ago(minutes=20),
                                heartbeat_at=ago(minutes=6), attempts=1)
    alive = Job.objects.create(kind="tests.count", title="x", state=Job.State.RUNNING, started_at=ago(minutes=20),
                               heartbeat_at=ago(minutes=1), attempts=1)
    too_long = Job.objects.create(kind="tests.count", title="x", state=Job.State.RUNNING, started_at=ago(minutes=40),
                                  heartbeat_at=ago(seconds=5), attempts=1)
    assert jobs_fail_stale(now=now) == 2
    for job in (silent, alive, too_long):
        job.refresh_from_db()
    assert silent.state == Job.State.FAILED and silent.may_retry and "失去响应" in silent.message
    assert silent.finished_at == now
    assert alive.state == Job.State.RUNNING
    assert too_long.state == Job.State.FAILED and "30 分钟" in too_long.message


def test_a_redelivered_task_takes_over_a_silent_job_but_not_a_live_one(db):
    SEEN.clear()
    now = timezone.now()
    live = Job.objects.create(kind="tests.seen", title="x", state=Job.State.RUNNING, started_at=now,
                              heartbeat_at=now, attempts=1)
    assert job_run(live.pk).state == Job.State.RUNNING and SEEN == []
    old = now - datetime.timedelta(hours=1)
    dead = Job.objects.create(kind="tests.seen", title="x", state=Job.State.RUNNING, started_at=old,
                              heartbeat_at=old, attempts=1)
    dead = job_run(dead.pk)
    assert (dead.state, dead.attempts, SEEN) == (Job.State.SUCCEEDED, 2, [(2, False)])
    failed = Job.objects.create(kind="tests.seen", title="x", state=Job.State.FAILED, attempts=1)
    assert job_run(failed.pk).state == Job.State.FAILED and len(SEEN) == 1  # failed stays failed until retried


def test_an_eager_run_tells_the_runner_it_is_inside_a_request(db):
    SEEN.clear()
    job = Job.objects.create(kind="tests.seen", title="x")
    run_job.delay(str(job.pk))  # the test settings are eager
    assert SEEN == [(1, True)]


def test_a_job_past_its_time_limit_fails_with_a_message_and_may_be_retried(db, settings):
    settings.JOB_TIMEOUT_SECONDS = 600
    job = job_run(Job.objects.create(kind="tests.timeout", title="x").pk)
    assert job.state == Job.State.FAILED and job.retryable and "10 分钟" in job.message


def test_the_outcome_of_an_attempt_overtaken_by_a_retry_is_dropped(db):
    job = Job.objects.create(kind="tests.seen", title="x")

    def retried_meanwhile(job, progress):
        Job.objects.filter(pk=job.pk).update(attempts=job.attempts + 1, state=Job.State.QUEUED)
        return "old attempt"

    register_job("tests.overtaken")(retried_meanwhile)
    job.kind = "tests.overtaken"
    job.save()
    job = job_run(job.pk)
    assert (job.state, job.message) == (Job.State.QUEUED, "")


def test_retry_is_for_the_requester_and_job_managers_and_only_for_retryable_failures(db, role_user):
    from members.models.roles import Role

    requester, stranger = factories.user(), factories.user()
    crashed = job_run(Job.objects.create(kind="tests.crash", title="x", requester=requester).pk)
    user_error = job_run(Job.objects.create(kind="tests.fail", title="x", requester=requester).pk)
    assert crashed.may_retry and not user_error.may_retry
    with pytest.raises(PermissionDenied):
        job_retry(job=user_error, actor=requester)  # the data must change, not the attempt
    with pytest.raises(PermissionDenied):
        job_retry(job=crashed, actor=stranger)
    with pytest.raises(PermissionDenied):
        job_retry(job=crashed, actor=role_user(Role.AUDITOR))  # reads the audit log only
    job = job_retry(job=crashed, actor=role_user(Role.ADMIN))
    assert (job.state, job.message, job.finished_at, job.retryable) == (Job.State.QUEUED, "", None, False)
    assert "traceback" not in job.params and job.params["retries"][0]["from"] == "failed"


def test_the_retry_button_runs_the_job_again(client, db, django_capture_on_commit_callbacks, role_user, secretariat):
    from members.models.roles import Role

    requester = secretariat
    old = timezone.now() - datetime.timedelta(hours=1)
    job = Job.objects.create(kind="tests.count", title="计数", requester=requester, params={"n": 3},
                             state=Job.State.RUNNING, started_at=old, heartbeat_at=old, attempts=1)
    jobs_fail_stale()
    client.force_login(requester)
    page = client.get(f"/admin/jobs/{job.pk}/").content.decode()
    assert "Retry" in page or "重试" in page
    assert "setTimeout(tick" not in page
    assert client.get(f"/admin/jobs/{job.pk}/retry/").status_code == 405
    client.force_login(role_user(Role.AUDITOR))
    assert client.post(f"/admin/jobs/{job.pk}/retry/").status_code == 404  # 三员分立: no jobs to see
    client.force_login(role_user(Role.CHAIR))
    assert client.post(f"/admin/jobs/{job.pk}/retry/").status_code == 404  # not theirs to see
    client.force_login(requester)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/jobs/{job.pk}/retry/")
    assert response.status_code == 302 and response["Location"] == f"/admin/jobs/{job.pk}/"
    job.refresh_from_db()
    assert (job.state, job.done, job.attempts, job.message) == (Job.State.SUCCEEDED, 3, 2, "counted 3")


def test_a_running_job_page_polls_and_a_finished_one_does_not(client, db, secretariat):
    user = secretariat
    running = Job.objects.create(kind="tests.count", title="x", requester=user, state=Job.State.RUNNING)
    done = Job.objects.create(kind="tests.count", title="x", requester=user, state=Job.State.SUCCEEDED)
    client.force_login(user)
    assert "setTimeout(tick" in client.get(f"/admin/jobs/{running.pk}/").content.decode()
    assert "setTimeout(tick" not in client.get(f"/admin/jobs/{done.pk}/").content.decode()
