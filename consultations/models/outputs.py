"""What an activity produced: speeches, suggestions (with adoption and follow-up) and leaders' instructions."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from cppcc.text import CleanCharField, CleanTextField
from members.models import Body, Committee, Member

from .activity import Activity, Sitting


class Speech(models.Model):
    class Mode(models.TextChoices):
        ORAL = "oral", _("Oral speech")
        WRITTEN = "written", _("Written speech")

    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="+")
    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.PROTECT, related_name="speeches")
    sitting = models.ForeignKey(Sitting, verbose_name=_("sitting"), null=True, blank=True, on_delete=models.PROTECT, related_name="speeches")
    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="speeches")
    mode = models.CharField(_("kind"), max_length=10, choices=Mode.choices, default=Mode.ORAL)
    title = CleanCharField(_("title"), max_length=200)
    text = CleanTextField(_("text"), blank=True)
    file = models.ForeignKey("cppcc.PrivateFile", verbose_name=_("file"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), editable=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("speech")
        verbose_name_plural = _("speeches")
        ordering = ["activity", "recorded_at", "pk"]

    def __str__(self):
        return f"{self.member.name} · {self.title}"

    def get_absolute_url(self):
        return reverse("activities:detail", args=[self.activity_id])


class Suggestion(models.Model):
    """One suggestion made to a body; adoption and follow-up are dated events (ActivityEvent)."""

    class Adoption(models.TextChoices):
        PENDING = "pending", _("Not decided yet")
        ADOPTED = "adopted", _("Adopted")
        NOT_ADOPTED = "not_adopted", _("Not adopted")

    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="+")
    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.PROTECT, related_name="suggestions")
    number = models.PositiveSmallIntegerField(_("number"), default=1, editable=False)
    text = CleanTextField(_("suggestion"))
    addressed_to = models.ForeignKey(Body, verbose_name=_("addressed to"), null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="consultation_suggestions")
    member = models.ForeignKey(Member, verbose_name=_("suggested by"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    adoption = models.CharField(_("adoption"), max_length=12, choices=Adoption.choices, default=Adoption.PENDING,
                                editable=False)
    adoption_decided_at = models.DateTimeField(_("adoption decided at"), null=True, blank=True, editable=False)
    follow_up = models.TextField(_("follow-up"), blank=True, editable=False)
    recorded_at = models.DateTimeField(_("recorded at"), editable=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = pgettext_lazy("consultation", "suggestions")
        ordering = ["activity", "number", "pk"]

    def __str__(self):
        return f"{self.activity.topic} · {self.number}"

    def get_absolute_url(self):
        return reverse("activities:detail", args=[self.activity_id])


class Instruction(models.Model):
    """A leader's written instruction (批示) on the activity's report or on one suggestion."""

    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="+")
    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.PROTECT, related_name="instructions")
    suggestion = models.ForeignKey(Suggestion, verbose_name=_("suggestion"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="instructions")
    leader = models.CharField(_("leader"), max_length=100, help_text=_("Name and post, e.g. 县长 王某"))
    text = models.TextField(_("instruction"))
    given_on = models.DateField(_("given on"))
    recorded_at = models.DateTimeField(_("recorded at"), editable=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("leader's instruction")
        verbose_name_plural = _("leaders' instructions")
        ordering = ["activity", "given_on", "pk"]

    def __str__(self):
        return f"{self.leader} · {self.given_on}"
