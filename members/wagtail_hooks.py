"""Admin registration of members/: organisation, members, roles and the (read-only) duty ledger."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import Button
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from cppcc.audit_admin import register_reader_rule
from cppcc.viewsets import IndexView, InspectView, ProjectViewSet, ScopedPolicy
from members import admin_views, permissions, role_views
from members.role_views import RoleGrantView
from members.forms import MemberForm, ScopedForm
from members.models import (
    ActivityGroup, Body, Committee, DutyEntry, LoginPolicy, Member, Party, RoleAssignment, Sector, Session,
    SpecialCommittee, Term, TermMembership,
)
from members.models.people import mask_id_number, mask_phone

MASKS = {"id_number": mask_id_number, "phone": mask_phone}


class MaskedColumn(Column):
    """Shows a private field masked unless the viewer is an administrator or the person."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        if request is None or not permissions.can_see_private(request.user, instance):
            context["value"] = MASKS[self.name](context["raw_value"] or "")
        return context


class LoginsHeaderMixin:
    """A "Logins and account slips" button over the list, for those who make logins (the bulk action: tick
    people there, or everyone listed, and print or send their slips)."""

    logins_kind = ""

    @cached_property
    def header_buttons(self):
        from wagtail.admin.widgets.button import HeaderButton

        buttons = list(super().header_buttons)
        if permissions.onboarding_committee_ids(self.request.user):
            buttons.append(HeaderButton(_("Logins and account slips"),
                                        url=f"{reverse('members_accounts')}?kind={self.logins_kind}", icon_name="key"))
        return buttons


class MemberIndexView(LoginsHeaderMixin, IndexView):
    logins_kind = "members"

    def get_list_more_buttons(self, instance):
        return (list(super().get_list_more_buttons(instance)) + _duty_record_buttons(self.request.user, instance, MenuItem)
                + _login_buttons(self.request.user, instance, "members_login"))

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        if not permissions.can_see_private(self.request.user, item):
            for name, mask in MASKS.items():
                if name in row:
                    row[name] = mask(row[name] or "")
        return row


class BodyIndexView(LoginsHeaderMixin, IndexView):
    logins_kind = "units"

    def get_list_more_buttons(self, instance):
        return list(super().get_list_more_buttons(instance)) + _login_buttons(self.request.user, instance, "members_unit_logins")


def _login_buttons(user, obj, url_name):
    """A member's "Login and slip" (create login / reset), a unit's "Contacts' logins" (members/onboarding_views.py)."""
    if not permissions.may_onboard(user, obj.committee_id):
        return []
    label = _("Login and slip") if url_name == "members_login" else _("Contacts' logins")
    return [MenuItem(label, url=reverse(url_name, args=[obj.pk]), icon_name="key", priority=30)]


def _duty_record_buttons(user, member, button_class):
    """A "Duty record" link (members/duty_views.py) for those who read that committee's ledger."""
    from members.duty_views import may_view_record

    if not may_view_record(user, member):
        return []
    return [button_class(_("Duty record"), url=reverse("members_duty_record", args=[member.pk]), icon_name="doc-full",
                         priority=25)]


class MemberInspectView(InspectView):
    @cached_property
    def header_more_buttons(self):
        return list(super().header_more_buttons) + _duty_record_buttons(self.request.user, self.object, Button)


class RevokeColumn(Column):
    """A link to end an active assignment (nothing is deleted)."""

    def get_value(self, instance):
        return "" if instance.revoked_at else _("Revoke")

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        if not instance.revoked_at:
            context["value"] = format_html('<a href="{}">{}</a>', reverse("roles:revoke", args=[instance.pk]), _("Revoke"))
        return context


class OrgViewSet(ProjectViewSet):
    scope = permissions.committee_scope
    form_class = ScopedForm
    list_filter = ["committee"]
    search_fields = ["name"]


class CommitteeViewSet(OrgViewSet):
    model = Committee
    icon = "home"
    scope = permissions.scope_by("id")
    list_display = ["name", "short_name", "level", "parent"]
    list_filter = ["level"]
    list_export = ["name", "short_name", "level", "parent"]
    form_fields = ["name", "short_name", "level", "parent"]


