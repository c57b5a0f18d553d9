"""Attendance: who is expected at a sitting, staff marking it (one by one or in bulk), closing a sitting.

Every mark goes through `mark`: the attendance row, its event superseding the earlier one, and the duty
ledger kept in step (a correction voids the standing entry and records the new one: never a duplicate).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from cppcc.history import save_audited
from members.models.ledger import DutyKind
from members.services import duty_record, duty_void
from consultations import permissions
from consultations.models import Attendance, EventAction, Invitation

from .base import Counted, Status, local, lock, now, record, require_reason, today, user_or_none
from .rules import counted_as, settings_for, sign_in_window


def expect(invitation, sitting, *, actor):
    """An invited member is expected at the sitting (unmarked until someone records what happened)."""
    attendance, created = Attendance.objects.get_or_create(
        sitting=sitting, member_id=invitation.member_id,
        defaults={"committee_id": invitation.committee_id, "invitation": invitation},
    )
    if created:
        record(activity=sitting.activity, action=EventAction.ATTENDANCE, actor=actor, sitting=sitting,
               invitation=invitation, attendance=attendance, member_id=invitation.member_id,
               to_state=Status.UNMARKED, counted=Counted.UNMARKED)
        if invitation.state == Invitation.State.EXCUSED:
            mark(attendance, status=Status.EXCUSED, actor=actor, method=Attendance.Method.LEAVE,
                 reason=invitation.leave_reason)
    return attendance


def _duty_kind(status, counted):
    if counted == Counted.PRESENT:
        return DutyKind.ATTENDED if status == Status.PRESENT else DutyKind.LATE
    return {Counted.EXCUSED: DutyKind.EXCUSED, Counted.ABSENT: DutyKind.ABSENT}.get(counted)


def _duty_title(sitting) -> str:
    activity = sitting.activity
    return f"{activity.topic}（{sitting.title}）" if sitting.title else activity.topic


def mark(attendance, *, status, actor, method, minutes_attended=None, reason="", signed_in_at=None):
    """Set an attendance row, log the event (superseding the earlier one) and keep the ledger in step."""
    sitting = attendance.sitting
    activity = sitting.activity
    rules = settings_for(attendance.committee_id)
    counted = counted_as(status, minutes_attended=minutes_attended, sitting=sitting, rules=rules)
    before = attendance.status
    attendance.status, attendance.counted, attendance.minutes_attended = status, counted, minutes_attended
    attendance.method, attendance.marked_at, attendance.marked_by = method, now(), user_or_none(actor)
    if signed_in_at is not None:
        attendance.signed_in_at = signed_in_at
    save_audited(attendance, actor=actor, reason=f"{attendance.get_status_display()} {reason}".strip())
    record(activity=activity, action=EventAction.ATTENDANCE, actor=actor, sitting=sitting,
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
        duty_record(member=member, kind=duty, title=activity.topic, duty_date=activity.starts_on or today(),
                    source=activity, basis=kind.name, actor=actor, reason=reason)
    else:
        duty_void(member=member, source=activity, kind=duty, actor=actor, reason=reason or _("No longer present"))


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
        reason = require_reason(reason, _("Changing recorded attendance is a correction: give the reason."))
    return mark(attendance, status=status, actor=actor, method=Attendance.Method.STAFF,
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
    sitting = lock(sitting)
    permissions.authorise(actor, sitting.activity)
    if sitting.ends_at > now():
        raise ValidationError(_("The sitting has not ended yet."))
    rows = list(Attendance.objects.filter(sitting=sitting, status=Status.UNMARKED)
                .select_related("member", "sitting__activity__kind"))
    for row in rows:
        mark(row, status=Status.ABSENT, actor=actor, method=Attendance.Method.STAFF, reason=_("Attendance closed"))
    sitting.closed_at = now()
    save_audited(sitting, actor=actor, reason=_("Attendance closed"), fields=["closed_at"])
    record(activity=sitting.activity, action=EventAction.SITTING_CLOSED, actor=actor, sitting=sitting,
           data={"absent": len(rows)})
    return len(rows)
