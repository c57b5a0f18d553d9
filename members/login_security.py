"""Login protection around django-axes and django-otp (等保 level 3 application controls).

What the libraries do not decide, decided here in one place: which address a request comes from, the
password complexity rule and when a password expires, how long a staff session may sit idle, whether a
new login ends the older sessions, and who must pass a second factor before the admin.
"""

import datetime
import logging
import time

from django.conf import settings
from django.contrib.auth import logout, user_logged_in
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import ngettext

from cppcc import audit

log = logging.getLogger("cppcc.security")

# Paths a person may reach while the password has expired or the second factor is pending.
_OPEN_PREFIXES = ("/static/", "/media/", "/accounts/logout/", "/accounts/password/", "/accounts/otp/",
                  "/i18n/", "/admin/logout/")


def client_ip(request) -> str:
    """The client's address, counting CPPCC_PROXY_COUNT trusted proxies (the audit log's rule, one place)."""
    return audit.client_ip(request) or ""


# --- Passwords ---------------------------------------------------------------------------------------

class CharacterClassValidator:
    """At least three of four kinds of character (upper case, lower case, digits, symbols), as 等保 asks.

    Django calls every validator's password_changed() after a password is saved (User.save), so this is
    also where the date of the change is recorded for the expiry rule.
    """

    def __init__(self, min_classes=3):
        self.min_classes = min_classes

    @staticmethod
    def _classes(password):
        return sum([
            any(c.isupper() for c in password), any(c.islower() for c in password),
            any(c.isdigit() for c in password), any(not c.isalnum() for c in password),
        ])

    def validate(self, password, user=None):
        if self._classes(password) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self):
        return ngettext(
            "Your password must mix at least %(n)d kind of character: upper case, lower case, digits, symbols.",
            "Your password must mix at least %(n)d kinds of character: upper case, lower case, digits, symbols.",
            self.min_classes,
        ) % {"n": self.min_classes}

    def password_changed(self, password, user=None):
        if user is not None and user.pk:
            record_password_change(user)


def record_password_change(user, when=None):
    from members.models import AccountSecurity

    AccountSecurity.objects.update_or_create(user=user, defaults={"password_changed_at": when or timezone.now()})


def password_expired(user) -> bool:
    """Older than the policy's days (0 = never). Accounts with no record count from when they joined."""
    from members.models import AccountSecurity, LoginPolicy

    days = LoginPolicy.load().password_max_age_days
    if not days or not user.has_usable_password():
        return False
    record = AccountSecurity.objects.filter(user=user).first()
    changed = (record and record.password_changed_at) or user.date_joined
    return timezone.now() - changed > datetime.timedelta(days=days)


class PasswordExpiryMiddleware:
    """An expired password sends the person to the change form before anything else.

    Checked at login and again when the day changes (stored in the session), so an ordinary request
    costs no query; only a session flagged expired re-reads the record until the password is changed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(_OPEN_PREFIXES):
            session = request.session
            if session.get("_cppcc_pw_expired") or session.get("_cppcc_pw_checked") != _today():
                session["_cppcc_pw_checked"] = _today()
                session["_cppcc_pw_expired"] = password_expired(user)
                if session["_cppcc_pw_expired"]:
                    return redirect(f"{reverse('password_change')}?{urlencode({'expired': 1})}")
        return self.get_response(request)


def _today():
    return timezone.localdate().isoformat()


# --- Sessions ----------------------------------------------------------------------------------------

def is_staff_user(user) -> bool:
    from members import permissions

    return bool(user.is_staff or permissions.uses_admin(user))


@receiver(user_logged_in, dispatch_uid="cppcc_session_policy")
def _on_login(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    staff = is_staff_user(user)
    request.session["_cppcc_staff"] = staff  # decided once: the idle rule then costs no query per request
    if staff:
        request.session.set_expiry(0)  # staff sessions end when the browser closes
        request.session["_cppcc_seen"] = int(time.time())
    request.session["_cppcc_pw_checked"] = _today()
    request.session["_cppcc_pw_expired"] = password_expired(user)
    request.session["_cppcc_2fa"] = has_device(user) or second_factor_required(user)
    if settings.CPPCC_SINGLE_SESSION:
        _end_other_sessions(request, user)


def _end_other_sessions(request, user):
    from members.models import AccountSecurity

    if not request.session.session_key:
        request.session.save()
    record, _created = AccountSecurity.objects.get_or_create(user=user)
    old = record.session_key
    if old and old != request.session.session_key:
        request.session.__class__(session_key=old).delete()
        log.info("single session: ended an older session of %s", user.get_username())
    record.session_key = request.session.session_key
    record.save(update_fields=["session_key"])


class SessionPolicyMiddleware:
    """Ends a staff session idle for CPPCC_STAFF_IDLE_MINUTES (older sessions of a single-session account
    are deleted from the store at the new login, so they simply arrive logged out)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and isinstance(request.session, SessionBase):
            ended = self._ended(request, user)
            if ended:
                logout(request)
                target = reverse("login")
                if request.method == "GET" and url_has_allowed_host_and_scheme(request.get_full_path(), None):
                    target += "?" + urlencode({"next": request.get_full_path()})
                return redirect(target)
        return self.get_response(request)

    @staticmethod
    def _ended(request, user):
        session = request.session
        if not session.get("_cppcc_staff", user.is_staff):  # members' sessions: no idle rule, no writes
            return False
        now = int(time.time())
        idle = settings.CPPCC_STAFF_IDLE_MINUTES * 60
        seen = session.get("_cppcc_seen")
        if idle and seen and now - seen > idle:
            log.info("idle timeout: ended the session of %s", user.get_username())
            return True
        if seen is None or now - seen >= 30:  # a session write at most every 30 s, not on every request
            session["_cppcc_seen"] = now
        return False


# --- Second factor -----------------------------------------------------------------------------------

def second_factor_required(user) -> bool:
    """Administrators (system and security) and superusers must pass TOTP before the admin (setting)."""
    from members import permissions
    from members.models.roles import Role

    if not settings.CPPCC_OTP_REQUIRED_FOR_ADMINS:
        return False
    return permissions.is_administrator(user) or permissions.has_role(user, Role.SECURITY_ADMIN)


def has_device(user) -> bool:
    from django_otp import user_has_device

    return user_has_device(user, confirmed=True)


class SecondFactorMiddleware:
    """Before the admin: a person with a TOTP device (or who must have one) passes it once per session.

    Whether the person needs it is decided at login (stored in the session): no query per request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated and request.path.startswith("/admin/")
                and not request.path.startswith(_OPEN_PREFIXES) and not user.is_verified()
                and request.session.get("_cppcc_2fa", True)):
            if has_device(user):
                return redirect(f"{reverse('otp_verify')}?{urlencode({'next': request.get_full_path()})}")
            if second_factor_required(user):
                return redirect(f"{reverse('otp_setup')}?{urlencode({'next': request.get_full_path()})}")
            request.session["_cppcc_2fa"] = False  # e.g. a session from before this rule: decided now
        return self.get_response(request)
