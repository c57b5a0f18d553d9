"""What an activity produced: speeches (the speaker earns a duty entry), suggestions with their adoption and
follow-up, and leaders' written instructions (批示)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from cppcc.history import save_audited
from cppcc.services import file_store
from members.models.ledger import DutyKind
from members.services import duty_record
from consultations import permissions
from consultations.models import EventAction, Instruction, Speech, Suggestion

from .base import local, lock, now, record, require_reason, same_committee, today, user_or_none


@transaction.atomic
def speech_record(*, activity, actor, member, title, mode=Speech.Mode.ORAL, text="", uploaded=None,
                  sitting=None) -> Speech:
    """Record a speech (oral or written, with its text or file); the speaker earns a speech entry."""
    permissions.authorise(actor, activity)
    same_committee(member, activity.committee_id, "member")
    if sitting is not None and sitting.activity_id != activity.pk:
        raise ValidationError({"sitting": _("This sitting belongs to another activity.")})
    if not (title or "").strip():
        raise ValidationError({"title": _("Give the speech's title.")})
    speech = Speech(committee_id=activity.committee_id, activity=activity, sitting=sitting, member=member, mode=mode,
                    title=title.strip(), text=text or "", recorded_at=now(), recorded_by=user_or_none(actor))
    save_audited(speech, actor=actor, reason=_("Speech recorded"))
    if uploaded is not None:
        speech.file = file_store(uploaded=uploaded, name=uploaded.name, user=actor, owner=speech)
        save_audited(speech, actor=actor, reason=_("Speech recorded"), fields=["file"])
    record(activity=activity, action=EventAction.SPEECH, actor=actor, speech=speech, member=member, to_state=mode)
    day = local(sitting.starts_at).date() if sitting else (activity.starts_on or today())
    duty_record(member=member, kind=DutyKind.WRITTEN_SPEECH if mode == Speech.Mode.WRITTEN else DutyKind.SPEECH,
                title=speech.title, duty_date=day, source=speech, basis=activity.kind.name, actor=actor)
    return speech


@transaction.atomic
def suggestion_record(*, activity, actor, text, addressed_to=None, member=None) -> Suggestion:
    """Record one suggestion the activity made (numbered within the activity)."""
    activity = lock(activity)
    permissions.authorise(actor, activity)
    if not (text or "").strip():
        raise ValidationError({"text": _("Write the suggestion.")})
    same_committee(addressed_to, activity.committee_id, "addressed_to")
    same_committee(member, activity.committee_id, "member")
    number = activity.suggestions.count() + 1  # the activity row is locked: numbers do not race
    suggestion = Suggestion(committee_id=activity.committee_id, activity=activity, number=number, text=text.strip(),
                            addressed_to=addressed_to, member=member, recorded_at=now(), recorded_by=user_or_none(actor))
    save_audited(suggestion, actor=actor, reason=_("Suggestion recorded"))
    record(activity=activity, action=EventAction.SUGGESTION, actor=actor, suggestion=suggestion,
           to_state=Suggestion.Adoption.PENDING)
    return suggestion


@transaction.atomic
def suggestion_adopt(*, suggestion, actor, adopted: bool, reason="") -> Suggestion:
    """Record whether the body adopted the suggestion (a dated event; changing it later needs a reason)."""
    suggestion = Suggestion.objects.select_for_update().select_related("activity").get(pk=suggestion.pk)
    permissions.authorise(actor, suggestion.activity)
    state = Suggestion.Adoption.ADOPTED if adopted else Suggestion.Adoption.NOT_ADOPTED
    if suggestion.adoption == state:
        raise ValidationError(_("This is already recorded."))
    if suggestion.adoption != Suggestion.Adoption.PENDING:
        reason = require_reason(reason, _("Changing an adoption decision is a correction: give the reason."))
    before = suggestion.adoption
    suggestion.adoption, suggestion.adoption_decided_at = state, now()
    save_audited(suggestion, actor=actor, reason=suggestion.get_adoption_display(), fields=["adoption", "adoption_decided_at"])
    record(activity=suggestion.activity, action=EventAction.ADOPTION, actor=actor, suggestion=suggestion,
           from_state=before, to_state=state, reason=reason,
           supersede=Q(suggestion=suggestion, action=EventAction.ADOPTION))
    return suggestion


@transaction.atomic
def suggestion_follow_up(*, suggestion, actor, text) -> Suggestion:
    """Add a dated line of follow-up (what the body did with the suggestion)."""
    suggestion = Suggestion.objects.select_for_update().select_related("activity").get(pk=suggestion.pk)
    permissions.authorise(actor, suggestion.activity)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the follow-up.")})
    line = f"{today():%Y-%m-%d} {text}"
    suggestion.follow_up = f"{suggestion.follow_up}\n{line}".strip()
    save_audited(suggestion, actor=actor, reason=_("Follow-up recorded"), fields=["follow_up"])
    record(activity=suggestion.activity, action=EventAction.FOLLOW_UP, actor=actor, suggestion=suggestion, reason=text)
    return suggestion


@transaction.atomic
def instruction_record(*, activity, actor, leader, text, given_on, suggestion=None) -> Instruction:
    """Record a leader's written instruction (批示) on the activity's report or on one suggestion."""
    permissions.authorise(actor, activity)
    if suggestion is not None and suggestion.activity_id != activity.pk:
        raise ValidationError({"suggestion": _("This suggestion belongs to another activity.")})
    if not (leader or "").strip():
        raise ValidationError({"leader": _("Name the leader.")})
    if not (text or "").strip():
        raise ValidationError({"text": _("Write the instruction.")})
    if given_on is None or given_on > today():
        raise ValidationError({"given_on": _("Give the date of the instruction (not in the future).")})
    instruction = Instruction(committee_id=activity.committee_id, activity=activity, suggestion=suggestion,
                              leader=leader.strip(), text=text.strip(), given_on=given_on, recorded_at=now(),
                              recorded_by=user_or_none(actor))
    save_audited(instruction, actor=actor, reason=_("Leader's instruction recorded"))
    record(activity=activity, action=EventAction.INSTRUCTION, actor=actor, suggestion=suggestion,
           data={"leader": instruction.leader, "given_on": given_on.isoformat()})
    return instruction
