"""Thin Celery tasks: they take ids and call services."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone


@shared_task(
    name="cppcc.tasks.run_job", bind=True,
    # A prefork worker stops a job at the soft limit (the job fails with a message) and kills it 60 s later;
    # the stale check covers pools without time limits (solo, threads) and eager runs.
    soft_time_limit=settings.JOB_TIMEOUT_SECONDS, time_limit=settings.JOB_TIMEOUT_SECONDS + 60,
)
def run_job(self, job_id):
    from cppcc.services import job_run

    eager = bool(self.request.is_eager)
    return job_run(job_id, eager=eager, heartbeat_every=None if eager else settings.JOB_HEARTBEAT_SECONDS).state


@shared_task(name="cppcc.tasks.requeue_jobs")
def requeue_jobs():
    """Beat: send again the jobs the broker refused while it was down."""
    from cppcc.services import jobs_requeue

    return jobs_requeue()


@shared_task(name="cppcc.tasks.fail_stale_jobs")
def fail_stale_jobs():
    """Beat: running jobs whose worker went silent become failed, with a message and a retry button."""
    from cppcc.services import jobs_fail_stale

    return jobs_fail_stale()


@shared_task(name="cppcc.tasks.ping")
def ping(value):
    """Round trip used by the integration test to prove a real worker is there."""
    return value


@shared_task(name="cppcc.tasks.purge_old_jobs")
def purge_old_jobs(days=180):
    """Forget finished job rows older than `days`; their files stay until the owner deletes them."""
    from cppcc.models import Job

    cutoff = timezone.now() - timedelta(days=days)
    deleted, _ = Job.objects.filter(finished_at__lt=cutoff).delete()
    return deleted


@shared_task(name="cppcc.tasks.deliver_messages")
def deliver_messages(message_ids):
    """E-mail and SMS for inbox messages, per each recipient's choice (idempotent: sent flags under a lock)."""
    from cppcc.notify_channels import deliver

    return [deliver(pk) for pk in message_ids]


@shared_task(name="cppcc.tasks.purge_audit_log")
def purge_audit_log():
    """Delete audit events older than AUDIT_RETENTION_DAYS (never younger than six months)."""
    from cppcc.audit import purge

    return purge()
