"""Activity actions go to the audit log from the one place that writes their dated events."""

from consultations.models import ActivityEvent
from cppcc.models import AuditAction, AuditEvent


def test_each_activity_event_has_one_audit_row(world):
    activity = world.activity()
    rows = AuditEvent.objects.filter(action=AuditAction.WORKFLOW, object_type__model="activity",
                                     object_id=str(activity.pk))
    assert rows.count() == ActivityEvent.objects.filter(activity=activity).count() >= 1
    created = rows.order_by("pk").first()
    assert created.actor == world.secretariat and created.detail.startswith("created")