class TermViewSet(OrgViewSet):
    model = Term
    icon = "date"
    list_display = ["__str__", "committee", "start_date", "end_date"]
    list_export = ["committee", "number", "start_date", "end_date"]
    form_fields = ["committee", "number", "start_date", "end_date"]
    search_fields = None


class SessionViewSet(OrgViewSet):
    model = Session
    icon = "calendar"
    list_display = ["__str__", "committee", "plenary_start", "plenary_end", "filing_opens", "filing_deadline"]
    list_filter = ["committee", "term"]
    list_export = ["__str__", "committee", "plenary_start", "plenary_end", "filing_opens", "filing_deadline", "case_number_format"]
    export_headings = {"__str__": _("session")}
    form_fields = ["committee", "term", "number", "plenary_start", "plenary_end", "filing_opens", "filing_deadline", "case_number_format"]
    search_fields = None
    list_select_related = ("term", "committee")


class SectorViewSet(OrgViewSet):
    model = Sector
    icon = "group"
    list_display = ["name", "committee", "order", "active"]
    list_export = ["name", "committee", "order", "active"]
    form_fields = ["committee", "name", "order", "active"]


class PartyViewSet(OrgViewSet):
    model = Party
    icon = "tag"
    list_display = ["name", "kind", "committee", "order", "active"]
    list_filter = ["committee", "kind"]
    list_export = ["name", "kind", "committee", "order", "active"]
    form_fields = ["committee", "name", "kind", "order", "active"]


class SpecialCommitteeViewSet(OrgViewSet):
    model = SpecialCommittee
    icon = "group"
    list_display = ["name", "committee", "is_proposal_committee", "order", "active"]
    list_export = ["name", "committee", "is_proposal_committee", "order", "active"]
    form_fields = ["committee", "name", "is_proposal_committee", "order", "active"]


class ActivityGroupViewSet(OrgViewSet):
    model = ActivityGroup
    icon = "group"
    list_display = ["name", "kind", "committee", "active"]
    list_filter = ["committee", "kind"]
    list_export = ["name", "kind", "committee", "active"]
    form_fields = ["committee", "name", "kind", "members", "order", "active"]


class BodyViewSet(OrgViewSet):
    model = Body
    icon = "site"
    index_view_class = BodyIndexView
    list_display = ["code", "name", "kind", "is_handling_unit", "valid_from", "valid_to", "successor"]
    list_filter = ["committee", "kind", "is_handling_unit"]
    list_export = ["code", "name", "short_name", "kind", "is_handling_unit", "valid_from", "valid_to", "successor", "contact_person", "phone", "address"]
    search_fields = ["name", "short_name", "code"]
    form_fields = ["committee", "code", "name", "short_name", "kind", "is_handling_unit", "valid_from", "valid_to", "successor", "contact_person", "phone", "address"]
    list_select_related = ("successor", "committee")


class MemberViewSet(ProjectViewSet):
    model = Member
    icon = "user"
    index_view_class = MemberIndexView
    scope = permissions.committee_scope
    form_class = MemberForm
    list_display = ["member_number", "name", "gender", "work_unit", "position", MaskedColumn("phone", label=_("phone"))]
    list_filter = ["committee", "gender", "memberships__term", "memberships__sector", "memberships__party"]
    list_export = ["member_number", "name", "gender", "ethnicity", "birth_date", "id_number", "education", "speciality", "work_unit", "position", "phone", "email"]
    search_fields = ["name", "member_number", "work_unit"]
    form_fields = ["committee", "member_number", "name", "gender", "ethnicity", "birth_date", "id_number", "education", "speciality", "work_unit", "position", "phone", "email"]
    inspect_view_enabled = True
    inspect_view_class = MemberInspectView  # adds "Duty record" to the header menu
    inspect_view_fields = ["member_number", "name", "gender", "ethnicity", "birth_date", "id_number_masked", "education", "speciality", "work_unit", "position", "phone_masked", "email"]
    export_filename = "members"
    edit_view_class = admin_views.MemberEditView  # adds "Reset password" to the header menu
    history_masks = MASKS
    can_see_private = staticmethod(permissions.can_see_private)


