"""Every write of members/: duty ledger, role assignments, member accounts."""

import logging
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cppcc import audit, clock
from cppcc.history import save_audited
from members.models import DutyEntry, Member, RoleAssignment
from members.models.ledger import kind_group
from members.models.roles import Role
from members.roles import group_name

logger = logging.getLogger(__name__)


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
        recorded_at=clock.now(), recorded_by=actor if getattr(actor, "pk", None) else None, reason=reason,
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
    now = clock.now()
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
    save_audited(assignment, actor=actor, reason=_("Role granted"))
    _sync_user_groups(user)
    audit.record(audit.AuditAction.PERMISSION_CHANGE, actor=actor, obj=assignment,
                 detail=f"role granted to {user.get_username()}: {assignment.get_role_display()}")
    return assignment


@transaction.atomic
def role_revoke(*, assignment: RoleAssignment, actor=None, reason: str = "") -> RoleAssignment:
    """End a role assignment (kept for the record) and drop the group if no other assignment needs it."""
    assignment = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.revoked_at is None:
        assignment.revoked_at = timezone.now()
        save_audited(assignment, actor=actor, reason=reason or _("Role revoked"), fields=["revoked_at"])
        _sync_user_groups(assignment.user)
        audit.record(audit.AuditAction.PERMISSION_CHANGE, actor=actor, obj=assignment,
                     detail=f"role revoked from {assignment.user.get_username()}: {assignment.get_role_display()}"
                            + (f"; reason: {reason}" if reason else ""))
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
        save_audited(member, actor=actor, reason=_("Account created"), fields=["user"])
    role_grant(user=member.user, role=Role.MEMBER, committee=member.committee, actor=actor)
    return member.user


def member_password_reset_send(*, member: Member, actor, request=None) -> str:
    """Make a one-time link for a member who forgot the password: e-mailed when the account has an
    address, always returned so the secretariat can read it to the member by phone."""
    user = member.user
    if user is None:
        raise ValidationError(_("This member has no login account yet."))
    if not user.is_active:
        raise ValidationError(_("This member's account is disabled."))
    path = reverse("password_reset_confirm", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    })
    base = (settings.WAGTAILADMIN_BASE_URL or "").rstrip("/")
    if base:
        link = base + path
    else:  # no configured base: the host the secretariat is using is the best guess
        link = request.build_absolute_uri(path) if request is not None else path
    emailed_to = _send_reset_email(member=member, user=user, link=link) if user.email else ""
    # Nothing on the member changes, so this goes to the admin log, not simple-history.
    log(instance=member, action="cppcc.password_reset", user=actor, data={"emailed_to": emailed_to})
    return link


def _send_reset_email(*, member: Member, user, link: str) -> str:
    """Send in the site's default language (the member's own choice is unknown); a mail server that
    is down must not cost the secretariat the link, which it still has to read out."""
    context = {
        "member": member, "username": user.get_username(), "link": link, "committee": member.committee,
        "site_name": settings.WAGTAIL_SITE_NAME, "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = "".join(render_to_string("registration/password_reset_subject.txt", context).splitlines())
        body = render_to_string("registration/password_reset_email.html", context)
    try:
        send_mail(subject, body, None, [user.email])
    except Exception:  # noqa: BLE001 - any transport error; logged, the link is still returned
        logger.exception("Password reset e-mail to user %s failed", user.pk)
        return ""
    return user.email
