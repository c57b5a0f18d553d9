"""What every proposal service does the same way: lock, check the table, save with a reason, log the event."""

import calendar
import datetime

from django.core.exceptions import PermissionDenied

from cppcc import audit, clock
from cppcc.history import save_audited
from cppcc.rows import lock  # noqa: F401 (proposals lock in one order: proposal, then assignment, then reply)
from cppcc.services import file_store
from proposals import permissions, workflow
from proposals.errors import TransitionError
from proposals.models import ProposalEvent


def now() -> datetime.datetime:
    """The moment the service acts at (cppcc.clock: now, or the moment a replay set)."""
    return clock.now()


def today() -> datetime.date:
    """The local date in Asia/Shanghai of `now()`."""
    return clock.today()


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def begin(action: str, *, actor, obj, state, on_behalf=False, assignment_state=None) -> workflow.Transition:
    """Check the table (TransitionError) and then the actor's capability (PermissionDenied)."""
    try:
        transition = permissions.require(actor, action, obj, on_behalf=on_behalf, states=(state, assignment_state),
                                         table_first=True)
    except (TransitionError, PermissionDenied) as error:
        # The service's transaction rolls back: the refusal is written after it (cppcc.audit.record_refusal).
        _audit_refusal(action, actor=actor, obj=obj, error=error)
        raise
    return transition


def _audit_refusal(action, *, actor, obj, error):
    try:
        subject = permissions.proposal_of(obj)
    except TypeError:
        subject = obj
    audit.record_refusal(audit.AuditAction.WORKFLOW, actor=actor if getattr(actor, "pk", None) else None,
                         obj=subject, detail=f"{action} refused: {error}")


def label(action: str) -> str:
    if action in workflow.TRANSITIONS:
        return str(workflow.TRANSITIONS[action].label)
    return str(workflow.CONSEQUENCES[action])


def change_reason(action: str, reason: str = "") -> str:
    return f"{label(action)}: {reason}" if reason else label(action)


def save(obj, *, actor, action: str, reason: str = "", fields=None) -> None:
    """Save with simple-history's who and why, the why named after the workflow action."""
    save_audited(obj, actor=actor, reason=change_reason(action, reason), fields=fields)


def record(*, proposal, action: str, from_status="", to_status="", actor=None, reason: str = "", on_behalf=False,
           on_behalf_of=None, assignment=None, reply=None, data=None, at=None) -> ProposalEvent:
    """Append the dated event that statistics for a past cut-off read, and its audit-log row."""
    event = ProposalEvent.objects.create(
        proposal=proposal, assignment=assignment, reply=reply, action=action, from_status=from_status or "",
        to_status=to_status or "", actor=actor if getattr(actor, "pk", None) else None, on_behalf=on_behalf,
        on_behalf_of=on_behalf_of, reason=reason or "", at=at or now(), data=data or {},
    )
    # Every transition passes here (the ledger import writes its historical events itself, unaudited
    # one by one). Inside the service's transaction: a transition rolled back leaves no audit row.
    audit.record(audit.AuditAction.WORKFLOW, actor=event.actor, obj=proposal, detail=audit_detail(event))
    return event


def state_text(event, value) -> str:
    """A state's label in the event's subject machine (the proposal's, an assignment's or a reply's)."""
    if not value:
        return ""
    transition = workflow.TRANSITIONS.get(event.action)
    if transition is not None:
        subject = transition.subject
    else:
        subject = workflow.PROPOSAL if event.assignment_id is None else workflow.ASSIGNMENT
    try:
        return str(workflow.state_choices(subject)(value).label)
    except ValueError:
        return value


def audit_detail(event) -> str:
    """The audit row of a step: the action's key (for searching the log), its label and the states by
    their labels, in the site's language (no bare codes for the reader)."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        subject = f" (assignment {event.assignment_id})" if event.assignment_id else ""
        subject += f" (reply {event.reply_id})" if event.reply_id else ""
        before, after = state_text(event, event.from_status), state_text(event, event.to_status)
        moved = ""
        if before and after and before != after:
            moved = f": {before} → {after}"
        elif after:
            moved = f": {after}"
        behalf = " [recorded on behalf]" if event.on_behalf else ""
        reason = f"; reason: {event.reason}" if event.reason else ""
        return f"{event.action} {label(event.action)}{subject}{moved}{behalf}{reason}"


def attach(uploaded, *, actor, owner):
    """Store an upload privately (type checked by content) as a file of `owner`."""
    return file_store(uploaded=uploaded, name=uploaded.name, user=actor, owner=owner)

