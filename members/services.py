"""Every write of members/: duty ledger, role assignments, member accounts."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import DutyEntry, Member, RoleAssignment
from members.models.ledger import kind_group
from members.models.roles import Role
from members.roles import group_name


def _source_key(source):
    if source is None:
        return None, ""
    return ContentType.objects.get_for_model(source), str(source.pk)


@transaction.atomic
def duty_record(*, member: Member, kind: str, title: str, duty_date, source=None, quantity=Decimal("1"),
                basis: str = "", actor=None, reason: str = "") -> DutyEntry:
    """Record a duty once per (member, source, kind group); a changed fact voids and replaces the old entry."""
    source_type, source_id = _source_key(source)
    group = kind_group(kind)
    standing = (
        DutyEntry.objects.select_for_update()
        .standing()
        .filter(member=member, source_type=source_type, source_id=source_id, kind_group=group)
        .first()
    )
    quantity = Decimal(str(quantity))
    if standing is not None:
        same = (standing.kind, standing.duty_date, standing.quantity, standing.title, standing.basis) == (
            kind, duty_date, quantity, title, basis,
        )
        if same:
            return standing  # re-running a writer never double-counts
        _void(standing, actor=actor, reason=reason or _("Corrected"))
    return DutyEntry.objects.create(
        committee_id=member.committee_id, member=member, duty_date=duty_date, kind=kind, kind_group=group,
        title=title[:300], quantity=quantity, basis=basis, source_type=source_type, source_id=source_id,
        recorded_at=timezone.now(), recorded_by=actor if getattr(actor, "pk", None) else None, reason=reason,
    )


@transaction.atomic
def duty_void(*, member: Member, source, kind: str, actor=None, reason: str) -> DutyEntry | None:
    """Void the standing entry of this kind's group for a source (e.g. a withdrawn proposal)."""
    source_type, source_id = _source_key(source)
    standing = (
        DutyEntry.objects.select_for_update()
        .standing()
        .filter(member=member, source_type=source_type, source_id=source_id, kind_group=kind_group(kind))
        .first()
    )
    if standing is None:
        return None
    return _void(standing, actor=actor, reason=reason)


def _void(entry: DutyEntry, *, actor, reason) -> DutyEntry:
    now = timezone.now()
    # The one permitted change to an entry: the stamp saying from when it no longer stands.
    DutyEntry.objects.filter(pk=entry.pk, voided_at__isnull=True).update(voided_at=now)
    return DutyEntry.objects.create(
        committee_id=entry.committee_id, member_id=entry.member_id, duty_date=entry.duty_date,
        kind=entry.kind, kind_group=entry.kind_group, title=entry.title, quantity=-entry.quantity,
        basis=entry.basis, source_type_id=entry.source_type_id, source_id=entry.source_id,
        recorded_at=now, recorded_by=actor if getattr(actor, "pk", None) else None,
        reason=reason or "", reverses=entry,
    )


def _sync_user_groups(user):
    """Group membership mirrors the active role assignments; administrators are superusers."""
    active = set(RoleAssignment.objects.active().filter(user=user).values_list("role", flat=True))
    wanted = {group_name(r) for r in active}
    all_role_groups = Group.objects.filter(name__startswith="role:")
    user.groups.remove(*[g for g in all_role_groups if g.name not in wanted])
    user.groups.add(*[g for g in all_role_groups if g.name in wanted])
    from members.roles import ADMIN_ROLES

    is_admin = Role.ADMIN in active
    is_staff = bool(active & ADMIN_ROLES) or is_admin
    if user.is_superuser != is_admin or user.is_staff != is_staff:
        user.is_superuser, user.is_staff = is_admin, is_staff
        user.save(update_fields=["is_superuser", "is_staff"])
    if hasattr(user, "_cppcc_roles"):
        del user._cppcc_roles


@transaction.atomic
def role_grant(*, user, role: str, committee, unit=None, party=None, sector=None, special_committee=None,
               actor=None) -> RoleAssignment:
    """Give a user a role in a scope (idempotent); unit roles need a unit, collective roles an organisation."""
    assignment = RoleAssignment(
        user=user, role=role, committee=committee, unit=unit, party=party, sector=sector,
        special_committee=special_committee, granted_by=actor if getattr(actor, "pk", None) else None,
    )
    if role in (Role.UNIT_LIAISON, Role.UNIT_LEADER) and unit is None:
        raise ValidationError({"unit": _("A handling-unit role needs its unit.")})
    if role == Role.COLLECTIVE and not (party or sector or special_committee):
        raise ValidationError({"party": _("A collective proposer acts for a party, organisation, sector or special committee.")})
    for scoped in (unit, party, sector, special_committee):
        if scoped is not None and scoped.committee_id != committee.pk:
            raise ValidationError(_("The scope belongs to another committee."))
    existing = RoleAssignment.objects.active().filter(
        user=user, role=role, committee=committee, unit=unit, party=party, sector=sector,
        special_committee=special_committee,
    ).first()
    if existing:
        return existing
    assignment._change_reason = _("Role granted")
    assignment.save()
    _sync_user_groups(user)
    return assignment


@transaction.atomic
def role_revoke(*, assignment: RoleAssignment, actor=None, reason: str = "") -> RoleAssignment:
    """End a role assignment (kept for the record) and drop the group if no other assignment needs it."""
    assignment = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.revoked_at is None:
        assignment.revoked_at = timezone.now()
        assignment._change_reason = reason or _("Role revoked")
        assignment.save(update_fields=["revoked_at"])
        _sync_user_groups(assignment.user)
    return assignment


@transaction.atomic
def member_account_ensure(*, member: Member, username: str | None = None, password: str | None = None,
                          actor=None):
    """Give a member a login (username = member number) and the member role."""
    User = get_user_model()
    if member.user_id is None:
        user, _created = User.objects.get_or_create(
            username=username or member.member_number,
            defaults={"first_name": member.name, "email": member.email},
        )
        if password:
            user.set_password(password)
            user.save()
        elif _created:
            user.set_unusable_password()
            user.save()
        member.user = user
        member._change_reason = _("Account created")
        member.save(update_fields=["user"])
    role_grant(user=member.user, role=Role.MEMBER, committee=member.committee, actor=actor)
    return member.user
