"""The summary's editable labels and the generated summaries (who asked, when, for which cut-off)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Committee, Session


class SummaryLabel(models.Model):
    """A committee's own wording of one overview figure (column A of 总览); the key never changes."""

    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="+")
    key = models.CharField(_("figure"), max_length=80)
    label = models.CharField(_("label"), max_length=100)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("summary label")
        verbose_name_plural = _("summary labels")
        ordering = ["committee", "key"]
        constraints = [models.UniqueConstraint(fields=["committee", "key"], name="summary_label_unique_key")]

    def __str__(self):
        return f"{self.key}: {self.label}"


class SummaryReport(models.Model):
    """One generated annual work summary: the period, the cut-off, who asked, the job and its files."""

    class PeriodKind(models.TextChoices):
        YEAR = "year", _("Calendar year")
        SESSION = "session", _("Session")

    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="+")
    period_kind = models.CharField(_("period"), max_length=10, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    session = models.ForeignKey(Session, verbose_name=_("session"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    as_of = models.DateField(_("cut-off date (截至)"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), null=True, on_delete=models.SET_NULL, related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    job = models.ForeignKey("cppcc.Job", verbose_name=_("background job"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    workbook = models.ForeignKey(
        "cppcc.PrivateFile", verbose_name=_("workbook"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    document = models.ForeignKey(
        "cppcc.PrivateFile", verbose_name=_("Word document"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    text = models.TextField(_("draft text"), blank=True)
    overview = models.JSONField(_("overview figures"), default=list, blank=True)
    generated_at = models.DateTimeField(_("generated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("work summary")
        verbose_name_plural = _("work summaries")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="summary_period_consistent",
                condition=Q(period_kind="year", year__isnull=False, session__isnull=True)
                | Q(period_kind="session", session__isnull=False, year__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{self.period_label} · {self.as_of:%Y-%m-%d}"

    @property
    def period(self):
        from members.periods import Period

        if self.period_kind == self.PeriodKind.SESSION:
            return Period.of_session(self.session)
        return Period.of_year(self.committee, self.year)

    @property
    def period_label(self) -> str:
        if self.period_kind == self.PeriodKind.SESSION:
            return str(self.session) if self.session_id else ""
        return f"{self.year}年"

    @property
    def file_stem(self) -> str:
        return f"{self.committee.short_name or self.committee.name}{self.period_label}工作总结统计（截至{self.as_of:%Y%m%d}）"

    def get_absolute_url(self):
        return reverse("reports:summary_detail", args=[self.pk])
