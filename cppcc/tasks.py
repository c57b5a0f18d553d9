"""Thin Celery tasks: they take ids and call services."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone


@shared_task(name="cppcc.tasks.run_job")
def run_job(job_id):
    from cppcc.services import job_run

    return job_run(job_id).state


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
