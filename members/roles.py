"""Which Django permissions each role's group carries. Groups are created after migrations, idempotently."""

from django.contrib.auth.models import Group, Permission

from members.models.roles import Role

ORGANISATION_MODELS = [
    "members.committee", "members.term", "members.session", "members.sector", "members.party",
    "members.specialcommittee", "members.activitygroup", "members.body",
]
PEOPLE_MODELS = ["members.member", "members.termmembership"]
READ_ONLY_MODELS = ["members.dutyentry"]
# Workflow records: the admin shows them and calls services; forms never edit their workflow fields.
PROPOSAL_MODELS = [
    "proposals.proposal", "proposals.signer", "proposals.proposalevent", "proposals.assignment",
    "proposals.extension", "proposals.coopinion", "proposals.reply", "proposals.codecorrection",
    "proposals.evaluation", "proposals.opinionreport",
]
PROPOSAL_RULES = ["proposals.proposalsettings", "proposals.category", "proposals.rejectreason", "proposals.resultcode"]
CONSULTATION_MODELS = [
    "consultations.activity", "consultations.sitting", "consultations.place", "consultations.document",
    "consultations.invitation", "consultations.attendance", "consultations.speech", "consultations.suggestion",
    "consultations.instruction", "consultations.activityevent", "consultations.planitem",
]
CONSULTATION_RULES = ["consultations.activitykind", "consultations.consultationsettings"]


def _perms(models, actions):
    return {f"{m.split('.')[0]}.{a}_{m.split('.')[1]}" for m in models for a in actions}


ADMIN_ACCESS = {"wagtailadmin.access_admin"}
VIEW_ALL = _perms(
    ORGANISATION_MODELS + PEOPLE_MODELS + READ_ONLY_MODELS + ["members.roleassignment"] + PROPOSAL_MODELS + PROPOSAL_RULES
    + CONSULTATION_MODELS + CONSULTATION_RULES,
    ["view"],
)
AUDIT_LOG = {"cppcc.view_auditevent"}
ACCOUNT_WORK = (
    _perms(["members.roleassignment"], ["add", "change", "view"])
    | _perms(["auth.user", "auth.group"], ["add", "change", "view"])
    | {"members.change_loginpolicy"}
)
PROPOSAL_WORK = _perms(PROPOSAL_MODELS, ["add", "change"]) | _perms(PROPOSAL_RULES, ["add", "change"])
# Organisers of activities (the services narrow special-committee staff to their committee's activities).
CONSULTATION_WORK = _perms(CONSULTATION_MODELS, ["add", "change", "view"])

# Role -> Django permissions ("app_label.codename"). Scoping to a committee or unit is applied on top,
# in members.permissions; these only open the doors.
ROLE_PERMISSIONS = {
    Role.SECRETARIAT: ADMIN_ACCESS
    | VIEW_ALL
    | PROPOSAL_WORK
    | CONSULTATION_WORK
    | _perms(CONSULTATION_RULES, ["add", "change"])
    | _perms(["cppcc.calendarday"], ["add", "change", "view"])
    | _perms(ORGANISATION_MODELS + PEOPLE_MODELS + ["members.roleassignment"], ["add", "change"]),
    Role.REVIEWER: ADMIN_ACCESS | _perms(ORGANISATION_MODELS + PEOPLE_MODELS + PROPOSAL_MODELS, ["view"])
    | {"proposals.change_proposal"},  # review decisions (services check the reviewer's committee)
    Role.SPECIAL_STAFF: ADMIN_ACCESS | _perms(ORGANISATION_MODELS + PEOPLE_MODELS + CONSULTATION_RULES, ["view"])
    | CONSULTATION_WORK,
    Role.CHAIR: ADMIN_ACCESS | VIEW_ALL,
    # 三员分立 (等保 level 3): three administrators, none able to do another's work.
    # The auditor reads the audit log and nothing else (cppcc.view_auditevent: the audit log's model).
    Role.AUDITOR: ADMIN_ACCESS | AUDIT_LOG,
    # The system administrator runs the system and its data, but grants no roles, manages no accounts and
    # reads no audit log. Administrators are superusers (members.services), so the views of those three
    # also refuse them by name: members.permissions.kept_out_of_accounts / may_read_audit_log.
    Role.ADMIN: ADMIN_ACCESS
    | VIEW_ALL
    | {"cppcc.view_job", "cppcc.change_job"}  # change: retry anyone's failed job
    | PROPOSAL_WORK
    | _perms(["cppcc.calendarday"], ["add", "change", "view"])
    | _perms(ORGANISATION_MODELS + PEOPLE_MODELS, ["add", "change", "delete"]),
    # The security administrator: accounts, groups, role assignments, the login policy and lockouts only.
    Role.SECURITY_ADMIN: ADMIN_ACCESS | ACCOUNT_WORK,
    Role.MEMBER: set(),
    Role.COLLECTIVE: set(),
    Role.UNIT_LIAISON: set(),
    Role.UNIT_LEADER: set(),
    Role.SUPERVISION: set(),
}
# Roles whose people work in the Wagtail admin; the others use the portal.
ADMIN_ROLES = {r for r, perms in ROLE_PERMISSIONS.items() if "wagtailadmin.access_admin" in perms}
# The site editors (news pages) among them.
PAGE_EDITOR_ROLES = {Role.SECRETARIAT, Role.ADMIN}


def group_name(role) -> str:
    return f"role:{role}"


def sync_groups(app_config=None, **kwargs):
    """Create or update one group per role with exactly its permissions (safe to run any number of times).

    A label whose model does not exist (yet) is skipped, not an error: e.g. cppcc.view_auditevent before
    the audit log's model is installed. tests/members/test_roles.py checks that none is left unknown after migrate.
    """
    from django.apps import apps

    with_models = [c for c in apps.get_app_configs() if c.models_module is not None]
    if app_config is not None and app_config is not with_models[-1]:
        return
    by_key = {}
    for perm in Permission.objects.select_related("content_type"):
        by_key[f"{perm.content_type.app_label}.{perm.codename}"] = perm
    for role, wanted in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name(role))
        group.permissions.set([by_key[k] for k in sorted(wanted) if k in by_key])
    _sync_page_permissions()


def _sync_page_permissions():
    """The site editors edit pages from the root, and add and choose the images and documents they use in
    them (Wagtail keeps those as collection permissions). No other role gets any: the admin shows Pages,
    Images, Documents and the page reports only to holders of these (tests/cppcc/test_admin_brand.py)."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    root = Page.get_first_root_node()
    collection = Collection.get_first_root_node()
    for role in PAGE_EDITOR_ROLES:
        group = Group.objects.get(name=group_name(role))
        if root is not None:
            for codename in ("add_page", "change_page", "publish_page"):
                perm = Permission.objects.filter(content_type__app_label="wagtailcore", codename=codename).first()
                if perm:
                    GroupPagePermission.objects.get_or_create(group=group, page=root, permission=perm)
        if collection is not None:
            for app_label, codenames in COLLECTION_PERMISSIONS.items():
                for perm in Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames):
                    GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=perm)


COLLECTION_PERMISSIONS = {
    "wagtailimages": ("add_image", "change_image", "choose_image"),
    "wagtaildocs": ("add_document", "change_document", "choose_document"),
}
