import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cppcc.text import CleanCharField


class Job(models.Model):
    """A long-running piece of work (import, report) whose progress the admin polls."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        # The broker refused the job (unreachable): re-sent by beat or `manage.py requeue_jobs`.
        UNQUEUED = "unqueued", _("Waiting for the job queue")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=50, db_index=True)
    title = CleanCharField(_("title"), max_length=200)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), null=True,
        on_delete=models.SET_NULL, related_name="cppcc_jobs",
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    message = models.TextField(_("message"), blank=True)
    input_file = models.ForeignKey(
        "cppcc.PrivateFile", verbose_name=_("input file"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    result_file = models.ForeignKey(
        "cppcc.PrivateFile", verbose_name=_("result file"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # Failed for a reason outside the user's data (dead worker, timeout, crash) or refused by the queue.
    retryable = models.BooleanField(_("may be retried"), default=False)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    @property
    def percent(self):
        if self.state == self.State.SUCCEEDED:
            return 100
        return int(self.done * 100 / self.total) if self.total else 0

    @property
    def is_finished(self):
        return self.state in (self.State.SUCCEEDED, self.State.FAILED)

    @property
    def is_waiting(self):
        """Final for the page's polling too: nothing changes until the queue is back (or a retry)."""
        return self.state == self.State.UNQUEUED

    @property
    def may_retry(self):
        return self.state in (self.State.FAILED, self.State.UNQUEUED) and self.retryable

    def get_absolute_url(self):
        return reverse("cppcc_job_detail", args=[self.pk])
