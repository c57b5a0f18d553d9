"""Background jobs: a row with progress and a result file; a failure lands in the row, not an error page."""

import pytest

from cppcc.models import Job
from cppcc.services import JobError, file_store, job_run, job_start, register_job
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
