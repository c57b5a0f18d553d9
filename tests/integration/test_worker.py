"""Background work really leaves the web process: a Celery worker over Redis, on PostgreSQL."""

import time

import pytest
from django.conf import settings

from cppcc.celery import app
from cppcc.models import Job
from cppcc.services import job_start
from cppcc.tasks import ping
from tests import factories

pytestmark = pytest.mark.integration


def wait_for_job(job, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.is_finished:
            return job
        time.sleep(0.1)
    pytest.fail(f"job {job.pk} still {job.state} ({job.done}/{job.total}) after {timeout}s")


def test_tasks_are_not_eager(celery_worker):
    assert settings.CELERY_TASK_ALWAYS_EAGER is False
    assert app.conf.task_always_eager is False
    assert app.conf.broker_url.startswith("redis://")


def test_ping_round_trips_through_the_worker(celery_worker):
    result = ping.apply_async(("委员履职",), ignore_result=False)
    assert result.get(timeout=30) == "委员履职"
    assert celery_worker.poll() is None


@pytest.mark.django_db(transaction=True)
def test_a_background_job_is_run_by_the_worker_with_progress(celery_worker):
    user = factories.user()
    job = job_start(kind="cppcc.selftest", title="自检", requester=user, params={"n": 5, "delay": 0.05})
    job = wait_for_job(job)
    assert job.state == Job.State.SUCCEEDED, job.message
    assert (job.done, job.total, job.percent) == (5, 5, 100)
    assert job.message == f"counted to 5 in process {celery_worker.pid}"
    assert job.started_at and job.finished_at >= job.started_at
