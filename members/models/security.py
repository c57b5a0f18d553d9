"""What login protection remembers per account (password age, the one live session) and the policy the
security administrator sets (password expiry)."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class AccountSecurity(models.Model):
    """One row per account, written by members.login_security (never by a form)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                                related_name="account_security")
    password_changed_at = models.DateTimeField(_("password changed at"), null=True, blank=True)
    session_key = models.CharField(_("current session"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("account security record")
        verbose_name_plural = _("account security records")

    def __str__(self):
        return str(self.user)


@register_setting(icon="lock")
class LoginPolicy(BaseGenericSetting):
    """The deployment's password rule; 0 days means passwords never expire."""

    password_max_age_days = models.PositiveIntegerField(
        _("password expires after (days)"), default=90, validators=[MaxValueValidator(3650)],
        help_text=_("After this many days a person must choose a new password before going on; 0 = never."),
    )

    class Meta:
        verbose_name = _("login policy")
        verbose_name_plural = _("login policy")
