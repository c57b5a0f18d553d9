"""The in-site inbox: short notices for a user (not audited records, so no history)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from cppcc.text import CleanCharField


class Message(models.Model):
    class Kind(models.TextChoices):
        GENERAL = "general", _("Notice")
        COSIGN_INVITATION = "cosign_invitation", _("Co-signing invitation")
        REVIEW_OUTCOME = "review_outcome", _("Review outcome")
        ASSIGNMENT = "assignment", _("New assignment for the unit")
        RETURN_DECISION = "return_decision", _("Decision on a return")
        REPLY_SENT = "reply_sent", _("Reply received")
        EVALUATION_REQUESTED = "evaluation_requested", _("Evaluation requested")
        REHANDLING_OPENED = "rehandling_opened", _("Re-handling opened")

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="inbox")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.GENERAL)
    title = CleanCharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    # What the notice is about, so a screen can link to it without the sender knowing its URL.
    source_type = models.ForeignKey(ContentType, verbose_name=_("about (type)"), null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    source_id = models.CharField(_("about (id)"), max_length=64, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("inbox message")
        verbose_name_plural = _("inbox messages")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.title

    @property
    def link(self) -> str:
        """The stored URL, else the source's own page when it has one."""
        if self.url:
            return self.url
        source = self.source
        return source.get_absolute_url() if source is not None and hasattr(source, "get_absolute_url") else ""
