"""社情民意信息: short public-opinion reports. Minimal here: what a converted proposal becomes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cppcc.text import CleanCharField, CleanTextField
from members.models import Committee, Member

from .proposal import Proposal


class OpinionReport(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        EDITED = "edited", _("Edited")
        ISSUED = "issued", _("Issued")

    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="opinion_reports")
    title = CleanCharField(_("title"), max_length=200)
    body = CleanTextField(_("text"))
    reporter = models.ForeignKey(Member, verbose_name=_("reporter"), null=True, blank=True, on_delete=models.PROTECT, related_name="opinion_reports")
    source_proposal = models.OneToOneField(
        Proposal, verbose_name=_("converted from proposal"), null=True, blank=True, on_delete=models.PROTECT, related_name="opinion_report",
    )
    status = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("public-opinion report")
        verbose_name_plural = _("public-opinion reports")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title