class TermMembershipViewSet(ProjectViewSet):
    model = TermMembership
    icon = "list-ul"
    scope = permissions.scope_by("member__committee_id")
    form_class = ScopedForm
    list_display = ["member", "term", "sector", "party", "is_standing", "post"]
    list_filter = ["term", "sector", "party", "is_standing", "post"]
    list_export = ["member.member_number", "member.name", "term", "sector", "party", "is_standing", "post", "start_date", "end_date"]
    export_headings = {"member.member_number": _("member number"), "member.name": _("name")}
    search_fields = ["member__name", "member__member_number"]
    form_fields = ["member", "term", "sector", "party", "is_standing", "post", "special_committees", "start_date", "end_date"]
    list_select_related = ("member", "term", "sector", "party")


class RoleAssignmentViewSet(ProjectViewSet):
    model = RoleAssignment
    icon = "key"
    scope = permissions.committee_scope
    form_class = ScopedForm
    list_filter = ["role", "committee"]
    list_export = ["user", "role", "committee", "unit", "party", "sector", "special_committee", "granted_at", "revoked_at"]
    search_fields = ["user__username", "user__first_name"]
    form_fields = ["user", "role", "committee", "unit", "party", "sector", "special_committee"]
    refused_actions = ("change", "delete")  # granted through members.services.role_grant, then revoked
    add_view_class = RoleGrantView
    list_display = ["user", "role", "committee", "unit", "party", "sector", "special_committee", "revoked_at", RevokeColumn("revoke", label=_("Revoke"))]

    list_select_related = ("user", "committee", "unit", "party", "sector", "special_committee")

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("revoke/<int:pk>/", role_views.revoke, name="revoke")]

    def register_permissions(self):
        register_permission_policy(self.model, AccountPolicy(self.model, self.scope, self.refused_actions),
                                   exact_class=True)
        super(ProjectViewSet, self).register_permissions()


class AccountPolicy(ScopedPolicy):
    """三员分立: the system administrator (a superuser) neither grants roles nor edits accounts."""

    def user_has_permission(self, user, action):
        if action != "view" and permissions.kept_out_of_accounts(user):
            return False
        return super().user_has_permission(user, action)


class SeparatedModelPolicy(ModelPermissionPolicy):
    """Wagtail's users and groups screens: refused to the system administrator (see AccountPolicy)."""

    def user_has_permission(self, user, action):
        return not permissions.kept_out_of_accounts(user) and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)


# Registered when the hooks load, after wagtail.users registered its default policies in ready().
register_permission_policy(get_user_model(), SeparatedModelPolicy(get_user_model()), exact_class=True)
register_permission_policy(Group, SeparatedModelPolicy(Group), exact_class=True)
register_permission_policy(LoginPolicy, SeparatedModelPolicy(LoginPolicy), exact_class=True)  # the password rule
# 三员分立: the audit log is the auditor's alone (the system and security administrators are superusers).
register_reader_rule(permissions.may_read_audit_log)


class DutyEntryViewSet(ProjectViewSet):
    """The ledger is append-only: readable and exportable, never added, edited or deleted here."""

    model = DutyEntry
    icon = "doc-full"
    scope = permissions.committee_scope
    list_display = ["duty_date", "member", "kind", "title", "quantity", "recorded_at", "voided_at"]
    list_filter = ["kind", "duty_date"]
    list_export = ["duty_date", "member.member_number", "member.name", "kind", "title", "quantity", "basis", "recorded_at", "recorded_by", "reason", "voided_at"]
    export_headings = {"member.member_number": _("member number"), "member.name": _("name")}
    search_fields = ["title", "member__name", "member__member_number"]
    form_fields = ["title"]
    inspect_view_enabled = True
    refused_actions = ("add", "change", "delete")
    list_select_related = ("member", "recorded_by")


class OrganisationGroup(ModelViewSetGroup):
    menu_label = _("Organisation")
    menu_icon = "site"
    menu_order = 200
    items = (
        CommitteeViewSet("committees"), TermViewSet("terms"), SessionViewSet("sessions"),
        SectorViewSet("sectors"), PartyViewSet("parties"), SpecialCommitteeViewSet("special_committees"),
        ActivityGroupViewSet("activity_groups"), BodyViewSet("bodies"),
    )


