"""How each person wants notices delivered beyond the inbox, and what was delivered by which channel."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationPreference(models.Model):
    """One row per user, created on first use. The inbox always receives every notice; e-mail and
    SMS are the person's choice, and kinds listed in `muted_kinds` stay in the inbox only."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="notification_preference",
    )
    email_enabled = models.BooleanField(_("send notices by e-mail"), default=True)
    sms_enabled = models.BooleanField(_("send notices by SMS"), default=False)
    # The number the person confirmed for notices (pre-filled from the member profile): a roster
    # number may be an office line, and SMS goes only where the person agreed.
    sms_phone = models.CharField(_("mobile number for SMS"), max_length=20, blank=True)
    muted_kinds = models.JSONField(_("notices kept in the inbox only"), default=list, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return str(self.user)

    def wants(self, channel: str, kind: str) -> bool:
        if kind in (self.muted_kinds or []):
            return False
        if channel == Delivery.Channel.EMAIL:
            return self.email_enabled
        if channel == Delivery.Channel.SMS:
            return self.sms_enabled
        return False


class Delivery(models.Model):
    """One inbox message sent (or tried) by one channel: the sent flag that makes retries safe."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        SMS = "sms", _("SMS")

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Not sent (no address)")

    message = models.ForeignKey("cppcc.Message", verbose_name=_("message"), on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    # Masked (138****5678, z***@example.cn): delivery rows are read by operators, not by the person.
    destination = models.CharField(_("sent to"), max_length=254, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-pk"]
        constraints = [models.UniqueConstraint(fields=["message", "channel"], name="delivery_one_per_channel")]

    def __str__(self):
        return f"{self.message_id}:{self.channel}:{self.state}"
