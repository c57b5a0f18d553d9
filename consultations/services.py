"""Every write of consultations/: one function per action, keyword-only, atomic, with a dated event.

Each action writes an ActivityEvent (who, when, why, from, to) so the statistics can be taken as of any
cut-off, saves with a simple-history reason, and writes the duty ledger through members.services
(谁组织谁记录: the organiser's records earn the members their entries). A correction (leave later marked
present) voids the standing entry and records the new one: never a duplicate. Times come from
cppcc.clock, so a replay (the demo's year of meetings) carries its own dates.
"""

import datetime
import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from cppcc import audit, clock
from cppcc.history import save_audited
from cppcc.services import file_store
from members.models import ActivityGroup, Term, TermMembership
from members.models.ledger import DutyKind
from members.services import duty_record, duty_void

from . import permissions
from .defaults import DEFAULT_KINDS
from .models import (
    Activity, ActivityEvent, ActivityKind, Attendance, ConsultationSettings, Document, EventAction, Instruction,
    Invitation, Place, Sitting, Speech, Suggestion,
)

Status, Counted = Attendance.Status, Attendance.Counted
ACTIVITY_FIELDS = (
    "kind", "plan_item", "topic", "description", "organiser", "invited_leaders", "questionnaires", "problems_found",
    "minutes",
)


# ---- helpers


def now() -> datetime.datetime:
    return clock.now()


def local(moment) -> datetime.datetime:
    return timezone.localtime(moment)



def _actor(actor):
    return actor if getattr(actor, "pk", None) else None


def _event(*, activity, action, actor=None, reason="", supersede=None, at=None, **fields) -> ActivityEvent:
    """Append a dated event; `supersede` (a Q) names the earlier standing events of the same subject it replaces."""
    at = at or now()
    if supersede is not None:
        ActivityEvent.objects.filter(supersede, superseded_at__isnull=True).update(superseded_at=at)
    event = ActivityEvent.objects.create(
        committee_id=activity.committee_id, activity=activity, action=action, actor=_actor(actor),
        reason=reason or "", at=at, **fields,
    )
    # Every activity action passes here; inside the service's transaction (rolled back, no audit row).
    with translation.override(settings.LANGUAGE_CODE):  # labels, not codes, in the site's language
        before, after = event.from_label, event.to_label
        moved = f": {before} → {after}" if before else (f": {after}" if after else "")
        detail = f"{action} {event.get_action_display()}{moved}" + (f"; reason: {event.reason}" if event.reason else "")
    audit.record(audit.AuditAction.WORKFLOW, actor=event.actor, obj=activity, detail=detail)
    return event


def _lock(obj):
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)


def _require_reason(reason, message):
    if not (reason or "").strip():
        raise ValidationError({"reason": message})
    return reason.strip()


def _same_committee(obj, committee_id, field):
    if obj is not None and obj.committee_id != committee_id:
        raise ValidationError({field: _("This belongs to another committee.")})


# ---- rules as data


def settings_for(committee) -> ConsultationSettings:
    committee_id = getattr(committee, "pk", committee)
    rules = ConsultationSettings.objects.filter(committee_id=committee_id).first()
    if rules is None:
        rules = ConsultationSettings(committee_id=committee_id)
        save_audited(rules, actor=None, reason=_("Default rules installed"))
    return rules


@transaction.atomic
def kinds_install_defaults(committee) -> int:
    """Install the default forms of activity and settings (docs/domain.md#rules-are-data); existing rows are left as edited."""
    settings_for(committee)
    existing = set(ActivityKind.objects.filter(committee=committee).values_list("code", flat=True))
    created = 0
    for order, (code, name, group, training, participation) in enumerate(DEFAULT_KINDS, 1):
        if code in existing:
            continue
        save_audited(ActivityKind(committee=committee, code=code, name=name, group=group, is_training=training,
                           participation_entry=participation, order=order),
              actor=None, reason=_("Default rules installed"))
        created += 1
    return created


# ---- activities and sittings


def _new_code() -> str:
    return f"{secrets.randbelow(10 ** 6):06d}"


def _check_times(starts_at, ends_at):
    if starts_at is None or ends_at is None:
        raise ValidationError({"starts_at": _("Give the start and the end of the sitting.")})
    if ends_at < starts_at:
        raise ValidationError({"ends_at": _("The sitting ends before it starts.")})