class PeopleGroup(ModelViewSetGroup):
    menu_label = _("Members")
    menu_icon = "user"
    menu_order = 100
    items = (
        MemberViewSet("members"), TermMembershipViewSet("memberships"),
        RoleAssignmentViewSet("roles"), DutyEntryViewSet("duty_ledger"),
    )


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [OrganisationGroup(), PeopleGroup()]


@hooks.register("register_log_actions")
def register_role_log_actions(actions):
    actions.register_action("cppcc.role_revoke", _("Revoke role"), _("Role revoked"))


# Roster import (members/import_views.py): a top-level menu item for those who may add and change members.
@hooks.register("register_admin_urls")
def register_roster_import_urls():
    from members import import_views

    return [
        path("roster-import/", import_views.upload, name="roster_import"),
        path("roster-import/template/<str:kind>/", import_views.template_download, name="roster_import_template"),
    ]


@hooks.register("register_admin_menu_item")
def register_roster_import_menu_item():
    from wagtail.admin.menu import MenuItem

    from members import import_views

    class RosterImportMenuItem(MenuItem):
        def is_shown(self, request):
            return import_views.may_import(request.user)

    return RosterImportMenuItem(_("Roster import"), reverse("roster_import"), name="roster-import",
                                icon_name="upload", order=150)


@hooks.register("register_admin_urls")
def register_member_password_reset_url():
    return [path("members/<int:pk>/password-reset/", admin_views.password_reset, name="members_password_reset")]


@hooks.register("register_admin_urls")
def register_member_duty_record_url():
    from members import duty_views

    return [path("members/<int:pk>/duty/", duty_views.member_duty_record, name="members_duty_record")]


@hooks.register("register_log_actions")
def register_password_reset_log_action(actions):
    actions.register_action("cppcc.password_reset", _("Password reset link"), _("Password reset link made"))


# Login protection (members/account_views.py): lockouts listed and unlocked by the security administrator.
@hooks.register("register_admin_urls")
def register_lockout_urls():
    from members import account_views

    return [
        path("lockouts/", account_views.lockouts, name="lockouts"),
        path("lockouts/unlock/", account_views.unlock, name="lockouts_unlock"),
    ]


@hooks.register("register_admin_menu_item")
def register_lockout_menu_item():
    from wagtail.admin.menu import MenuItem

    class LockoutMenuItem(MenuItem):
        def is_shown(self, request):
            return permissions.manages_accounts(request.user)

    return LockoutMenuItem(_("Locked accounts"), reverse("lockouts"), name="lockouts", icon_name="lock", order=900)


@hooks.register("register_log_actions")
def register_login_security_log_actions(actions):
    actions.register_action("cppcc.account_unlock", _("Unlock account"), _("Account unlocked"))
    actions.register_action("cppcc.otp_enrol", _("Second factor enrolled"), _("Second factor enrolled"))


# Onboarding (members/onboarding_views.py): logins and account slips for the roster's people.
@hooks.register("register_admin_urls")
def register_onboarding_urls():
    from members import onboarding_views

    return [
        path("logins/", onboarding_views.accounts_index, name="members_accounts"),
        path("members/<int:pk>/login/", onboarding_views.member_login, name="members_login"),
        path("unit-logins/<int:pk>/", onboarding_views.unit_logins, name="members_unit_logins"),
    ]


@hooks.register("register_admin_menu_item")
def register_onboarding_menu_item():
    from wagtail.admin.menu import MenuItem

    class OnboardingMenuItem(MenuItem):
        def is_shown(self, request):
            return bool(permissions.onboarding_committee_ids(request.user))

    return OnboardingMenuItem(_("Logins and account slips"), reverse("members_accounts"), name="logins",
                              icon_name="key", order=160)


# ---- the sidebar's search also finds members and handling units (cppcc.admin_search)


@hooks.register("register_admin_search_area")
def register_member_search_area():
    from cppcc.admin_search import ListSearchArea

    return ListSearchArea(Member._meta.verbose_name_plural, "members:index", Member, name="members", icon_name="user", order=20)


@hooks.register("register_admin_search_area")
def register_unit_search_area():
    from cppcc.admin_search import ListSearchArea

    return ListSearchArea(Body._meta.verbose_name_plural, "bodies:index", Body, name="bodies", icon_name="site", order=30)
