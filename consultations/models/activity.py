"""An activity (a meeting, consultation, inspection, research trip ...), its sittings, places and documents."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cppcc.text import CleanCharField, CleanTextField
from members.models import Body, Committee, Sector, SpecialCommittee

from .kinds import ActivityKind, PlanItem


class Activity(models.Model):
    """One activity. Who came, what was said and what was adopted hang off it; states are derived from dates."""

    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="+")
    kind = models.ForeignKey(ActivityKind, verbose_name=_("form"), on_delete=models.PROTECT, related_name="activities")
    plan_item = models.ForeignKey(
        PlanItem, verbose_name=_("plan item"), null=True, blank=True, on_delete=models.PROTECT, related_name="activities")
    topic = CleanCharField(_("topic"), max_length=200)
    description = CleanTextField(_("description"), blank=True)
    organiser = models.ForeignKey(
        SpecialCommittee, verbose_name=_("organiser"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text=_("Leave empty when the office (办公室) organises it."),
    )
    invited_bodies = models.ManyToManyField(
        Body, verbose_name=_("invited government bodies"), blank=True, related_name="invited_to_activities")
    invited_leaders = models.TextField(_("invited leaders"), blank=True, help_text=_("One per line: name and post."))
    partner_bodies = models.ManyToManyField(
        Body, verbose_name=_("held jointly with"), blank=True, related_name="joint_activities",
        help_text=_("A higher-level CPPCC, the people's congress, the discipline commission ..."))
    sectors = models.ManyToManyField(Sector, verbose_name=_("participating sectors"), blank=True, related_name="+")
    questionnaires = models.PositiveIntegerField(_("questionnaires collected"), default=0)
    problems_found = models.PositiveIntegerField(_("problems found"), default=0)
    minutes = models.TextField(_("minutes"), blank=True)
    proposals = models.ManyToManyField(
        "proposals.Proposal", verbose_name=_("proposals that came out of it"), blank=True, related_name="activities")
    # Kept by the sitting services: the first sitting, for periods, listings and the calendar.
    starts_on = models.DateField(_("first day"), null=True, blank=True, db_index=True, editable=False)
    first_starts_at = models.DateTimeField(_("first sitting starts"), null=True, blank=True, editable=False)
    last_ends_at = models.DateTimeField(_("last sitting ends"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+")
    created_at = models.DateTimeField(_("created at"), editable=False)
    history = HistoricalRecords(m2m_fields=[invited_bodies, partner_bodies, sectors])

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-starts_on", "-pk"]
        indexes = [models.Index(fields=["committee", "starts_on"])]

    def __str__(self):
        return self.topic

    def get_absolute_url(self):
        return reverse("activities:detail", args=[self.pk])

    @property
    def organiser_label(self) -> str:
        from django.utils.translation import gettext

        return self.organiser.name if self.organiser_id else gettext("The office")

    def state(self, moment=None) -> str:
        """upcoming / in progress / held, derived from the sittings' times."""
        moment = moment or timezone.now()
        if self.first_starts_at is None or self.first_starts_at > moment:
            return "upcoming"
        if self.last_ends_at is not None and self.last_ends_at >= moment:
            return "in_progress"
        return "held"

    def state_label(self, moment=None) -> str:
        from django.utils.translation import gettext, pgettext

        return {"upcoming": gettext("Upcoming"), "in_progress": pgettext("activity", "In progress"),
                "held": gettext("Held")}[self.state(moment)]


class Sitting(models.Model):
    """One sitting of an activity (a plenary has several): its time, place and sign-in code."""

    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="+")
    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.PROTECT, related_name="sittings")
    title = CleanCharField(_("title"), max_length=100, blank=True)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    sign_in_code = models.CharField(_("sign-in code"), max_length=12, editable=False)
    closed_at = models.DateTimeField(_("attendance closed at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sitting")
        verbose_name_plural = _("sittings")
        ordering = ["starts_at", "pk"]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gte=models.F("starts_at")), name="sitting_time_order")]

    def __str__(self):
        when = timezone.localtime(self.starts_at).strftime("%Y-%m-%d %H:%M")
        return f"{self.activity.topic} · {self.title or when}" if self.title else f"{self.activity.topic} · {when}"

    def get_absolute_url(self):
        return reverse("activities:detail", args=[self.activity_id])

    @property
    def duration_minutes(self) -> int:
        return max(1, int((self.ends_at - self.starts_at).total_seconds() // 60))


class Place(models.Model):
    """A stop of the itinerary of an inspection or research trip (towns, villages, sites visited)."""

    class Kind(models.TextChoices):
        TOWN = "town", _("Town or township")
        VILLAGE = "village", _("Village or community")
        SITE = "site", _("Site (enterprise, school, hospital ...)")
        OTHER = "other", _("Other")

    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="+")
    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.PROTECT, related_name="places")
    name = CleanCharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SITE)
    visited_on = models.DateField(_("visited on"), null=True, blank=True)
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("place visited")
        verbose_name_plural = _("places visited")
        ordering = ["activity", "visited_on", "pk"]

    def __str__(self):
        return self.name


class Document(models.Model):
    """Minutes, a report produced, a questionnaire or survey, or another file of the activity."""

    class Kind(models.TextChoices):
        MINUTES = "minutes", _("Minutes")
        REPORT = "report", _("Report produced")
        SURVEY = "survey", _("Questionnaire or survey")
        OTHER = "other", _("Other file")

    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="+")
    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OTHER)
    title = CleanCharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    file = models.ForeignKey("cppcc.PrivateFile", verbose_name=_("file"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activity document")
        verbose_name_plural = _("activity documents")
        ordering = ["activity", "created_at", "pk"]

    def __str__(self):
        return self.title
