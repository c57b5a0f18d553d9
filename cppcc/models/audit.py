"""The audit log: who did what, from where, to which record, with what result. Append-only.

Rows are written only by `cppcc.audit.record`. Nothing in the system edits or deletes them: the model
refuses a second save and any delete, the queryset refuses update() and delete(), the admin has no
edit or delete views, and on PostgreSQL a trigger (migration 0006) rejects UPDATE and DELETE too. The
one exception is the retention purge (`cppcc.audit.purge`), which deletes rows older than the
retention period, never younger than six months.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AuditRefused(Exception):
    """An attempt to change or delete an audit row."""


class AuditAction(models.TextChoices):
    LOGIN = "login", _("Login")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOGOUT = "logout", _("Logout")
    LOCKOUT = "lockout", _("Account locked out")
    UNLOCK = "unlock", _("Account unlocked")
    PASSWORD_CHANGE = "password_change", _("Password change")
    PERMISSION_CHANGE = "permission_change", _("Permission change")
    EXPORT = "export", _("Export")
    FILE_DOWNLOAD = "file_download", _("File download")
    WORKFLOW = "workflow", _("Workflow action")
    ACCESS_REFUSED = "access_refused", _("Access refused")
    PURGE = "purge", _("Audit log purge")


class AuditResult(models.TextChoices):
    SUCCESS = "success", _("Success")
    FAILURE = "failure", _("Failure")
    REFUSED = "refused", _("Refused")


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditRefused("audit events are never changed")

    def delete(self):
        raise AuditRefused("audit events are deleted only by the retention purge")

    # Wagtail's snippet bulk delete and some helpers call these; refuse them as well.
    def bulk_update(self, objs, fields, batch_size=None):
        raise AuditRefused("audit events are never changed")

    def update_or_create(self, *args, **kwargs):
        raise AuditRefused("audit events are never changed")

    def _purge_older_than(self, cutoff):
        """The retention purge's own delete (cppcc.audit.purge checks the cutoff and sets the DB flag)."""
        return models.QuerySet.delete(self.filter(at__lt=cutoff))


class AuditEvent(models.Model):
    at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("actor"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    # Kept even when the account is deleted later (the foreign key then becomes empty).
    actor_name = models.CharField(_("actor name"), max_length=150, blank=True, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=30, choices=AuditAction.choices)
    object_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    object_id = models.CharField(_("object ID"), max_length=64, blank=True)
    object_label = models.CharField(_("object"), max_length=255, blank=True)
    result = models.CharField(pgettext_lazy("audit", "result"), max_length=10, choices=AuditResult.choices, default=AuditResult.SUCCESS)
    detail = models.TextField(_("detail"), blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-pk"]
        # No add/change/delete: the log is written by the system only. `view` is the auditor's.
        default_permissions = ("view",)
        indexes = [
            models.Index(fields=["actor", "at"], name="cppcc_audit_actor_at"),
            models.Index(fields=["action", "at"], name="cppcc_audit_action_at"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_name or '-'} {self.get_action_display()} {self.object_label}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditRefused("audit events are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditRefused("audit events are deleted only by the retention purge")
