"""The committee's rules as data: activity kinds, consultation settings, and the annual consultation plan."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cppcc.text import CleanCharField
from members.models import Committee, SpecialCommittee


class KindGroup(models.TextChoices):
    """How the reports classify a kind of activity."""

    CONSULTATION = "consultation", _("Consultation (协商)")
    INSPECTION = "inspection", _("Inspection (视察)")
    RESEARCH = "research", _("Research (调研)")
    SUPERVISION = "supervision", _("Democratic supervision (民主监督)")
    OTHER = "other", _("Other")


class ActivityKind(models.Model):
    """A form of activity (全体会议, 专委会对口协商, 视察 ...): installed per committee, edited by the office."""

    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="+")
    code = models.SlugField(_("code"), max_length=40)
    name = CleanCharField(_("name"), max_length=60)
    group = models.CharField(_("kind group"), max_length=15, choices=KindGroup.choices, default=KindGroup.CONSULTATION)
    is_training = models.BooleanField(
        _("training"), default=False, help_text=_("Participants earn a training entry in the duty ledger."))
    participation_entry = models.BooleanField(
        _("participation earns a duty entry"), default=True,
        help_text=_("Besides attendance per sitting, one entry per activity for those who took part "
                    "(off for plenaries and standing-committee meetings, which are scored by attendance)."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activity kind")
        verbose_name_plural = _("activity kinds")
        ordering = ["committee", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["committee", "code"], name="activitykind_unique_code")]

    def __str__(self):
        return self.name


class ConsultationSettings(models.Model):
    """Attendance and sign-in rules of a committee (docs/domain.md#consultation-figures: under 2/3 of a sitting counts as absent)."""

    committee = models.OneToOneField(Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="+")
    short_attendance_counts_absent = models.BooleanField(
        _("attending under the threshold counts as absent"), default=True)
    attendance_threshold_percent = models.DecimalField(
        # xgettext:no-python-format
        _("attendance threshold (% of the sitting)"), max_digits=5, decimal_places=2, default=Decimal("66.67"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Late arrival or early departure with less of the sitting attended than this counts as absent."),
    )
    sign_in_opens_minutes = models.PositiveIntegerField(
        _("sign-in opens (minutes before the start)"), default=60)
    sign_in_closes_minutes = models.PositiveIntegerField(
        _("sign-in closes (minutes after the start)"), default=30,
        help_text=_("Members signing in after the start are recorded as late."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consultation settings")
        verbose_name_plural = _("consultation settings")
        ordering = ["committee"]

    def __str__(self):
        return str(self.committee)


class PlanItem(models.Model):
    """A planned topic of the annual consultation plan (年度协商计划)."""

    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    topic = models.CharField(_("topic"), max_length=200)
    kind = models.ForeignKey(ActivityKind, verbose_name=_("form"), on_delete=models.PROTECT, related_name="plan_items")
    organiser = models.ForeignKey(
        SpecialCommittee, verbose_name=_("organiser"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text=_("Leave empty when the office (办公室) organises it."),
    )
    month = models.PositiveSmallIntegerField(
        _("month"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)])
    notes = models.TextField(_("notes"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("consultation plan")
        ordering = ["committee", "-year", "month", "order", "pk"]

    def __str__(self):
        return f"{self.year} · {self.topic}"

    @property
    def organiser_label(self) -> str:
        from django.utils.translation import gettext

        return self.organiser.name if self.organiser_id else gettext("The office")

    def clean(self):
        from django.core.exceptions import ValidationError

        for name in ("kind", "organiser"):
            obj = getattr(self, name, None) if getattr(self, f"{name}_id") else None
            if obj is not None and self.committee_id and obj.committee_id != self.committee_id:
                raise ValidationError({name: _("This belongs to another committee.")})
