from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OnceToken(models.Model):
    """A create form's one-time token, claimed by the POST that created something (cppcc.forms.create_once).

    The unique token makes a second POST of the same form (a double click, a reload) wait for the first
    and then find what it made, instead of making a second draft."""

    token = models.UUIDField(_("token"), unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+")
    result_url = models.CharField(_("result"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("form token")
        verbose_name_plural = _("form tokens")

    def __str__(self):
        return str(self.token)
