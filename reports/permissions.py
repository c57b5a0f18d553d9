"""Who may see and do what in reports/ (the issue: chairs, the secretariat and administrators take
the summaries away; the dashboards are for everyone who reads the committee's proposals in the admin).

Role checks are per committee; administrators (superusers) reach every committee.
"""

from cppcc.files import register_file_access
from members import permissions as member_permissions
from members.models import Committee
from members.models.roles import Role

SUMMARY_ROLES = {Role.CHAIR, Role.SECRETARIAT, Role.ADMIN}
DASHBOARD_ROLES = {Role.SECRETARIAT, Role.REVIEWER, Role.CHAIR, Role.ADMIN}  # not the auditor (三员分立)
LABEL_EDITORS = {Role.SECRETARIAT, Role.ADMIN}


def committee_ids_for(user, roles) -> set:
    return {a.committee_id for a in member_permissions.assignments(user) if a.role in roles}


def committees_for(user, roles):
    if not getattr(user, "is_authenticated", False):
        return Committee.objects.none()
    if user.is_superuser:
        return Committee.objects.order_by("pk")
    return Committee.objects.filter(pk__in=committee_ids_for(user, roles)).order_by("pk")


def _allowed(user, roles, committee_id) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser) or committee_id in committee_ids_for(user, roles)


def may_use_summaries(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) or bool(committee_ids_for(user, SUMMARY_ROLES))


def may_read_summary(user, report) -> bool:
    return _allowed(user, SUMMARY_ROLES, report.committee_id)


def may_request_summary(user, committee) -> bool:
    return _allowed(user, SUMMARY_ROLES, committee.pk)


def may_see_dashboards(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) or bool(committee_ids_for(user, DASHBOARD_ROLES))


def may_edit_labels(user, committee=None) -> bool:
    if committee is None:
        return bool(getattr(user, "is_superuser", False)) or bool(committee_ids_for(user, LABEL_EDITORS))
    return _allowed(user, LABEL_EDITORS, committee.pk)


def register():
    """Called from ReportsConfig.ready(): the summary's files follow the summary's readers."""
    from reports.models import SummaryReport

    register_file_access(SummaryReport)(lambda user, report: may_read_summary(user, report))
