"""Who may see and do what in members/: one module, tested as a matrix (role x view x object)."""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q

from cppcc.admin_views import register_shared_jobs
from cppcc.files import register_file_access
from cppcc.models import Job
from members.models.roles import Role, RoleAssignment
from members.roles import ADMIN_ROLES, ROLE_PERMISSIONS

_CACHE = "_cppcc_roles"


def member_of(user):
    """The member profile of a logged-in user, or None (staff, unit and collective accounts have none)."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.member
    except ObjectDoesNotExist:
        return None


def assignments(user):
    """The user's active role assignments, read once per request."""
    if not getattr(user, "is_authenticated", False):
        return []
    if not hasattr(user, _CACHE):
        setattr(user, _CACHE, list(RoleAssignment.objects.active().filter(user=user)))
    return getattr(user, _CACHE)


def roles(user) -> set:
    return {a.role for a in assignments(user)}


def has_role(user, *wanted) -> bool:
    return bool(roles(user) & set(wanted))


def is_administrator(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) or has_role(user, Role.ADMIN)


def manages_accounts(user) -> bool:
    """三员分立: accounts, groups, role assignments and lockouts belong to the security administrator.

    The installation's first superuser (made by createsuperuser; it holds no role) may also act, so that it
    can appoint the first security administrator.
    """
    if not getattr(user, "is_authenticated", False):
        return False
    return has_role(user, Role.SECURITY_ADMIN) or (user.is_superuser and not roles(user))


def kept_out_of_accounts(user) -> bool:
    """A system administrator (a superuser for everything else) who is not also the security administrator."""
    return is_administrator(user) and not manages_accounts(user)


def may_read_audit_log(user) -> bool:
    """Only the auditor reads the audit log; the system and security administrators do not."""
    return has_role(user, Role.AUDITOR) and user.has_perm("cppcc.view_auditevent")


# Roles only the security administrator grants (a secretariat granting itself ADMIN would be a superuser).
PRIVILEGED_ROLES = {Role.ADMIN, Role.SECURITY_ADMIN, Role.AUDITOR}


def may_grant(user, role, committee_id) -> bool:
    """Grant or revoke `role` in a committee: the committee's role managers, never the system administrator."""
    if kept_out_of_accounts(user):
        return False
    if role in PRIVILEGED_ROLES and not manages_accounts(user):
        return False
    return can_manage(user, "members.add_roleassignment", committee_id)


def committee_ids(user) -> set:
    return {a.committee_id for a in assignments(user)}


def unit_ids(user) -> set:
    return {a.unit_id for a in assignments(user) if a.role in (Role.UNIT_LIAISON, Role.UNIT_LEADER)}


def uses_admin(user) -> bool:
    return is_administrator(user) or bool(roles(user) & ADMIN_ROLES)


def uses_portal(user) -> bool:
    return bool(roles(user) - ADMIN_ROLES - {Role.ADMIN}) or hasattr(user, "member")


def can_see_private(user, member) -> bool:
    """Identity numbers and phones: administrators and the person, nobody else."""
    return is_administrator(user) or (member.user_id is not None and member.user_id == user.pk)


def scope_by(path):
    """A queryset scope for admin viewsets: rows of the committees the user serves in."""

    def scope(user, queryset):
        if getattr(user, "is_superuser", False):
            return queryset
        return queryset.filter(**{f"{path}__in": committee_ids(user)})

    return staticmethod(scope)


committee_scope = scope_by("committee_id")


def can_manage(user, permission: str, committee_id) -> bool:
    """Holders of a Django permission through a role held in that committee (administrators: every committee).

    Read per committee: a role here that lacks the permission (a reviewer, a unit liaison) does not borrow
    it from a role the same person holds in another committee.
    """
    if not getattr(user, "is_authenticated", False) or not user.has_perm(permission):
        return False
    if is_administrator(user):
        return True
    return any(
        a.committee_id == committee_id and permission in ROLE_PERMISSIONS.get(a.role, ())
        for a in assignments(user)
    )


def may_reset_password(user, member) -> bool:
    """Those who may edit members trigger a reset for a member who forgot the password; of the three
    administrators only the security administrator (accounts are its work)."""
    if manages_accounts(user):
        return member.committee_id in committee_ids(user) or user.is_superuser
    if kept_out_of_accounts(user):
        return False
    return can_manage(user, "members.change_member", member.committee_id)


# Who may read a background job's result file (an import's error workbook is owned by its job).
JOB_FILE_READERS = {Role.SECRETARIAT, Role.ADMIN}


def _job_reader_committee_ids(user) -> list:
    return sorted({a.committee_id for a in assignments(user) if a.role in JOB_FILE_READERS})


@register_shared_jobs
def shared_jobs(user):
    """The committee's jobs (imports) are listed for those who may read their result files."""
    ids = _job_reader_committee_ids(user)
    return Q(params__committee_id__in=ids) if ids else Q(pk__in=[])


@register_file_access(Job)
def can_read_job_file(user, job) -> bool:
    """The person who asked for the job, and the secretariat and administrators of the committee it
    worked on (job.params["committee_id"]): a colleague must be able to fix a failed import."""
    if job.requester_id is not None and job.requester_id == user.pk:
        return True
    committee_id = (job.params or {}).get("committee_id")
    return committee_id is not None and any(
        a.role in JOB_FILE_READERS and a.committee_id == committee_id for a in assignments(user)
    )


# ---- logins and account slips (members/onboarding_views.py)


def may_onboard(user, committee_id) -> bool:
    """The committee's secretariat (who may change its members). 三员分立: not the system administrator."""
    if kept_out_of_accounts(user):
        return False
    return can_manage(user, "members.change_member", committee_id)


def onboarding_committee_ids(user) -> list:
    """The committees whose logins this user hands out (empty: the page is refused)."""
    from members.models import Committee

    if not getattr(user, "is_authenticated", False) or kept_out_of_accounts(user):
        return []
    ids = Committee.objects.values_list("pk", flat=True) if user.is_superuser else committee_ids(user)
    return sorted(pk for pk in ids if may_onboard(user, pk))
