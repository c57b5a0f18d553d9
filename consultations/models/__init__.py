from .kinds import ActivityKind, ConsultationSettings, KindGroup, PlanItem
from .activity import Activity, Document, Place, Sitting
from .attendance import Attendance, Invitation
from .outputs import Instruction, Speech, Suggestion
from .events import ActivityEvent, EventAction

__all__ = [
    "ActivityKind", "ConsultationSettings", "KindGroup", "PlanItem", "Activity", "Document", "Place", "Sitting",
    "Attendance", "Invitation", "Instruction", "Speech", "Suggestion", "ActivityEvent", "EventAction",
]
