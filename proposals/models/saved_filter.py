"""A person's saved filters of an admin list (the secretariat's day): a name and the list's query string."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SavedFilter(models.Model):
    """One person's named query string of one admin list ("proposals"); nobody else sees it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                             related_name="saved_filters")
    list_name = models.CharField(_("list"), max_length=40)
    name = models.CharField(_("name"), max_length=60)
    querystring = models.CharField(_("filters"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("saved filter")
        verbose_name_plural = _("saved filters")
        ordering = ["list_name", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "list_name", "name"], name="saved_filter_unique_name"),
        ]

    def __str__(self):
        return self.name
