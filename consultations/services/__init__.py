"""Every write of consultations/: one function per action, keyword-only, atomic, with a dated event.

Each action writes an ActivityEvent (who, when, why, from, to) so the statistics can be taken as of any
cut-off, saves with a simple-history reason, and writes the duty ledger through members.services
(谁组织谁记录: the organiser's records earn the members their entries). A correction (leave later marked
present) voids the standing entry and records the new one: never a duplicate. Times come from
cppcc.clock, so a replay (the demo's year of meetings) carries its own dates; notices go through
consultations.notices (cppcc.inbox.queue), so a replay notifies nobody.
"""

from .activities import (
    ACTIVITY_FIELDS,
    activity_create,
    activity_update,
    document_add,
    place_add,
    proposal_link,
    sitting_add,
)
from .attendance import attendance_mark, attendance_mark_bulk, sitting_close
from .invitations import invitation_answer, invite, leave_decide, leave_request, term_of
from .outputs import instruction_record, speech_record, suggestion_adopt, suggestion_follow_up, suggestion_record
from .rules import counted_as, kinds_install_defaults, settings_for, sign_in_open, sign_in_window
from .sign_in import sign_in

__all__ = [
    "ACTIVITY_FIELDS", "activity_create", "activity_update", "sitting_add", "place_add", "document_add",
    "proposal_link",
    "invite", "invitation_answer", "leave_request", "leave_decide", "term_of",
    "attendance_mark", "attendance_mark_bulk", "sitting_close", "sign_in", "sign_in_window", "sign_in_open",
    "counted_as",
    "speech_record", "suggestion_record", "suggestion_adopt", "suggestion_follow_up", "instruction_record",
    "settings_for", "kinds_install_defaults",
]