def _refresh_dates(activity):
    sittings = list(activity.sittings.order_by("starts_at").values_list("starts_at", "ends_at"))
    if sittings:
        activity.first_starts_at = sittings[0][0]
        activity.starts_on = local(sittings[0][0]).date()
        activity.last_ends_at = max(end for _start, end in sittings)
    Activity.objects.filter(pk=activity.pk).update(
        first_starts_at=activity.first_starts_at, starts_on=activity.starts_on, last_ends_at=activity.last_ends_at)


@transaction.atomic
def activity_create(*, actor, committee, kind, topic, starts_at, ends_at, place="", sitting_title="",
                    organiser=None, plan_item=None, description="", invited_bodies=(), partner_bodies=(),
                    sectors=(), invited_leaders="", questionnaires=0, problems_found=0) -> Activity:
    """Create an activity with its first sitting; only the committee's organisers may."""
    permissions.authorise(actor, committee_id=committee.pk, organiser_id=getattr(organiser, "pk", None))
    if not (topic or "").strip():
        raise ValidationError({"topic": _("Give the topic.")})
    for obj, name in ((kind, "kind"), (organiser, "organiser"), (plan_item, "plan_item")):
        _same_committee(obj, committee.pk, name)
    for body in list(invited_bodies) + list(partner_bodies):
        _same_committee(body, committee.pk, "invited_bodies")
    _check_times(starts_at, ends_at)
    activity = Activity(
        committee=committee, kind=kind, topic=topic.strip(), organiser=organiser, plan_item=plan_item,
        description=description, invited_leaders=invited_leaders, questionnaires=questionnaires or 0,
        problems_found=problems_found or 0, created_by=_actor(actor), created_at=now(),
    )
    save_audited(activity, actor=actor, reason=_("Activity created"))
    activity.invited_bodies.set(invited_bodies)
    activity.partner_bodies.set(partner_bodies)
    activity.sectors.set(sectors)
    _event(activity=activity, action=EventAction.CREATED, actor=actor, to_state=kind.code)
    sitting_add(activity=activity, actor=actor, starts_at=starts_at, ends_at=ends_at, place=place, title=sitting_title)
    activity.refresh_from_db(fields=["starts_on", "first_starts_at", "last_ends_at"])
    return activity


@transaction.atomic
def activity_update(*, activity, actor, reason="", **fields) -> Activity:
    """Change the plain facts of an activity (topic, organiser, plan item, outputs' numbers ...)."""
    activity = _lock(activity)
    permissions.authorise(actor, activity)
    unknown = set(fields) - set(ACTIVITY_FIELDS) - {"invited_bodies", "partner_bodies", "sectors"}
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    if "organiser" in fields:
        _same_committee(fields["organiser"], activity.committee_id, "organiser")
        permissions.authorise(actor, committee_id=activity.committee_id,
                              organiser_id=getattr(fields["organiser"], "pk", None))
    m2m = {name: fields.pop(name) for name in ("invited_bodies", "partner_bodies", "sectors") if name in fields}
    changed = [name for name, value in fields.items() if getattr(activity, name) != value]
    for name in changed:
        setattr(activity, name, fields[name])
    if changed:
        save_audited(activity, actor=actor, reason=reason or _("Activity changed"))
    for name, values in m2m.items():
        getattr(activity, name).set(values)
    if changed or m2m:
        _event(activity=activity, action=EventAction.UPDATED, actor=actor, reason=reason,
               data={"fields": changed + sorted(m2m)})
    return activity


@transaction.atomic
def sitting_add(*, activity, actor, starts_at, ends_at, place="", title="") -> Sitting:
    """Add a sitting (a plenary has several); every invited member is expected at it."""
    activity = _lock(activity)
    permissions.authorise(actor, activity)
    _check_times(starts_at, ends_at)
    sitting = Sitting(committee_id=activity.committee_id, activity=activity, title=title or "", starts_at=starts_at,
                      ends_at=ends_at, place=place or "", sign_in_code=_new_code(), created_at=now())
    save_audited(sitting, actor=actor, reason=_("Sitting added"))
    _refresh_dates(activity)
    _event(activity=activity, action=EventAction.SITTING_ADDED, actor=actor, sitting=sitting)
    for invitation in activity.invitations.select_related("member"):
        _expect(invitation, sitting, actor=actor)
    if sitting.activity is not activity:
        sitting.activity = activity
    return sitting


