"""The admin carries the committee's name and emblem, not Wagtail's (issue #11; cppcc/brand.py reads it)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="image")
class AdminBrand(BaseGenericSetting):
    name = models.CharField(
        _("name shown in the admin"), max_length=100, blank=True,
        help_text=_("Empty: the name of the committee at the top (the first committee without a higher one)."),
    )
    emblem = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("emblem"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A square image of the committee's emblem, shown in the admin's menu. Empty: a plain placeholder mark."),
    )

    panels = [FieldPanel("name"), FieldPanel("emblem")]

    class Meta:
        verbose_name = _("admin branding")
