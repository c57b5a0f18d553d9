"""Invitations and leave: who is invited (by hand, sector, group, special committee or everyone), the
member's answer, leave (请假) asked for and decided. An approved leave excuses the member at every sitting
not yet attended."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from cppcc.history import save_audited
from members.models import ActivityGroup, Term, TermMembership
from consultations import notices, permissions
from consultations.models import Attendance, EventAction, Invitation

from .attendance import expect, mark
from .base import Status, lock, now, record, require_reason, same_committee, today, user_or_none


def term_of(activity) -> Term | None:
    """The term the activity falls in (by its first day), or the latest term."""
    day = activity.starts_on or today()
    terms = Term.objects.filter(committee_id=activity.committee_id)
    return (
        terms.filter(start_date__lte=day).filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .order_by("-start_date").first()
        or terms.order_by("-start_date").first()
    )


def _memberships(activity):
    term = term_of(activity)
    if term is None:
        return TermMembership.objects.none()
    day = activity.starts_on or today()
    return (TermMembership.objects.filter(term=term, member__committee_id=activity.committee_id)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=day)))


@transaction.atomic
def invite(*, activity, actor, members=(), sector=None, group=None, special_committee=None, everyone=False) -> list:
    """Invite members by hand, by sector, activity group or special committee, or all current-term members.

    Members already invited are left as they are; returns the new invitations.
    """
    activity = lock(activity)
    permissions.authorise(actor, activity)
    for obj, name in ((sector, "sector"), (group, "group"), (special_committee, "special_committee")):
        same_committee(obj, activity.committee_id, name)
    memberships = _memberships(activity).select_related("member")
    by_member = {m.member_id: m for m in memberships}
    wanted, via = [], Invitation.Via.HAND
    if everyone:
        wanted, via = [m.member for m in memberships], Invitation.Via.ALL
    elif sector is not None:
        wanted, via = [m.member for m in memberships if m.sector_id == sector.pk], Invitation.Via.SECTOR
    elif special_committee is not None:
        ids = set(memberships.filter(special_committees=special_committee).values_list("member_id", flat=True))
        wanted, via = [m.member for m in memberships if m.member_id in ids], Invitation.Via.SPECIAL_COMMITTEE
    elif group is not None:
        ids = set(ActivityGroup.members.through.objects.filter(activitygroup=group).values_list("member_id", flat=True))
        wanted, via = [m.member for m in memberships if m.member_id in ids], Invitation.Via.GROUP
    else:
        wanted = list(members)
        for member in wanted:
            same_committee(member, activity.committee_id, "members")
    if not wanted:
        raise ValidationError(_("Nobody to invite: no member of the term matches."))
    taken = set(activity.invitations.values_list("member_id", flat=True))
    sittings = list(activity.sittings.all())
    created, at = [], now()
    for member in sorted({m.pk: m for m in wanted}.values(), key=lambda m: m.member_number):
        if member.pk in taken:
            continue
        membership = by_member.get(member.pk)
        invitation = Invitation(
            committee_id=activity.committee_id, activity=activity, member=member,
            sector_id=membership.sector_id if membership else None, via=via, invited_at=at,
            invited_by=user_or_none(actor),
        )
        save_audited(invitation, actor=actor, reason=_("Invited"))
        record(activity=activity, action=EventAction.INVITED, actor=actor, invitation=invitation, member=member,
               to_state=Invitation.State.INVITED, data={"via": via}, at=at)
        for sitting in sittings:
            expect(invitation, sitting, actor=actor)
        created.append(invitation)
    if created:
        notices.invited(activity, created)
    return created


def _own_invitation(invitation, actor):
    invitation = Invitation.objects.select_for_update().select_related("activity", "member").get(pk=invitation.pk)
    member = permissions.member_of(actor)
    if member is None or member.pk != invitation.member_id:
        raise PermissionDenied(_("Only the invited member may answer this invitation."))
    return invitation


def _not_over(activity):
    if activity.last_ends_at is not None and activity.last_ends_at < now():
        raise ValidationError(_("The activity is over; ask the organiser to record your leave or attendance."))


def _set_state(invitation, *, actor, action, state, reason="", fields=(), change_reason=""):
    before = invitation.state
    invitation.state = state
    save_audited(invitation, actor=actor, reason=change_reason or state, fields=["state", *fields])
    record(activity=invitation.activity, action=action, actor=actor, invitation=invitation,
           member_id=invitation.member_id, from_state=before, to_state=state, reason=reason,
           supersede=Q(invitation=invitation, action__in=INVITATION_ACTIONS))


INVITATION_ACTIONS = (EventAction.INVITED, EventAction.ANSWER, EventAction.LEAVE_REQUESTED, EventAction.LEAVE_DECIDED)


@transaction.atomic
def invitation_answer(*, invitation, actor, attending: bool, reason="") -> Invitation:
    """The member says they will attend, or asks for leave (请假) with a reason."""
    if not attending:
        return leave_request(invitation=invitation, actor=actor, reason=reason)
    invitation = _own_invitation(invitation, actor)
    _not_over(invitation.activity)
    if invitation.state == Invitation.State.ACCEPTED:
        raise ValidationError(_("You have already said you will attend."))
    if invitation.state == Invitation.State.EXCUSED:
        raise ValidationError(_("Your leave was approved. If you come after all, sign in at the sitting."))
    invitation.answered_at = now()
    _set_state(invitation, actor=actor, action=EventAction.ANSWER, state=Invitation.State.ACCEPTED,
               fields=["answered_at"], change_reason=_("Will attend"))
    return invitation


@transaction.atomic
def leave_request(*, invitation, actor, reason) -> Invitation:
    """Ask for leave (请假) with a reason; the organiser approves or refuses it."""
    invitation = _own_invitation(invitation, actor)
    reason = require_reason(reason, _("Say why you cannot attend."))
    _not_over(invitation.activity)
    if invitation.state == Invitation.State.LEAVE_REQUESTED:
        raise ValidationError(_("You have already asked for leave; the organiser has not decided yet."))
    if invitation.state == Invitation.State.EXCUSED:
        raise ValidationError(_("Your leave has already been approved."))
    invitation.answered_at, invitation.leave_reason = now(), reason
    invitation.decided_at, invitation.decided_by, invitation.decision_reason = None, None, ""
    _set_state(invitation, actor=actor, action=EventAction.LEAVE_REQUESTED, state=Invitation.State.LEAVE_REQUESTED,
               reason=reason, fields=["answered_at", "leave_reason", "decided_at", "decided_by", "decision_reason"],
               change_reason=_("Leave requested"))
    notices.leave_requested(invitation)
    return invitation


@transaction.atomic
def leave_decide(*, invitation, actor, approve: bool, reason="") -> Invitation:
    """The organiser approves or refuses a leave request; approved leave excuses the member at every sitting
    not yet attended (the duty ledger records the excused absence)."""
    invitation = Invitation.objects.select_for_update().select_related("activity", "member").get(pk=invitation.pk)
    permissions.authorise(actor, invitation.activity)
    if invitation.state != Invitation.State.LEAVE_REQUESTED:
        raise ValidationError(_("There is no leave request waiting for a decision."))
    if not approve:
        reason = require_reason(reason, _("Say why the leave is refused."))
    invitation.decided_at, invitation.decided_by, invitation.decision_reason = now(), user_or_none(actor), reason or ""
    state = Invitation.State.EXCUSED if approve else Invitation.State.LEAVE_REFUSED
    _set_state(invitation, actor=actor, action=EventAction.LEAVE_DECIDED, state=state, reason=reason,
               fields=["decided_at", "decided_by", "decision_reason"],
               change_reason=_("Leave approved") if approve else _("Leave refused"))
    if approve:
        for attendance in invitation.attendances.select_related("sitting__activity__kind", "member"):
            if attendance.status in (Status.UNMARKED, Status.ABSENT):
                mark(attendance, status=Status.EXCUSED, actor=actor, method=Attendance.Method.LEAVE,
                     reason=invitation.leave_reason)
    notices.leave_decided(invitation, approved=approve)
    return invitation
