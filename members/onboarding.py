"""Onboarding: logins for the people on the roster, account slips with a one-time activation link, and
the end of a unit contact's login. Every write is a keyword-only service, atomic and audited.

Who gets a login:
- a member: user name = member number, the member role in the member's committee (`member_login_ensure`);
- a handling unit's liaison and leader, named on the unit sheet of the roster (`unit_contact_ensure`):
  user name given on the sheet, or the unit code with -lly (联络员) / -fzr (负责人).

A new login has no usable password. The secretariat prints (or sends) a slip with a one-time link; the
person opens it, sets a password that passes the password policy, and lands on the portal. The link is
one-time by design: its signature covers the password hash and the last login, so setting a password (or a
newer slip, which makes the password unusable again) ends it. It also carries its own expiry (the days the
secretariat chose, at most MAX_DAYS), signed, so nobody can stretch it.
"""

import io
import re
from dataclasses import dataclass, field
from datetime import timedelta

import segno
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes, force_str
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cppcc import audit, clock, people, sms
from cppcc.history import save_audited
from cppcc.notify_channels import email_address, mask_email, preference_for
from members.models import Body, Member
from members.models.roles import UNIT_ROLES, Role, RoleAssignment
from members.services import role_grant, role_revoke

DEFAULT_DAYS = 14
MAX_DAYS = 60
MOBILE = re.compile(r"^1[3-9]\d{9}$")
UNIT_USERNAME_SUFFIX = {Role.UNIT_LIAISON: "-lly", Role.UNIT_LEADER: "-fzr"}
ROLE_LABELS = {
    Role.MEMBER: gettext_lazy("Member"),
    Role.UNIT_LIAISON: gettext_lazy("Handling-unit liaison"),
    Role.UNIT_LEADER: gettext_lazy("Handling-unit leader"),
}


# ---- the one-time activation link


class ActivationTokenGenerator(PasswordResetTokenGenerator):
    """Django's reset token (one-time: it hashes the password and the last login), but the timestamp in
    it is the moment the link expires, chosen per slip, instead of the moment it was made."""

    key_salt = "cppcc.members.onboarding.ActivationTokenGenerator"

    def make_token_for_days(self, user, days: int) -> str:
        expires = self._num_seconds(self._now()) + int(days) * 86400  # _now(): naive, as Django's tokens
        return self._make_token_with_timestamp(user, expires, self.secret)

    def check_token(self, user, token) -> bool:
        if not (user and token):
            return False
        try:
            ts_b36, _hash = token.split("-")
            expires = base36_to_int(ts_b36)
        except ValueError:
            return False
        if not any(constant_time_compare(self._make_token_with_timestamp(user, expires, secret), token)
                   for secret in [self.secret, *self.secret_fallbacks]):
            return False
        now = self._num_seconds(self._now())
        return now <= expires <= now + MAX_DAYS * 86400


activation_tokens = ActivationTokenGenerator()


def activation_path(user, days: int) -> str:
    return reverse("account_activate", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": activation_tokens.make_token_for_days(user, days),
    })


def user_for_link(uidb64: str, token: str):
    """The active user a link is for, or None when the link is wrong, used, expired or the login ended."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
        user = get_user_model().objects.get(pk=pk)
    except (TypeError, ValueError, OverflowError, ObjectDoesNotExist):
        return None
    if not user.is_active or not activation_tokens.check_token(user, token):
        return None
    return user


def absolute(path: str, request=None) -> str:
    base = (settings.WAGTAILADMIN_BASE_URL or "").rstrip("/")
    if base:
        return base + path
    return request.build_absolute_uri(path) if request is not None else path


# ---- who the people are


def person_name(user) -> str:
    """The person's name on the roster, else the name on the login (cppcc.people.person_name)."""
    try:
        return user.member.name
    except ObjectDoesNotExist:
        return people.person_name(user)


