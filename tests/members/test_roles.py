"""Roles are (user, role, scope) assignments that drive group membership; revoking keeps the record."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse

from members import permissions
from members.models import RoleAssignment
from members.models.roles import Role
from members.roles import ROLE_PERMISSIONS, group_name, sync_groups
from members.services import role_grant, role_revoke
from tests import factories


def test_groups_exist_with_their_permissions_and_sync_is_idempotent(db):
    sync_groups()
    sync_groups()
    for role, perms in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=group_name(role))
        have = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
        assert have == perms, role  # every label exists: a typo in members/roles.py fails here
    assert Group.objects.filter(name__startswith="role:").count() == len(Role)


def test_one_person_holds_several_roles(committee):
    user = factories.user()
    unit = factories.unit(committee)
    role_grant(user=user, role=Role.MEMBER, committee=committee)
    role_grant(user=user, role=Role.UNIT_LEADER, committee=committee, unit=unit)
    role_grant(user=user, role=Role.UNIT_LEADER, committee=committee, unit=unit)  # idempotent
    assert RoleAssignment.objects.filter(user=user).count() == 2
    assert set(user.groups.values_list("name", flat=True)) == {"role:member", "role:unit_leader"}
    assert permissions.unit_ids(user) == {unit.pk}
    assert not user.is_staff


def test_scope_rules(committee, other_committee):
    user = factories.user()
    with pytest.raises(ValidationError):
        role_grant(user=user, role=Role.UNIT_LIAISON, committee=committee)
    with pytest.raises(ValidationError):
        role_grant(user=user, role=Role.COLLECTIVE, committee=committee)
    with pytest.raises(ValidationError):
        role_grant(user=user, role=Role.UNIT_LIAISON, committee=committee, unit=factories.unit(other_committee))


def test_revoke_keeps_the_record_and_removes_access(committee):
    user = factories.user()
    assignment = role_grant(user=user, role=Role.SECRETARIAT, committee=committee)
    assert user.is_staff and user.has_perm("wagtailadmin.access_admin")
    role_revoke(assignment=assignment, reason="调离")
    user = type(user).objects.get(pk=user.pk)
    assert not user.is_staff and not user.has_perm("wagtailadmin.access_admin")
    assignment.refresh_from_db()
    assert assignment.revoked_at is not None
    assert assignment.history.latest().history_change_reason == "调离"


def test_administrator_role_makes_a_superuser_and_revoking_undoes_it(committee):
    user = factories.user()
    assignment = role_grant(user=user, role=Role.ADMIN, committee=committee)
    assert user.is_superuser
    role_revoke(assignment=assignment, reason="x")
    user.refresh_from_db()
    assert not user.is_superuser


def test_admin_grant_and_revoke_through_the_admin(client, secretariat, committee):
    target = factories.user()
    client.force_login(secretariat)
    response = client.post("/admin/roles/new/", {"user": target.pk, "role": Role.REVIEWER, "committee": committee.pk})
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=target)
    assert target.groups.filter(name="role:reviewer").exists()
    # Edit is refused: scope changes are a revoke plus a new grant.
    assert client.get(f"/admin/roles/edit/{assignment.pk}/").status_code == 302
    response = client.post(f"/admin/roles/revoke/{assignment.pk}/", {"reason": "换届"})
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.revoked_at is not None


def test_admin_grant_with_a_bad_scope_shows_an_error(client, secretariat, committee):
    target = factories.user()
    client.force_login(secretariat)
    response = client.post("/admin/roles/new/", {"user": target.pk, "role": Role.UNIT_LEADER, "committee": committee.pk})
    assert response.status_code == 200
    assert not RoleAssignment.objects.filter(user=target).exists()


def test_secretariat_cannot_revoke_in_another_committee(client, secretariat, other_committee):
    outsider = factories.user_with_role(Role.REVIEWER, other_committee)
    assignment = RoleAssignment.objects.get(user=outsider)
    client.force_login(secretariat)
    response = client.post(f"/admin/roles/revoke/{assignment.pk}/", {"reason": "x"})
    # Wagtail answers a PermissionDenied inside the admin with a redirect to the dashboard.
    assert response.status_code == 302 and response.get("Location", "/admin/") == "/admin/"
    assignment.refresh_from_db()
    assert assignment.revoked_at is None


def test_a_permission_is_read_per_committee(committee, other_committee):
    """Secretariat in one committee and reviewer in another: members of the second are not theirs to manage."""
    user = factories.user_with_role(Role.SECRETARIAT, committee)
    role_grant(user=user, role=Role.REVIEWER, committee=other_committee)
    user = type(user).objects.get(pk=user.pk)  # fresh permission and role caches
    here, there = factories.member(committee), factories.member(other_committee)
    assert permissions.may_reset_password(user, here)
    assert not permissions.may_reset_password(user, there)
    assert not permissions.can_manage(user, "members.view_dutyentry", other_committee.pk)


# --- 三员分立: system administrator, security administrator, auditor -----------------------------------

def test_three_administrators_cannot_do_each_others_work(committee, role_user):
    admin, security, auditor = role_user(Role.ADMIN), role_user(Role.SECURITY_ADMIN), role_user(Role.AUDITOR)
    clerk = role_user(Role.SECRETARIAT)
    # Roles and accounts: the security administrator only.
    assert permissions.manages_accounts(security) and not permissions.manages_accounts(admin)
    assert permissions.kept_out_of_accounts(admin) and not permissions.kept_out_of_accounts(security)
    for role in (Role.ADMIN, Role.SECURITY_ADMIN, Role.AUDITOR, Role.REVIEWER):
        assert permissions.may_grant(security, role, committee.pk)
        assert not permissions.may_grant(admin, role, committee.pk)
        assert not permissions.may_grant(auditor, role, committee.pk)
    # The secretariat grants the committee's ordinary roles, never the three administrators'.
    assert permissions.may_grant(clerk, Role.REVIEWER, committee.pk)
    assert not permissions.may_grant(clerk, Role.ADMIN, committee.pk)
    # Business data: the security administrator and the auditor hold none of it.
    for user in (security, auditor):
        assert not user.has_perm("members.change_member") and not user.has_perm("members.view_member")
        assert not user.has_perm("proposals.view_proposal") and not user.has_perm("cppcc.change_calendarday")
    # The audit log: the auditor's label only (the model comes with cppcc.audit).
    assert "cppcc.view_auditevent" in ROLE_PERMISSIONS[Role.AUDITOR]
    assert ROLE_PERMISSIONS[Role.AUDITOR] == {"wagtailadmin.access_admin", "cppcc.view_auditevent"}
    assert "cppcc.view_auditevent" not in ROLE_PERMISSIONS[Role.ADMIN] | ROLE_PERMISSIONS[Role.SECURITY_ADMIN]
    assert not permissions.may_read_audit_log(admin) and not permissions.may_read_audit_log(security)


def test_the_secretariat_cannot_grant_itself_administrator(client, committee, role_user):
    clerk = role_user(Role.SECRETARIAT)
    client.force_login(clerk)
    response = client.post(reverse("roles:add"), {"user": clerk.pk, "role": Role.ADMIN, "committee": committee.pk})
    assert response.status_code == 200
    assert not RoleAssignment.objects.filter(user=clerk, role=Role.ADMIN).exists()
    clerk.refresh_from_db()
    assert not clerk.is_superuser


def test_the_security_administrator_grants_and_the_system_administrator_cannot(client, committee, role_user):
    target = factories.user()
    client.force_login(role_user(Role.ADMIN))
    assert client.get(reverse("roles:add")).status_code != 200
    client.post(reverse("roles:add"), {"user": target.pk, "role": Role.REVIEWER, "committee": committee.pk})
    assert not RoleAssignment.objects.filter(user=target).exists()
    assert client.get("/admin/users/").status_code != 200
    client.force_login(role_user(Role.SECURITY_ADMIN))
    response = client.post(reverse("roles:add"), {"user": target.pk, "role": Role.AUDITOR, "committee": committee.pk})
    assert response.status_code == 302
    assert RoleAssignment.objects.active().filter(user=target, role=Role.AUDITOR).exists()
    assert client.get("/admin/users/").status_code == 200
