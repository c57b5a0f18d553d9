"""Invitations (with leave requests, 请假) and attendance per sitting."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from members.models import Committee, Member, Sector

from .activity import Activity, Sitting


class Invitation(models.Model):
    """A member invited to an activity, and their answer; leave (请假) is asked here and decided by the organiser."""

    class State(models.TextChoices):
        INVITED = "invited", _("Invited, not answered")
        ACCEPTED = "accepted", _("Will attend")
        LEAVE_REQUESTED = "leave_requested", _("Leave requested")
        EXCUSED = "excused", _("Leave approved")
        LEAVE_REFUSED = "leave_refused", _("Leave refused")

    class Via(models.TextChoices):
        HAND = "hand", _("Chosen by hand")
        SECTOR = "sector", _("By sector")
        GROUP = "group", _("By activity group")
        SPECIAL_COMMITTEE = "special_committee", _("By special committee")
        ALL = "all", _("All members of the term")

    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="+")
    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.PROTECT, related_name="invitations")
    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="activity_invitations")
    sector = models.ForeignKey(Sector, verbose_name=_("sector"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", help_text=_("The member's sector in the term of the activity."))
    state = models.CharField(_("answer"), max_length=20, choices=State.choices, default=State.INVITED, editable=False)
    via = models.CharField(pgettext_lazy("invitation source", "invited"), max_length=20, choices=Via.choices, default=Via.HAND, editable=False)
    invited_at = models.DateTimeField(_("invited at"), editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("invited by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True, editable=False)
    leave_reason = models.TextField(_("reason for leave"), blank=True, editable=False)
    decided_at = models.DateTimeField(_("leave decided at"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("leave decided by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decision_reason = models.TextField(_("reason for the decision"), blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["activity", "member__member_number"]
        constraints = [models.UniqueConstraint(fields=["activity", "member"], name="invitation_unique_member")]

    def __str__(self):
        return f"{self.member.name} · {self.activity.topic}"

    def get_absolute_url(self):
        return reverse("activities:detail", args=[self.activity_id])


class Attendance(models.Model):
    """One invited member at one sitting. `status` is what was marked; `counted` is what the figures count."""

    class Status(models.TextChoices):
        UNMARKED = "unmarked", _("Not marked yet")
        PRESENT = "present", _("Present")
        LATE = "late", _("Late")
        LEFT_EARLY = "left_early", _("Left early")
        EXCUSED = "excused", _("Excused (请假)")
        ABSENT = "absent", _("Absent")

    class Counted(models.TextChoices):
        UNMARKED = "unmarked", _("Not marked yet")
        PRESENT = "present", _("Present")
        EXCUSED = "excused", _("Excused (请假)")
        ABSENT = "absent", _("Absent")

    class Method(models.TextChoices):
        NONE = "", _("—")
        STAFF = "staff", _("Marked by staff")
        CODE = "code", _("Signed in with the code")
        QR = "qr", _("Signed in with the QR code")
        LEAVE = "leave", _("Leave decision")

    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="+")
    sitting = models.ForeignKey(Sitting, verbose_name=_("sitting"), on_delete=models.PROTECT, related_name="attendances")
    invitation = models.ForeignKey(Invitation, verbose_name=_("invitation"), on_delete=models.PROTECT, related_name="attendances")
    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="attendances")
    status = models.CharField(_("attendance"), max_length=12, choices=Status.choices, default=Status.UNMARKED, editable=False)
    counted = models.CharField(_("counted as"), max_length=10, choices=Counted.choices, default=Counted.UNMARKED, editable=False)
    minutes_attended = models.PositiveIntegerField(_("minutes attended"), null=True, blank=True, editable=False)
    method = models.CharField(pgettext_lazy("attendance method", "recorded by"), max_length=6, choices=Method.choices, blank=True, default="", editable=False)
    signed_in_at = models.DateTimeField(_("signed in at"), null=True, blank=True, editable=False)
    marked_at = models.DateTimeField(_("marked at"), null=True, blank=True, editable=False)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("marked by"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["sitting", "member__member_number"]
        constraints = [models.UniqueConstraint(fields=["sitting", "member"], name="attendance_unique_member")]

    def __str__(self):
        return f"{self.member.name} · {self.sitting} · {self.get_status_display()}"

    def get_absolute_url(self):
        return reverse("activities:detail", args=[self.sitting.activity_id])
