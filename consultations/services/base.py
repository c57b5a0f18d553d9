"""What every consultation service does the same way: check the committee, require a reason, log the event.

Times come from cppcc.clock (a replay carries its own dates); rows are locked with cppcc.rows.lock and
saved with cppcc.history.save_audited (who and why).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cppcc import audit
from cppcc.clock import now, today  # noqa: F401 (the moment and date the services act at)
from cppcc.rows import lock, user_or_none  # noqa: F401
from consultations.models import ActivityEvent, Attendance

Status, Counted = Attendance.Status, Attendance.Counted


def local(moment) -> datetime.datetime:
    return timezone.localtime(moment)


def record(*, activity, action, actor=None, reason="", supersede=None, at=None, **fields) -> ActivityEvent:
    """Append a dated event; `supersede` (a Q) names the earlier standing events of the same subject it replaces."""
    at = at or now()
    if supersede is not None:
        ActivityEvent.objects.filter(supersede, superseded_at__isnull=True).update(superseded_at=at)
    event = ActivityEvent.objects.create(
        committee_id=activity.committee_id, activity=activity, action=action, actor=user_or_none(actor),
        reason=reason or "", at=at, **fields,
    )
    # Every activity action passes here; inside the service's transaction (rolled back, no audit row).
    with translation.override(settings.LANGUAGE_CODE):  # labels, not codes, in the site's language
        before, after = event.from_label, event.to_label
        moved = f": {before} → {after}" if before else (f": {after}" if after else "")
        detail = f"{action} {event.get_action_display()}{moved}" + (f"; reason: {event.reason}" if event.reason else "")
    audit.record(audit.AuditAction.WORKFLOW, actor=event.actor, obj=activity, detail=detail)
    return event


def require_reason(reason, message) -> str:
    if not (reason or "").strip():
        raise ValidationError({"reason": message})
    return reason.strip()


def same_committee(obj, committee_id, field) -> None:
    if obj is not None and obj.committee_id != committee_id:
        raise ValidationError({field: _("This belongs to another committee.")})
