"""Account protection pages: the second factor (enrol, verify), the throttled "forgot password" form of
the admin, and the security administrator's list of locked accounts and addresses with an unlock button."""

import logging
from base64 import b32encode

import segno
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Sum
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.forms import OTPTokenForm
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_ratelimit.core import is_ratelimited
from wagtail.admin import messages
from wagtail.admin.views.account import PasswordResetView
from wagtail.log_actions import log as wagtail_log

from cppcc import audit
from cppcc.admin_views import refused
from members import permissions
from members.login_security import client_ip, is_staff_user, second_factor_required

logger = logging.getLogger("cppcc.security")


def _next(request, default="/admin/"):
    target = request.POST.get("next") or request.GET.get("next") or default
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return default
    return target


# --- Second factor (django-otp, TOTP) ----------------------------------------------------------------

class TokenForm(forms.Form):
    token = forms.CharField(label=gettext_lazy("Six-digit code"), max_length=8,
                            widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))


def _staff_only(request):
    if not is_staff_user(request.user):
        raise PermissionDenied  # the second factor guards the admin; the portal's people have none to set


@login_required
def otp_setup(request):
    """Enrol an authenticator app: a QR code of a new, unconfirmed TOTP device, confirmed by one code."""
    _staff_only(request)
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name=_("Authenticator app"), confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
            otp_login(request, device)
            wagtail_log(instance=device, action="cppcc.otp_enrol", user=request.user)
            logger.info("second factor enrolled by %s", request.user.get_username())
            return redirect(_next(request))
        form.add_error("token", _("That code is not right. Check the time on your phone and try the newest code."))
    qr = segno.make(device.config_url, error="m")
    return TemplateResponse(request, "registration/otp_setup.html", {
        "form": form, "qr_svg": qr.svg_inline(scale=5), "secret": b32encode(device.bin_key).decode(),
        "required": second_factor_required(request.user), "next": _next(request),
    })


@login_required
def otp_verify(request):
    """After the password: the code from the enrolled authenticator app (django-otp throttles wrong codes)."""
    _staff_only(request)
    if not TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect(f"{reverse('otp_setup')}?{urlencode({'next': _next(request)})}")
    form = OTPTokenForm(request.user, request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        otp_login(request, request.user.otp_device)
        return redirect(_next(request))
    return TemplateResponse(request, "registration/otp_verify.html", {"form": form, "next": _next(request)})


# --- Wagtail's "forgot password" form, throttled -----------------------------------------------------

_reset_view = PasswordResetView.as_view()


def _email_key(group, request):
    return (request.POST.get("email") or "").strip().lower()


def _ip_key(group, request):
    return client_ip(request)


def admin_password_reset(request, *args, **kwargs):
    """Wagtail's reset form, limited per address and per e-mail address (django-ratelimit); over the limit
    nothing is sent and the person is told to wait."""
    if request.method == "POST":
        rate = settings.CPPCC_PASSWORD_RESET_RATE
        limited = [
            is_ratelimited(request, group="admin_password_reset:ip", key=_ip_key, rate=rate, method="POST", increment=True),
            is_ratelimited(request, group="admin_password_reset:email", key=_email_key, rate=rate, method="POST", increment=True),
        ]
        if any(limited):
            logger.warning("password reset throttled for %s (%s)", client_ip(request), _email_key(None, request))
            return TemplateResponse(request, "registration/throttled.html", status=429)
    return _reset_view(request, *args, **kwargs)


# --- Lockouts (django-axes): listed and unlocked by the security administrator -----------------------

def locked(limit=None):
    """Accounts and addresses whose failures reached the limit, from axes' attempt rows."""
    limit = limit or settings.AXES_FAILURE_LIMIT
    rows = AccessAttempt.objects.all()
    accounts = (rows.exclude(username__isnull=True).values("username")
                .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
                .filter(failures__gte=limit).order_by("-last"))
    addresses = (rows.exclude(ip_address__isnull=True).values("ip_address")
                 .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
                 .filter(failures__gte=limit).order_by("-last"))
    return list(accounts), list(addresses)


def lockouts(request):
    if not permissions.manages_accounts(request.user):
        return refused(request)
    accounts, addresses = locked()
    return TemplateResponse(request, "members/admin/lockouts.html", {"accounts": accounts, "addresses": addresses})


@require_POST
def unlock(request):
    if not permissions.manages_accounts(request.user):
        return refused(request)
    username = request.POST.get("username") or None
    address = request.POST.get("ip_address") or None
    if username or address:
        removed = axes_reset(username=username, ip=address)
        _log_unlock(request, username=username, ip_address=address, removed=removed)
        messages.success(request, _("Unlocked: %(who)s") % {"who": username or address})
    return redirect("lockouts")


def _log_unlock(request, *, username, ip_address, removed):
    """The one place an unlock is recorded: the audit log (who, when, from where, which account or address)."""
    from django.contrib.auth import get_user_model

    logger.warning("account unlock by %s: username=%s ip=%s (%d attempt rows removed)",
                   request.user.get_username(), username, ip_address, removed)
    target = get_user_model().objects.filter(username=username).first() if username else None
    audit.record(audit.AuditAction.UNLOCK, request=request, obj=target,
                 object_label=None if target else (username or ip_address or ""),
                 detail=f"username: {username or '-'}; address: {ip_address or '-'}; {removed} failed attempts cleared")