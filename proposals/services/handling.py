"""Assignment (交办) of cases to handling units: due dates, extensions, signing, returns, co-handling opinions."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cppcc.workdays import add_workdays
from proposals import notices
from proposals.errors import TransitionError
from proposals.models import Assignment, CoOpinion, Extension, Kind
from proposals.selectors import local_date, settings_for
from proposals.workflow import AssignmentStatus

from .base import add_months, attach, begin, lock, now, record, save, today

Role = Assignment.Role


def due_date(proposal, role, rules, start: datetime.date) -> datetime.date:
    """Co-handling opinions are due after N days; replies after the months of the proposal's kind."""
    if role == Role.CO:
        return start + datetime.timedelta(days=rules.co_opinion_days)
    months = rules.reply_months_plenary if proposal.kind == Kind.PLENARY else rules.reply_months_between
    return add_months(start, months)


def _check_roles(roles: list[str]) -> None:
    """One single unit; or split units only; or exactly one lead with any co-handling units."""
    kinds = set(roles)
    if (kinds == {Role.SINGLE} and len(roles) == 1) or kinds == {Role.SPLIT}:
        return
    if kinds <= {Role.LEAD, Role.CO} and roles.count(Role.LEAD) == 1:
        return
    raise ValidationError(
        {"units": _("Assign one single unit, or several split units, or one lead unit with co-handling units.")}
    )


@transaction.atomic
def assignment_create(*, proposal, actor, units, replacing=None) -> list[Assignment]:
    """Assign an accepted case to units with roles (单办 single; 分办 several split; 主办 one lead + 会办
    co-handling); each assignment is due after the settings' months (or days, for co-handling).
    `replacing` is the returned assignment the new unit takes over."""
    p = lock(proposal)
    begin("assign", actor=actor, obj=p, state=p.status)
    units = [(unit, Role(role)) for unit, role in units]
    if not units:
        raise ValidationError({"units": _("Choose at least one handling unit.")})
    standing = list(p.assignments.filter(round=1, active=True))
    _check_roles([a.role for a in standing] + [role for _unit, role in units])
    day, rules = today(), settings_for(p.committee_id)
    taken = {a.unit_id for a in standing}
    created = []
    for unit, role in units:
        valid = (unit.valid_from is None or unit.valid_from <= day) and (unit.valid_to is None or unit.valid_to >= day)
        if unit.committee_id != p.committee_id or not unit.is_handling_unit or not valid:
            raise ValidationError({"units": _("%(unit)s is not a current handling unit of this committee.") % {"unit": unit}})
        if unit.pk in taken:
            raise ValidationError({"units": _("%(unit)s already has this case.") % {"unit": unit}})
        taken.add(unit.pk)
        assignment = Assignment(
            proposal=p, unit=unit, role=role, round=1, status=AssignmentStatus.ASSIGNED, assigned_at=now(),
            assigned_by=actor, due_date=due_date(p, role, rules, day), previous=replacing,
        )
        save(assignment, actor=actor, action="assign")
        record(proposal=p, action="assign", from_status=p.status, to_status=p.status, actor=actor, assignment=assignment,
               at=assignment.assigned_at, data={"unit": unit.pk, "role": role.value, "due_date": assignment.due_date.isoformat(),
                     "replacing": replacing.pk if replacing else None})
        notices.unit_assigned(assignment)
        created.append(assignment)
    return created


def _locked(assignment):
    """Lock the case, then the assignment (the one order every service uses)."""
    p = lock(assignment.proposal)
    a = lock(assignment)
    a.proposal = p
    return p, a


def _step(a, p, *, actor, action, target, on_behalf=False, reason="", data=None) -> Assignment:
    before = a.status
    if target is not None:
        a.status = target
    save(a, actor=actor, action=action, reason=reason)
    record(proposal=p, assignment=a, action=action, from_status=before, to_status=a.status, actor=actor,
           on_behalf=on_behalf, reason=reason, data=data)
    return a


@transaction.atomic
def assignment_extend(*, assignment, actor, new_due: datetime.date, reason) -> Assignment:
    """Extend the deadline with a reason; the reply is never due later than the settings' maximum
    months after assignment."""
    p, a = _locked(assignment)
    begin("extend", actor=actor, obj=a, state=a.status)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for the extension.")})
    latest = add_months(local_date(a.assigned_at), settings_for(p.committee_id).max_reply_months)
    if new_due <= a.due_date:
        raise ValidationError({"new_due": _("The new due date must be later than %(due)s.") % {"due": a.due_date.isoformat()}})
    if new_due > latest:
        raise ValidationError({"new_due": _("With extensions the reply is due %(latest)s at the latest.") % {"latest": latest.isoformat()}})
    old = a.due_date
    Extension.objects.create(assignment=a, old_due=old, new_due=new_due, reason=reason, actor=actor, at=now())
    a.due_date = new_due
    return _step(a, p, actor=actor, action="extend", target=None, reason=reason,
                 data={"old_due": old.isoformat(), "new_due": new_due.isoformat()})


@transaction.atomic
def assignment_sign(*, assignment, actor, on_behalf=False) -> Assignment:
    """The unit signs for receipt (签收)."""
    p, a = _locked(assignment)
    t = begin("sign", actor=actor, obj=a, state=a.status, on_behalf=on_behalf)
    a.signed_at, a.signed_by = now(), actor
    return _step(a, p, actor=actor, action="sign", target=t.target, on_behalf=on_behalf)


