"""Who may see and do what in consultations/ (one module, tested as a matrix in tests/access/).

- Managers: the committee's secretariat (every activity) and special-committee staff (the activities their
  special committee organises; staff with no special committee in their role: every activity of the committee).
  They create activities, invite, decide leave, mark attendance, record speeches, suggestions, instructions.
  Administrators read everything but take no decisions (separation of duties, as in proposals/).
- Readers in the admin: managers, chairs and administrators of the committee (the auditor reads only the
  audit log: 三员分立).
- Members: the activities they are invited to, in the portal (/portal/activities/).
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from cppcc.files import register_file_access
from members import permissions as member_permissions
from members.permissions import member_of
from members.models.roles import Role

MANAGER_ROLES = {Role.SECRETARIAT, Role.SPECIAL_STAFF}
READER_ROLES = {Role.SECRETARIAT, Role.SPECIAL_STAFF, Role.CHAIR, Role.ADMIN}  # not the auditor (三员分立)


def reader_committee_ids(user) -> set:
    return {a.committee_id for a in member_permissions.assignments(user) if a.role in READER_ROLES}


def manager_committee_ids(user) -> set:
    return {a.committee_id for a in member_permissions.assignments(user) if a.role in MANAGER_ROLES}


def may_manage(user, committee_id, organiser_id=None) -> bool:
    """Secretariat of the committee, or its special-committee staff for their special committee's activities."""
    for a in member_permissions.assignments(user):
        if a.committee_id != committee_id:
            continue
        if a.role == Role.SECRETARIAT:
            return True
        if a.role == Role.SPECIAL_STAFF and (a.special_committee_id is None or a.special_committee_id == organiser_id):
            return True
    return False


def may_manage_activity(user, activity) -> bool:
    return may_manage(user, activity.committee_id, activity.organiser_id)


def authorise(user, activity=None, *, committee_id=None, organiser_id=None) -> None:
    if activity is not None:
        committee_id, organiser_id = activity.committee_id, activity.organiser_id
    if not may_manage(user, committee_id, organiser_id):
        raise PermissionDenied(_("Only the organiser (the secretariat or the organising special committee's staff) "
                                 "may do this."))


def is_reader(user, committee_id) -> bool:
    return bool(getattr(user, "is_superuser", False)) or committee_id in reader_committee_ids(user)


def is_invited(user, activity) -> bool:
    member = member_of(user)
    return member is not None and activity.invitations.filter(member=member).exists()


def may_view_activity(user, activity) -> bool:
    return is_reader(user, activity.committee_id) or is_invited(user, activity)


def scope(user, queryset, path="committee_id"):
    if getattr(user, "is_superuser", False):
        return queryset
    return queryset.filter(**{f"{path}__in": reader_committee_ids(user)})


def scope_by(path):
    def _scope(user, queryset):
        return scope(user, queryset, path)

    return staticmethod(_scope)


def _register_files():
    from consultations.models import Document, Speech

    @register_file_access(Document)
    def document_readers(user, document):
        return may_view_activity(user, document.activity)

    @register_file_access(Speech)
    def speech_readers(user, speech):
        return may_view_activity(user, speech.activity)


_register_files()