@transaction.atomic
def place_add(*, activity, actor, name, kind=Place.Kind.SITE, visited_on=None, notes="") -> Place:
    """Record a stop of the itinerary (town, village, site visited)."""
    permissions.authorise(actor, activity)
    if not (name or "").strip():
        raise ValidationError({"name": _("Give the place's name.")})
    place = Place(committee_id=activity.committee_id, activity=activity, name=name.strip(), kind=kind,
                  visited_on=visited_on, notes=notes or "", recorded_at=now())
    save_audited(place, actor=actor, reason=_("Place visited recorded"))
    _event(activity=activity, action=EventAction.PLACE_ADDED, actor=actor, to_state=kind, data={"name": place.name})
    return place


@transaction.atomic
def document_add(*, activity, actor, kind, title, text="", uploaded=None, content=None, filename="") -> Document:
    """Add minutes, a report produced, a questionnaire or another file (stored privately, type checked)."""
    permissions.authorise(actor, activity)
    if not (title or "").strip():
        raise ValidationError({"title": _("Give the document's title.")})
    document = Document(committee_id=activity.committee_id, activity=activity, kind=kind, title=title.strip(),
                        text=text or "", created_by=_actor(actor), created_at=now())
    save_audited(document, actor=actor, reason=_("Document added"))
    if uploaded is not None or content is not None:
        document.file = file_store(uploaded=uploaded, content=content, name=filename or getattr(uploaded, "name", title),
                                   user=actor, owner=document)
        save_audited(document, actor=actor, reason=_("Document added"), fields=["file"])
    _event(activity=activity, action=EventAction.DOCUMENT_ADDED, actor=actor, to_state=kind,
           data={"title": document.title})
    return document


@transaction.atomic
def proposal_link(*, activity, actor, proposal) -> Activity:
    """Link a proposal that came out of the activity (or the case a proposal-handling consultation is about)."""
    permissions.authorise(actor, activity)
    _same_committee(proposal, activity.committee_id, "proposal")
    if activity.proposals.filter(pk=proposal.pk).exists():
        raise ValidationError({"proposal": _("This proposal is already linked.")})
    activity.proposals.add(proposal)
    _event(activity=activity, action=EventAction.PROPOSAL_LINKED, actor=actor, proposal=proposal)
    return activity


# ---- invitations


def term_of(activity) -> Term | None:
    """The term the activity falls in (by its first day), or the latest term."""
    day = activity.starts_on or clock.today()
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
    day = activity.starts_on or clock.today()
    return (TermMembership.objects.filter(term=term, member__committee_id=activity.committee_id)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=day)))


def _expect(invitation, sitting, *, actor):
    """An invited member is expected at the sitting (unmarked until someone records what happened)."""
    attendance, created = Attendance.objects.get_or_create(
        sitting=sitting, member_id=invitation.member_id,
        defaults={"committee_id": invitation.committee_id, "invitation": invitation},
    )
    if created:
        _event(activity=sitting.activity, action=EventAction.ATTENDANCE, actor=actor, sitting=sitting,
               invitation=invitation, attendance=attendance, member_id=invitation.member_id,
               to_state=Status.UNMARKED, counted=Counted.UNMARKED)
        if invitation.state == Invitation.State.EXCUSED:
            _mark(attendance, status=Status.EXCUSED, actor=actor, method=Attendance.Method.LEAVE,
                  reason=invitation.leave_reason)
    return attendance


@transaction.atomic
def invite(*, activity, actor, members=(), sector=None, group=None, special_committee=None, everyone=False) -> list:
    """Invite members by hand, by sector, activity group or special committee, or all current-term members.

    Members already invited are left as they are; returns the new invitations.
    """
    activity = _lock(activity)
    permissions.authorise(actor, activity)
    for obj, name in ((sector, "sector"), (group, "group"), (special_committee, "special_committee")):
        _same_committee(obj, activity.committee_id, name)
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
            _same_committee(member, activity.committee_id, "members")
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
            sector_id=membership.sector_id if membership else None, via=via, invited_at=at, invited_by=_actor(actor),
        )
        save_audited(invitation, actor=actor, reason=_("Invited"))
        _event(activity=activity, action=EventAction.INVITED, actor=actor, invitation=invitation, member=member,
               to_state=Invitation.State.INVITED, data={"via": via}, at=at)
        for sitting in sittings:
            _expect(invitation, sitting, actor=actor)
        created.append(invitation)
    if created:
        _notify_invited(activity, created)
    return created