def return_deadline(assignment) -> datetime.date:
    """The last working day a unit may ask to return the case (the editable calendar knows 调休)."""
    rules = settings_for(assignment.proposal.committee_id)
    return add_workdays(local_date(assignment.assigned_at), rules.return_window_workdays)


@transaction.atomic
def assignment_request_return(*, assignment, actor, reason, on_behalf=False) -> Assignment:
    """A unit that believes the case is not its business asks to return it (申请退回), with its reason,
    within the settings' working days of the assignment."""
    p, a = _locked(assignment)
    t = begin("request_return", actor=actor, obj=a, state=a.status, on_behalf=on_behalf)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the case is not your unit's business.")})
    last = return_deadline(a)
    if today() > last:
        raise TransitionError(_("The return window closed on %(day)s."), params={"day": last.isoformat()})
    a.return_requested_at, a.return_reason = now(), reason
    a.return_decided_at, a.return_decided_by, a.return_accepted = None, None, None
    return _step(a, p, actor=actor, action="request_return", target=t.target, on_behalf=on_behalf, reason=reason)


@transaction.atomic
def assignment_decide_return(*, assignment, actor, accept: bool, reason="", new_unit=None) -> Assignment:
    """The secretariat decides a return. Accepted: the assignment drops out (inactive) and, given
    `new_unit`, the case goes to that unit in the same role. Refused: the unit keeps the case and is
    taken to have signed for it. Returns the new assignment when reassigned, else the decided one."""
    p, a = _locked(assignment)
    action = "accept_return" if accept else "refuse_return"
    t = begin(action, actor=actor, obj=a, state=a.status)
    if not accept and new_unit is not None:
        raise ValidationError({"new_unit": _("A refused return keeps the case with the unit.")})
    a.return_decided_at, a.return_decided_by, a.return_accepted = now(), actor, accept
    if accept:
        a.active = False
    elif a.signed_at is None:
        a.signed_at = a.return_decided_at
    _step(a, p, actor=actor, action=action, target=t.target, reason=reason)
    notices.return_decided(a, accepted=accept, reason=reason)
    if accept and new_unit is not None:
        return assignment_create(proposal=p, actor=actor, units=[(new_unit, a.role)], replacing=a)[0]
    return a


@transaction.atomic
def co_opinion_send(*, assignment, actor, text, file=None, on_behalf=False) -> CoOpinion:
    """A co-handling unit (会办) sends its opinion to the lead unit; it never replies to the proposer."""
    p, a = _locked(assignment)
    t = begin("send_co_opinion", actor=actor, obj=a, state=a.status, on_behalf=on_behalf)
    if a.role != Role.CO:
        raise TransitionError(_("Only a co-handling unit sends an opinion to the lead unit; this unit replies."))
    if not (text or "").strip():
        raise ValidationError({"text": _("Write the opinion.")})
    opinion = CoOpinion(assignment=a, text=text, sent_at=now(), sent_by=actor, recorded_on_behalf=on_behalf)
    save(opinion, actor=actor, action="send_co_opinion")
    if file is not None:
        opinion.file = attach(file, actor=actor, owner=opinion)
        save(opinion, actor=actor, action="send_co_opinion", fields=["file"])
    _step(a, p, actor=actor, action="send_co_opinion", target=t.target, on_behalf=on_behalf, data={"co_opinion": opinion.pk})
    return opinion


def remind_refusal(assignment, day=None):
    """Why a reminder (催办) cannot be sent now, or None: only an overdue, open assignment, and at most
    once a day (a second click, or the schedule running after a clerk, sends nothing)."""
    day = day or today()
    if not assignment.active or assignment.status in (AssignmentStatus.REPLIED, AssignmentStatus.RETURNED):
        return _("Only an open assignment can be reminded.")
    if not assignment.is_overdue(day):
        return _("The assignment is not overdue: its reply is due %(due)s.") % {"due": assignment.due_date.isoformat()}
    if assignment.events.filter(action="remind", data__day=day.isoformat()).exists():
        return _("A reminder was already sent today.")
    return None


@transaction.atomic
def assignment_remind(*, assignment, actor, note="") -> Assignment:
    """催办: remind the unit of an overdue assignment now, through the inbox and each person's channels.
    Recorded as a dated event on the case (its timeline) and in the audit log; once a day at most.
    `actor` None is the schedule (the follow-through reminders); a person must be the committee's secretariat."""
    from django.core.exceptions import PermissionDenied

    from proposals import permissions

    p, a = _locked(assignment)
    if actor is not None and not permissions.is_secretariat(actor, p.committee_id):
        raise PermissionDenied(_("Only the committee's secretariat sends reminders."))
    day = today()
    refusal = remind_refusal(a, day)
    if refusal:
        raise ValidationError(refusal)
    days = (day - a.due_date).days
    record(proposal=p, assignment=a, action="remind", from_status=a.status, to_status=a.status, actor=actor,
           reason=(note or "").strip(), data={"day": day.isoformat(), "due_date": a.due_date.isoformat(), "days_overdue": days})
    notices.unit_reminded(a, days_overdue=days, note=(note or "").strip())
    return a