def _capacity(user) -> str:
    """What the login is for, in words: 委员 of a committee, 联络员 of a unit."""
    parts = []
    for a in RoleAssignment.objects.active().filter(user=user, role__in=list(ROLE_LABELS)).select_related("unit", "committee"):
        where = a.unit.name if a.unit_id else a.committee.name
        parts.append(f"{where} · {ROLE_LABELS[a.role]}")
    return "；".join(parts)


def _check_username_free(username: str, *, for_member=None, for_name: str = ""):
    """A login of that user name that is someone else's: a clear refusal, nothing changed."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        return None
    linked = Member.objects.filter(user=user).first()
    if for_member is not None:
        if linked is not None and linked.pk != for_member.pk:
            raise ValidationError(_("The user name %(username)s belongs to %(name)s already.")
                                  % {"username": username, "name": linked.name})
        if linked is None and RoleAssignment.objects.active().filter(user=user).exclude(role=Role.MEMBER).exists():
            raise ValidationError(_("The user name %(username)s is a staff or unit login; give this member "
                                    "another one.") % {"username": username})
    else:
        if linked is not None:
            raise ValidationError(_("The user name %(username)s belongs to member %(name)s.")
                                  % {"username": username, "name": linked.name})
        if for_name and user.first_name and user.first_name != for_name:
            raise ValidationError(_("The user name %(username)s belongs to %(name)s. To hand the unit's login "
                                    "to %(new)s, give another user name.")
                                  % {"username": username, "name": user.first_name, "new": for_name})
    return user


# ---- logins


def _new_user(username, *, name, email):
    user = get_user_model()(username=username, first_name=name[:150], email=email or "")
    user.set_unusable_password()
    user.save()
    return user


@transaction.atomic
def member_login_ensure(*, member: Member, actor=None):
    """The member's login (user name = member number), created or linked, holding the member role.
    A login of that user name that belongs to someone else is refused (ValidationError)."""
    member = Member.objects.select_for_update().select_related("committee").get(pk=member.pk)
    created = False
    if member.user_id is None:
        user = _check_username_free(member.member_number, for_member=member)
        if user is None:
            user, created = _new_user(member.member_number, name=member.name, email=member.email), True
        member.user = user
        save_audited(member, actor=actor, reason=_("Login created") if created else _("Login linked"), fields=["user"])
        audit.record(audit.AuditAction.PERMISSION_CHANGE, actor=actor, obj=member,
                     detail=f"login {'created' if created else 'linked'} for member {member.member_number}: "
                            f"{user.get_username()}")
    role_grant(user=member.user, role=Role.MEMBER, committee=member.committee, actor=actor)
    return member.user


def unit_username(unit: Body, role) -> str:
    return f"{unit.code}{UNIT_USERNAME_SUFFIX[role]}"


@transaction.atomic
def unit_contact_ensure(*, unit: Body, role, name: str, username: str = "", email: str = "", phone: str = "",
                        actor=None):
    """A handling unit's liaison or leader: a login (created, or the existing one of that user name for the
    same person) holding the unit role. The phone pre-fills the SMS number for the slip and notices."""
    if role not in UNIT_ROLES:
        raise ValidationError(_("A unit contact is its liaison or its leader."))
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("A unit contact needs a name."))
    username = (username or "").strip() or unit_username(unit, role)
    user = _check_username_free(username, for_name=name)
    if user is None:
        user = _new_user(username, name=name, email=email)
        audit.record(audit.AuditAction.PERMISSION_CHANGE, actor=actor, obj=user,
                     detail=f"login created for {unit.code} {role}: {username}")
    else:
        changed = []
        if not user.first_name:
            user.first_name = name[:150]
            changed.append("first_name")
        if email and user.email != email:
            user.email = email
            changed.append("email")
        if not user.is_active:
            raise ValidationError(_("The login %(username)s was deactivated; give the new contact another "
                                    "user name.") % {"username": username})
        if changed:
            user.save(update_fields=changed)
    if phone and MOBILE.match(phone):
        pref = preference_for(user)
        if pref.sms_phone != phone:
            pref.sms_phone = phone
            pref.save(update_fields=["sms_phone", "updated_at"])
    role_grant(user=user, role=role, committee=unit.committee, unit=unit, actor=actor)
    return user


def unit_contacts(unit: Body):
    """The unit's active liaison and leader assignments, with their logins."""
    return list(RoleAssignment.objects.active().filter(unit=unit, role__in=list(UNIT_ROLES))
                .select_related("user").order_by("role", "user__username"))


