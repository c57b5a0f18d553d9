"""Dated events of activities (append-only): counts for a past cut-off read these rows.

A state event (attendance, leave, adoption) stands from `at` until a later event about the same subject
supersedes it (`superseded_at`), so "the state at a cut-off" is a plain filter, as the duty ledger does.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from members.models import Committee, Member

from .activity import Activity, Document, Place, Sitting
from .attendance import Attendance, Invitation
from .outputs import Speech, Suggestion


class EventAction(models.TextChoices):
    CREATED = "created", _("Activity created")
    UPDATED = "updated", _("Activity changed")
    SITTING_ADDED = "sitting_added", _("Sitting added")
    PLACE_ADDED = "place_added", _("Place visited recorded")
    DOCUMENT_ADDED = "document_added", _("Document added")
    INVITED = "invited", _("Invited")
    ANSWER = "answer", _("Invitation answered")
    LEAVE_REQUESTED = "leave_requested", _("Leave requested")
    LEAVE_DECIDED = "leave_decided", _("Leave decided")
    ATTENDANCE = "attendance", _("Attendance")
    SITTING_CLOSED = "sitting_closed", _("Attendance closed")
    SPEECH = "speech", _("Speech recorded")
    SUGGESTION = "suggestion", _("Suggestion recorded")
    ADOPTION = "adoption", _("Adoption decided")
    INSTRUCTION = "instruction", _("Leader's instruction recorded")
    FOLLOW_UP = "follow_up", _("Follow-up recorded")
    PROPOSAL_LINKED = "proposal_linked", _("Proposal linked")


class ActivityEvent(models.Model):
    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="+")
    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("action"), max_length=20, choices=EventAction.choices)
    sitting = models.ForeignKey(Sitting, verbose_name=_("sitting"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    invitation = models.ForeignKey(Invitation, verbose_name=_("invitation"), null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    attendance = models.ForeignKey(Attendance, verbose_name=_("attendance"), null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    speech = models.ForeignKey(Speech, verbose_name=_("speech"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    suggestion = models.ForeignKey(Suggestion, verbose_name=_("suggestion"), null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    proposal = models.ForeignKey("proposals.Proposal", verbose_name=_("proposal"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(Member, verbose_name=_("member"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    from_state = models.CharField(_("from"), max_length=20, blank=True)
    to_state = models.CharField(_("to"), max_length=20, blank=True)
    counted = models.CharField(_("counted as"), max_length=10, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("actor"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("at"), db_index=True)
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("activity event")
        verbose_name_plural = _("activity events")
        ordering = ["at", "pk"]
        indexes = [
            models.Index(fields=["activity", "action"]),
            models.Index(fields=["action", "at"]),
            models.Index(fields=["attendance", "action"]),
        ]

    def __str__(self):
        return f"{self.activity} · {self.get_action_display()} · {self.at:%Y-%m-%d}"

    # What from_state / to_state hold, per action: shown by their labels, never their codes.
    STATE_CHOICES = {
        EventAction.PLACE_ADDED: Place.Kind,
        EventAction.DOCUMENT_ADDED: Document.Kind,
        EventAction.INVITED: Invitation.State,
        EventAction.ANSWER: Invitation.State,
        EventAction.LEAVE_REQUESTED: Invitation.State,
        EventAction.LEAVE_DECIDED: Invitation.State,
        EventAction.ATTENDANCE: Attendance.Status,
        EventAction.SPEECH: Speech.Mode,
        EventAction.SUGGESTION: Suggestion.Adoption,
        EventAction.ADOPTION: Suggestion.Adoption,
    }

    def state_label(self, value) -> str:
        """A state's label ("未标记", "专委会对口协商"); the activity's form for its creation."""
        if not value:
            return ""
        if self.action == EventAction.CREATED:
            kind = self.activity.kind
            return kind.name if kind.code == value else value
        choices = self.STATE_CHOICES.get(self.action)
        if choices is not None:
            try:
                return str(choices(value).label)
            except ValueError:
                pass
        return value

    @property
    def from_label(self) -> str:
        return self.state_label(self.from_state)

    @property
    def to_label(self) -> str:
        return self.state_label(self.to_state)