def _notify_invited(activity, invitations):
    from cppcc import inbox
    from cppcc.models import Message

    users = [i.member.user_id for i in invitations if i.member.user_id]
    url = activity.get_absolute_url()
    title = _("Invitation: %(topic)s") % {"topic": activity.topic}
    when = local(activity.first_starts_at).strftime("%Y-%m-%d %H:%M") if activity.first_starts_at else ""
    body = _("%(kind)s, organised by %(organiser)s, from %(when)s. Answer in the portal; ask for leave there if "
             "you cannot attend.") % {"kind": activity.kind.name, "organiser": activity.organiser_label, "when": when}
    inbox.queue(users=users, kind=Message.Kind.GENERAL, title=title, body=body, url=url, source=activity)


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
    _event(activity=invitation.activity, action=action, actor=actor, invitation=invitation,
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
    reason = _require_reason(reason, _("Say why you cannot attend."))
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
    _notify_organiser(invitation)
    return invitation


def _notify_organiser(invitation):
    from cppcc import inbox
    from cppcc.models import Message
    from members.models.roles import Role, RoleAssignment

    activity = invitation.activity
    assignments = RoleAssignment.objects.active().filter(committee_id=activity.committee_id)
    q = Q(role=Role.SECRETARIAT)
    q |= Q(role=Role.SPECIAL_STAFF) & (Q(special_committee__isnull=True) | Q(special_committee_id=activity.organiser_id))
    users = list(assignments.filter(q).values_list("user_id", flat=True))
    from django.urls import reverse

    url = reverse("activities_admin:inspect", args=[activity.pk])
    title = _("Leave requested: %(name)s, %(topic)s") % {"name": invitation.member.name, "topic": activity.topic}
    inbox.queue(users=users, kind=Message.Kind.GENERAL, title=title, body=invitation.leave_reason, url=url,
                source=activity)


@transaction.atomic
def leave_decide(*, invitation, actor, approve: bool, reason="") -> Invitation:
    """The organiser approves or refuses a leave request; approved leave excuses the member at every sitting
    not yet attended (the duty ledger records the excused absence)."""
    invitation = Invitation.objects.select_for_update().select_related("activity", "member").get(pk=invitation.pk)
    permissions.authorise(actor, invitation.activity)
    if invitation.state != Invitation.State.LEAVE_REQUESTED:
        raise ValidationError(_("There is no leave request waiting for a decision."))
    if not approve:
        reason = _require_reason(reason, _("Say why the leave is refused."))
    invitation.decided_at, invitation.decided_by, invitation.decision_reason = now(), _actor(actor), reason or ""
    state = Invitation.State.EXCUSED if approve else Invitation.State.LEAVE_REFUSED
    _set_state(invitation, actor=actor, action=EventAction.LEAVE_DECIDED, state=state, reason=reason,
               fields=["decided_at", "decided_by", "decision_reason"],
               change_reason=_("Leave approved") if approve else _("Leave refused"))
    if approve:
        for attendance in invitation.attendances.select_related("sitting__activity__kind", "member"):
            if attendance.status in (Status.UNMARKED, Status.ABSENT):
                _mark(attendance, status=Status.EXCUSED, actor=actor, method=Attendance.Method.LEAVE,
                      reason=invitation.leave_reason)
    _notify_member(invitation, approve)
    return invitation


def _notify_member(invitation, approve):
    from cppcc import inbox
    from cppcc.models import Message

    user_id = invitation.member.user_id
    if not user_id:
        return
    activity = invitation.activity
    title = (_("Leave approved: %(topic)s") if approve else _("Leave refused: %(topic)s")) % {"topic": activity.topic}
    inbox.queue(users=[user_id], kind=Message.Kind.GENERAL, title=title, body=invitation.decision_reason,
                url=activity.get_absolute_url(), source=activity)


# ---- attendance


def counted_as(status, *, minutes_attended, sitting, rules) -> str:
    """What the figures count: late or left early counts as present, unless less than the threshold share of
    the sitting was attended and the settings say that is absent."""
    if status == Status.PRESENT:
        return Counted.PRESENT
    if status in (Status.LATE, Status.LEFT_EARLY):
        if rules.short_attendance_counts_absent and minutes_attended is not None:
            share = Decimal(minutes_attended) * 100 / Decimal(sitting.duration_minutes)
            if share < rules.attendance_threshold_percent:
                return Counted.ABSENT
        return Counted.PRESENT
    return {Status.EXCUSED: Counted.EXCUSED, Status.ABSENT: Counted.ABSENT}.get(status, Counted.UNMARKED)


def _duty_kind(status, counted):
    if counted == Counted.PRESENT:
        return DutyKind.ATTENDED if status == Status.PRESENT else DutyKind.LATE
    return {Counted.EXCUSED: DutyKind.EXCUSED, Counted.ABSENT: DutyKind.ABSENT}.get(counted)


def _duty_title(sitting) -> str:
    activity = sitting.activity
    return f"{activity.topic}（{sitting.title}）" if sitting.title else activity.topic


def _mark(attendance, *, status, actor, method, minutes_attended=None, reason="", signed_in_at=None):
    """Set an attendance row, log the event (superseding the earlier one) and keep the ledger in step."""
    sitting = attendance.sitting
    activity = sitting.activity
    rules = settings_for(attendance.committee_id)
    counted = counted_as(status, minutes_attended=minutes_attended, sitting=sitting, rules=rules)
    before = attendance.status
    attendance.status, attendance.counted, attendance.minutes_attended = status, counted, minutes_attended
    attendance.method, attendance.marked_at, attendance.marked_by = method, now(), _actor(actor)
    if signed_in_at is not None:
        attendance.signed_in_at = signed_in_at
    save_audited(attendance, actor=actor, reason=f"{attendance.get_status_display()} {reason}".strip())
    _event(activity=activity, action=EventAction.ATTENDANCE, actor=actor, sitting=sitting,
           invitation_id=attendance.invitation_id, attendance=attendance, member_id=attendance.member_id,
           from_state=before, to_state=status, counted=counted, reason=reason,
           data={"method": method, "minutes_attended": minutes_attended},
           supersede=Q(attendance=attendance, action=EventAction.ATTENDANCE))
    member = attendance.member
    kind = _duty_kind(status, counted)
    if kind is None:
        duty_void(member=member, source=attendance, kind=DutyKind.ATTENDED, actor=actor, reason=reason or status)
    else:
        duty_record(member=member, kind=kind, title=_duty_title(sitting), duty_date=local(sitting.starts_at).date(),
                    source=attendance, basis=activity.kind.name, actor=actor, reason=reason)
    _participation(activity, member, actor=actor, reason=reason)
    return attendance


def _participation(activity, member, *, actor, reason=""):
    """One entry per activity for a member who took part (present at one sitting at least), if the kind says so."""
    kind = activity.kind
    if not (kind.participation_entry or kind.is_training):
        return
    duty = DutyKind.TRAINING if kind.is_training else DutyKind.ACTIVITY
    took_part = Attendance.objects.filter(sitting__activity=activity, member=member, counted=Counted.PRESENT).exists()
    if took_part:
        duty_record(member=member, kind=duty, title=activity.topic, duty_date=activity.starts_on or clock.today(),
                    source=activity, basis=kind.name, actor=actor, reason=reason)
    else:
        duty_void(member=member, source=activity, kind=duty, actor=actor, reason=reason or _("No longer present"))


def sign_in_window(sitting, rules=None) -> tuple[datetime.datetime, datetime.datetime]:
    rules = rules or settings_for(sitting.committee_id)
    return (sitting.starts_at - datetime.timedelta(minutes=rules.sign_in_opens_minutes),
            sitting.starts_at + datetime.timedelta(minutes=rules.sign_in_closes_minutes))


def sign_in_open(sitting, moment=None, rules=None) -> bool:
    opens, closes = sign_in_window(sitting, rules)
    return opens <= (moment or now()) <= closes


@transaction.atomic
def sign_in(*, sitting, actor, code, method=Attendance.Method.CODE) -> Attendance:
    """A member signs in at a sitting with its code (or QR code) during the window; once only."""
    member = permissions.member_of(actor)
    if member is None:
        raise ValidationError(_("Only members sign in."))
    sitting = Sitting.objects.select_related("activity__kind").get(pk=sitting.pk)
    attendance = (Attendance.objects.select_for_update().select_related("member", "sitting__activity__kind")
                  .filter(sitting=sitting, member=member).first())
    if attendance is None:
        raise ValidationError(_("You are not invited to this activity, so you cannot sign in."))
    if attendance.status in (Status.PRESENT, Status.LATE, Status.LEFT_EARLY):
        if attendance.signed_in_at:
            raise ValidationError(_("You have already signed in (at %(time)s).")
                                  % {"time": local(attendance.signed_in_at).strftime("%H:%M")})
        raise ValidationError(_("Your attendance is already recorded as present."))
    moment = now()
    rules = settings_for(sitting.committee_id)
    opens, closes = sign_in_window(sitting, rules)
    if not opens <= moment <= closes:
        raise ValidationError(
            _("Sign-in is not open now: it is open from %(opens)s to %(closes)s.")
            % {"opens": local(opens).strftime("%Y-%m-%d %H:%M"), "closes": local(closes).strftime("%H:%M")})
    if not constant_time_compare((code or "").strip(), sitting.sign_in_code):
        raise ValidationError({"code": _("The sign-in code is wrong. Check the code shown in the meeting room.")})
    if moment <= sitting.starts_at:
        status, minutes = Status.PRESENT, None
    else:
        status = Status.LATE
        minutes = max(0, int((sitting.ends_at - moment).total_seconds() // 60))
    return _mark(attendance, status=status, actor=actor, method=method, minutes_attended=minutes,
                 signed_in_at=moment)


@transaction.atomic
def attendance_mark(*, attendance, actor, status, minutes_attended=None, reason="") -> Attendance:
    """Staff record one member's attendance; changing a recorded status is a correction and needs a reason."""
    attendance = (Attendance.objects.select_for_update().select_related("member", "sitting__activity__kind")
                  .get(pk=attendance.pk))
    sitting = attendance.sitting
    permissions.authorise(actor, sitting.activity)
    status = Status(status)
    if status == Status.UNMARKED:
        raise ValidationError({"status": _("Choose what happened.")})
    if status != Status.EXCUSED and sign_in_window(sitting)[0] > now():
        raise ValidationError(_("The sitting has not started yet: only leave can be recorded now."))
    if status in (Status.LATE, Status.LEFT_EARLY) and minutes_attended is not None:
        if minutes_attended > sitting.duration_minutes:
            raise ValidationError({"minutes_attended": _("More minutes than the sitting lasts.")})
    same = attendance.status == status and attendance.minutes_attended == minutes_attended
    if same:
        return attendance
    if attendance.status != Status.UNMARKED:
        reason = _require_reason(reason, _("Changing recorded attendance is a correction: give the reason."))
    return _mark(attendance, status=status, actor=actor, method=Attendance.Method.STAFF,
                 minutes_attended=minutes_attended, reason=reason)


def attendance_mark_bulk(*, sitting, actor, marks: dict, reason="") -> tuple[list, dict]:
    """Mark many members at once: each row through attendance_mark (one transaction each), errors reported per row.

    `marks` maps an attendance id to a status, or to (status, minutes_attended). Returns (changed, errors).
    """
    permissions.authorise(actor, sitting.activity)
    rows = {a.pk: a for a in Attendance.objects.filter(sitting=sitting, pk__in=list(marks))}
    changed, errors = [], {}
    for pk, value in marks.items():
        status, minutes = value if isinstance(value, tuple) else (value, None)
        row = rows.get(int(pk))
        if row is None:
            errors[pk] = _("Not a member expected at this sitting.")
            continue
        before = (row.status, row.minutes_attended)
        try:
            result = attendance_mark(attendance=row, actor=actor, status=status, minutes_attended=minutes,
                                     reason=reason)
        except ValidationError as exc:
            errors[pk] = " ".join(exc.messages)
        else:
            if (result.status, result.minutes_attended) != before:
                changed.append(result)
    return changed, errors


@transaction.atomic
def sitting_close(*, sitting, actor) -> int:
    """After the sitting: everyone still unmarked is recorded absent. Returns how many."""
    sitting = _lock(sitting)
    permissions.authorise(actor, sitting.activity)
    if sitting.ends_at > now():
        raise ValidationError(_("The sitting has not ended yet."))
    rows = list(Attendance.objects.filter(sitting=sitting, status=Status.UNMARKED)
                .select_related("member", "sitting__activity__kind"))
    for row in rows:
        _mark(row, status=Status.ABSENT, actor=actor, method=Attendance.Method.STAFF, reason=_("Attendance closed"))
    sitting.closed_at = now()
    save_audited(sitting, actor=actor, reason=_("Attendance closed"), fields=["closed_at"])
    _event(activity=sitting.activity, action=EventAction.SITTING_CLOSED, actor=actor, sitting=sitting,
           data={"absent": len(rows)})
    return len(rows)


# ---- speeches, suggestions, instructions


@transaction.atomic
def speech_record(*, activity, actor, member, title, mode=Speech.Mode.ORAL, text="", uploaded=None,
                  sitting=None) -> Speech:
    """Record a speech (oral or written, with its text or file); the speaker earns a speech entry."""
    permissions.authorise(actor, activity)
    _same_committee(member, activity.committee_id, "member")
    if sitting is not None and sitting.activity_id != activity.pk:
        raise ValidationError({"sitting": _("This sitting belongs to another activity.")})
    if not (title or "").strip():
        raise ValidationError({"title": _("Give the speech's title.")})
    speech = Speech(committee_id=activity.committee_id, activity=activity, sitting=sitting, member=member, mode=mode,
                    title=title.strip(), text=text or "", recorded_at=now(), recorded_by=_actor(actor))
    save_audited(speech, actor=actor, reason=_("Speech recorded"))
    if uploaded is not None:
        speech.file = file_store(uploaded=uploaded, name=uploaded.name, user=actor, owner=speech)
        save_audited(speech, actor=actor, reason=_("Speech recorded"), fields=["file"])
    _event(activity=activity, action=EventAction.SPEECH, actor=actor, speech=speech, member=member, to_state=mode)
    day = local(sitting.starts_at).date() if sitting else (activity.starts_on or clock.today())
    duty_record(member=member, kind=DutyKind.WRITTEN_SPEECH if mode == Speech.Mode.WRITTEN else DutyKind.SPEECH,
                title=speech.title, duty_date=day, source=speech, basis=activity.kind.name, actor=actor)
    return speech


@transaction.atomic
def suggestion_record(*, activity, actor, text, addressed_to=None, member=None) -> Suggestion:
    """Record one suggestion the activity made (numbered within the activity)."""
    activity = _lock(activity)
    permissions.authorise(actor, activity)
    if not (text or "").strip():
        raise ValidationError({"text": _("Write the suggestion.")})
    _same_committee(addressed_to, activity.committee_id, "addressed_to")
    _same_committee(member, activity.committee_id, "member")
    number = activity.suggestions.count() + 1  # the activity row is locked: numbers do not race
    suggestion = Suggestion(committee_id=activity.committee_id, activity=activity, number=number, text=text.strip(),
                            addressed_to=addressed_to, member=member, recorded_at=now(), recorded_by=_actor(actor))
    save_audited(suggestion, actor=actor, reason=_("Suggestion recorded"))
    _event(activity=activity, action=EventAction.SUGGESTION, actor=actor, suggestion=suggestion,
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
        reason = _require_reason(reason, _("Changing an adoption decision is a correction: give the reason."))
    before = suggestion.adoption
    suggestion.adoption, suggestion.adoption_decided_at = state, now()
    save_audited(suggestion, actor=actor, reason=suggestion.get_adoption_display(), fields=["adoption", "adoption_decided_at"])
    _event(activity=suggestion.activity, action=EventAction.ADOPTION, actor=actor, suggestion=suggestion,
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
    line = f"{clock.today():%Y-%m-%d} {text}"
    suggestion.follow_up = f"{suggestion.follow_up}\n{line}".strip()
    save_audited(suggestion, actor=actor, reason=_("Follow-up recorded"), fields=["follow_up"])
    _event(activity=suggestion.activity, action=EventAction.FOLLOW_UP, actor=actor, suggestion=suggestion, reason=text)
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
    if given_on is None or given_on > clock.today():
        raise ValidationError({"given_on": _("Give the date of the instruction (not in the future).")})
    instruction = Instruction(committee_id=activity.committee_id, activity=activity, suggestion=suggestion,
                              leader=leader.strip(), text=text.strip(), given_on=given_on, recorded_at=now(),
                              recorded_by=_actor(actor))
    save_audited(instruction, actor=actor, reason=_("Leader's instruction recorded"))
    _event(activity=activity, action=EventAction.INSTRUCTION, actor=actor, suggestion=suggestion,
           data={"leader": instruction.leader, "given_on": given_on.isoformat()})
    return instruction