@transaction.atomic
def unit_contact_deactivate(*, user, unit: Body, reason: str, actor):
    """A contact who left: the unit roles end, and the login is disabled unless it still serves another
    purpose (a member record or another role). The reason is required and audited."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the login ends.")})
    ended = list(RoleAssignment.objects.active().filter(user=user, unit=unit, role__in=list(UNIT_ROLES)))
    if not ended:
        raise ValidationError(_("This person is not a contact of %(unit)s.") % {"unit": unit.name})
    for assignment in ended:
        role_revoke(assignment=assignment, actor=actor, reason=reason)
    still_needed = Member.objects.filter(user=user).exists() or RoleAssignment.objects.active().filter(user=user).exists()
    if not still_needed:
        user.is_active = False
        user.set_unusable_password()  # and every slip made for it stops working
        user.save(update_fields=["is_active", "password"])
    audit.record(audit.AuditAction.PERMISSION_CHANGE, actor=actor, obj=user,
                 detail=f"unit contact ended at {unit.code}: {user.get_username()}"
                        f"{'' if still_needed else ' (login disabled)'}; reason: {reason}")
    return user


# ---- slips


@dataclass
class Slip:
    user: object
    name: str
    username: str
    capacity: str
    link: str
    expires_on: object
    sent_to: str = ""
    notes: list = field(default_factory=list)

    def qr_png(self) -> bytes:
        buffer = io.BytesIO()
        segno.make(self.link, error="m").save(buffer, kind="png", scale=6, border=2)
        return buffer.getvalue()


@transaction.atomic
def slips_issue(*, users, actor, days: int = DEFAULT_DAYS, reset: bool = False, request=None) -> tuple[list, list]:
    """A slip per login that has not been activated yet (with `reset`: every login, whose password then
    stops working until the new link is used). The newest slip of a person is the only one that works.
    Returns (slips, skipped people's names)."""
    if not 1 <= int(days) <= MAX_DAYS:
        raise ValidationError(_("A link is valid for 1 to %(max)d days.") % {"max": MAX_DAYS})
    expires_at = timezone.now() + timedelta(days=int(days))
    slips, skipped = [], []
    for user in users:
        user = get_user_model().objects.select_for_update().get(pk=user.pk)
        if not user.is_active:
            skipped.append(person_name(user))
            continue
        if user.has_usable_password() and not reset:
            skipped.append(person_name(user))
            continue
        user.set_unusable_password()  # older slips (and, on reset, the old password) stop working
        user.save(update_fields=["password"])
        link = absolute(activation_path(user, days), request)
        slips.append(Slip(user=user, name=person_name(user), username=user.get_username(), capacity=_capacity(user),
                          link=link, expires_on=timezone.localtime(expires_at).date()))
        audit.record(audit.AuditAction.PASSWORD_CHANGE, actor=actor, obj=user,
                     detail=f"account slip made for {user.get_username()}, valid {days} days"
                            + ("; password reset" if reset else ""))
    return slips, skipped


def slips_docx(slips) -> bytes:
    """One Word file: a slip per page with the name, user name, link, its QR code and the last valid day."""
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.shared import Cm, Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.size = Pt(12)
    style.element.get_or_add_rPr().get_or_add_rFonts().set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", "宋体")
    with translation.override(settings.LANGUAGE_CODE):
        for number, slip in enumerate(slips):
            document.add_heading(_("%(site)s: account slip") % {"site": settings.WAGTAIL_SITE_NAME}, level=1)
            table = document.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for label, value in (
                (_("Name"), slip.name), (_("User name"), slip.username), (_("For"), slip.capacity),
                (_("Activation link"), slip.link),
                (_("Valid until"), slip.expires_on.isoformat()),
            ):
                row = table.add_row().cells
                row[0].text, row[1].text = str(label), str(value)
            document.add_paragraph()
            document.add_picture(io.BytesIO(slip.qr_png()), width=Cm(4.5))
            document.add_paragraph(_(
                "Open the link (or scan the code with your phone) before the date above, and choose your password: "
                "at least 10 characters, with three of upper-case letters, lower-case letters, digits and symbols. "
                "The link works once. Afterwards log in with your user name and that password. Keep this slip to "
                "yourself; if it is lost or expired, ask the committee's office for a new one."
            ))
            if number < len(slips) - 1:
                document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _sms_number(user) -> str:
    pref = preference_for(user)
    candidates = [pref.sms_phone]
    try:
        candidates.append(user.member.phone)
    except ObjectDoesNotExist:
        pass
    return next((n.strip() for n in candidates if n and MOBILE.match(n.strip())), "")


def slips_send(*, slips, actor) -> None:
    """Send each slip by the person's channel: e-mail when the person takes e-mail and has an address, else
    SMS to a mobile number on record; `sent_to` says where (masked), or stays empty (print that one).
    A failing channel is noted on the slip, never raised."""
    for slip in slips:
        user = slip.user
        pref = preference_for(user)
        address = email_address(user) if pref.email_enabled else ""
        with translation.override(settings.LANGUAGE_CODE):
            text = _("%(name)s, your login to %(site)s: user name %(username)s. Set your password with this link "
                     "(it works once, until %(date)s): %(link)s") % {
                "name": slip.name, "site": settings.WAGTAIL_SITE_NAME, "username": slip.username,
                "date": slip.expires_on.isoformat(), "link": slip.link}
            subject = _("Your login to %(site)s") % {"site": settings.WAGTAIL_SITE_NAME}
        try:
            if address:
                send_mail(subject, text, None, [address])
                slip.sent_to = mask_email(address)
            elif number := _sms_number(user):
                if not sms.send_sms(number, text):
                    raise RuntimeError("the SMS backend reported nothing sent")
                slip.sent_to = sms.mask_number(number)
        except Exception as error:  # noqa: BLE001 - a transport error: the slip is printed instead
            slip.notes.append(str(error)[:200])
            slip.sent_to = ""
        audit.record(audit.AuditAction.PASSWORD_CHANGE, actor=actor, obj=user,
                     detail=f"account slip for {slip.username} sent to {slip.sent_to or 'nobody (no channel)'}")


# ---- reading


def is_serving(member, day=None) -> bool:
    """Whether the member sits in a term today: a membership not ended, of a term not ended."""
    day = day or clock.today()
    return member.memberships.filter(Q(end_date__isnull=True) | Q(end_date__gte=day)).filter(Q(term__end_date__isnull=True) | Q(term__end_date__gte=day)).exists()


def term_ended(member, day=None) -> bool:
    """A member who sat in terms and sits in none today: reads their record, files nothing. (A member with no
    membership at all is not "ended": filing tells them they are not a member of the session's term.)"""
    return member.memberships.exists() and not is_serving(member, day)


def unlinked_member_login(user) -> bool:
    """A login given the member role (e.g. in Wagtail's user screens) that no member record points to."""
    if not getattr(user, "is_authenticated", False):
        return False
    from members import permissions
    from members.roles import group_name

    if permissions.member_of(user) is not None:
        return False
    # The role, or only its group (Wagtail's user screen can tick groups without a role assignment).
    return permissions.has_role(user, Role.MEMBER) or user.groups.filter(name=group_name(Role.MEMBER)).exists()
