"""Login protection (等保 level 3): lockout with django-axes, the throttled reset form, the password rule and
expiry, staff session limits, one session per account, the second factor, and the unlock by the security
administrator."""

import datetime
import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from cppcc.models import AuditAction, AuditEvent
from members.login_security import password_expired, record_password_change
from members.models import AccountSecurity, LoginPolicy
from members.models.roles import Role
from tests import factories

RIGHT = "pass-1234-word"  # tests.factories.user's password


def _post_login(client, username, password, url="/accounts/login/", **extra):
    return client.post(url, {"username": username, "password": password, "next": "/portal/"}, **extra)


def _logged_in(client):
    return "_auth_user_id" in client.session


def test_sixth_attempt_is_refused_and_the_right_password_too_until_the_security_admin_unlocks(committee, role_user):
    person = factories.user("wang")
    client = Client()
    for attempt in range(1, 6):
        response = _post_login(client, "wang", "wrong-password")
        assert response.status_code == 200, attempt  # the form again, with its error
        assert response.context["form"].errors
    # django-axes: the 6th failure reaches AXES_FAILURE_LIMIT = 6 and its answer is already the lockout page.
    sixth = _post_login(client, "wang", "wrong-password")
    assert sixth.status_code == 429
    assert "Account locked" in sixth.text or "账户已锁定" in sixth.text
    right = _post_login(client, "wang", RIGHT)
    assert right.status_code == 429 and not _logged_in(client)
    assert _post_login(Client(), "wang", RIGHT).status_code == 429  # a fresh browser changes nothing

    security = Client()
    security_admin = role_user(Role.SECURITY_ADMIN)
    security.force_login(security_admin)
    listing = security.get("/admin/lockouts/")
    assert listing.status_code == 200
    assert [row["username"] for row in listing.context["accounts"]] == ["wang"]
    assert listing.context["accounts"][0]["failures"] >= 5  # refused attempts count on
    response = security.post("/admin/lockouts/unlock/", {"username": "wang"})
    assert response.status_code == 302
    entry = AuditEvent.objects.get(action=AuditAction.UNLOCK)
    assert entry.actor_id == security_admin.pk and int(entry.object_id) == person.pk
    assert "username: wang" in entry.detail

    response = _post_login(client, "wang", RIGHT)
    assert response.status_code == 302 and response["Location"] == "/portal/" and _logged_in(client)


def test_wagtail_admin_login_is_locked_the_same_way(committee):
    factories.user("li")
    client = Client()
    for _ in range(5):
        assert _post_login(client, "li", "nope", url="/admin/login/").status_code == 200
    assert _post_login(client, "li", "nope", url="/admin/login/").status_code == 429
    assert _post_login(client, "li", RIGHT, url="/admin/login/").status_code == 429
    assert not _logged_in(client)


def test_an_address_is_locked_after_six_failures_across_accounts(committee):
    factories.user("zhao")
    client = Client(REMOTE_ADDR="10.0.0.7")
    for n in range(6):
        _post_login(client, f"guess{n}", "nope")
    assert _post_login(client, "zhao", RIGHT).status_code == 429
    # The same account from another address is not locked: only the address reached the limit.
    elsewhere = Client(REMOTE_ADDR="10.0.0.8")
    assert _post_login(elsewhere, "zhao", RIGHT).status_code == 302


def test_a_right_password_clears_earlier_typos(committee):
    factories.user("sun")
    client = Client()
    for _ in range(5):
        _post_login(client, "sun", "typo")
    assert _post_login(client, "sun", RIGHT).status_code == 302
    client.logout()
    for _ in range(5):
        _post_login(client, "sun", "typo")
    assert _post_login(client, "sun", RIGHT).status_code == 302


@pytest.mark.parametrize("role", [Role.ADMIN, Role.AUDITOR, Role.SECRETARIAT])
def test_only_the_security_admin_sees_and_unlocks_lockouts(committee, role_user, role):
    factories.user("zhou")
    for _ in range(6):
        _post_login(Client(), "zhou", "nope")
    client = Client()
    client.force_login(role_user(role))
    assert client.get("/admin/lockouts/").status_code == 403
    assert client.post("/admin/lockouts/unlock/", {"username": "zhou"}).status_code == 403
    assert _post_login(Client(), "zhou", RIGHT).status_code == 429
    assert not AuditEvent.objects.filter(action=AuditAction.UNLOCK).exists()


def test_wagtail_password_reset_form_is_throttled_per_address_and_per_email(committee, mailoutbox):
    caches["ratelimit"].clear()
    user = factories.user("qian")
    user.email = "qian@example.org"
    user.save()
    client = Client(REMOTE_ADDR="10.1.1.1")
    for _ in range(5):
        response = client.post("/admin/password_reset/", {"email": "qian@example.org"})
        assert response.status_code == 302
    assert len(mailoutbox) == 5
    over = client.post("/admin/password_reset/", {"email": "qian@example.org"})
    assert over.status_code == 429 and len(mailoutbox) == 5
    # Per address: another e-mail address from the same address is refused too.
    assert client.post("/admin/password_reset/", {"email": "other@example.org"}).status_code == 429
    # Per e-mail address: the same account from elsewhere is refused as well.
    assert Client(REMOTE_ADDR="10.1.1.2").post("/admin/password_reset/", {"email": "qian@example.org"}).status_code == 429
    assert len(mailoutbox) == 5


# --- The password rule and its expiry -----------------------------------------------------------------

@pytest.mark.parametrize("password, ok", [
    ("short-1A", False),          # 8 characters: under the minimum of 10
    ("abcdefghijk", False),       # one kind of character
    ("abcdefgh12", False),        # two kinds
    ("abcdefg-12", True),         # lower case, symbol, digits
    ("Zhang-san-2026", True),
])
def test_password_needs_ten_characters_of_three_kinds(db, password, ok):
    if ok:
        validate_password(password)
    else:
        with pytest.raises(ValidationError):
            validate_password(password)


def test_password_change_is_recorded_and_expiry_follows_the_policy(committee, client):
    user = factories.user("wu")
    assert not AccountSecurity.objects.filter(user=user).exists()  # a new account counts from date_joined
    user.set_password(RIGHT)
    user.save()  # Django tells every validator; ours records the date
    assert AccountSecurity.objects.get(user=user).password_changed_at is not None
    policy = LoginPolicy.load()
    policy.password_max_age_days = 90
    policy.save()
    record_password_change(user, timezone.now() - datetime.timedelta(days=91))
    assert password_expired(user)

    client.force_login(user)
    response = client.get("/portal/")
    assert response.status_code == 302 and response["Location"] == "/accounts/password/change/?expired=1"
    page = client.get(response["Location"])
    assert page.status_code == 200 and page.context["form"] is not None
    response = client.post("/accounts/password/change/", {
        "old_password": RIGHT, "new_password1": "Xin-mima-2026", "new_password2": "Xin-mima-2026",
    })
    assert response.status_code == 302
    assert not password_expired(user)
    assert client.get("/portal/").status_code != 302 or "password" not in client.get("/portal/")["Location"]

    policy.password_max_age_days = 0  # never
    policy.save()
    record_password_change(user, timezone.now() - datetime.timedelta(days=4000))
    assert not password_expired(user)


def test_a_weak_new_password_is_refused_with_the_rule(committee, client):
    user = factories.user("zheng")
    client.force_login(user)
    response = client.post("/accounts/password/change/", {
        "old_password": RIGHT, "new_password1": "abcdefghijkl", "new_password2": "abcdefghijkl",
    })
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["new_password2"])
    assert "kinds of character" in errors or "字符" in errors


# --- Sessions -----------------------------------------------------------------------------------------

def test_staff_sessions_end_with_the_browser_and_after_idle_minutes(committee, settings):
    settings.CPPCC_STAFF_IDLE_MINUTES = 30
    clerk = factories.user_with_role(Role.SECRETARIAT, committee)
    client = Client()
    assert _post_login(client, clerk.username, RIGHT).status_code == 302
    assert client.session.get_expire_at_browser_close()
    assert client.get("/admin/").status_code == 200
    session = client.session
    session["_cppcc_seen"] = int(time.time()) - 31 * 60
    session.save()
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not _logged_in(client)


def test_member_sessions_are_not_cut_by_the_staff_idle_rule(committee, settings):
    settings.CPPCC_STAFF_IDLE_MINUTES = 30
    member = factories.user_with_role(Role.MEMBER, committee)
    client = Client()
    assert _post_login(client, member.username, RIGHT).status_code == 302
    assert not client.session.get_expire_at_browser_close()
    session = client.session
    session["_cppcc_seen"] = int(time.time()) - 31 * 60
    session.save()
    assert client.get("/portal/").status_code == 200


def test_one_session_per_account_when_the_option_is_on(committee, settings):
    settings.CPPCC_SINGLE_SESSION = True
    factories.user("feng")
    first, second = Client(), Client()
    assert _post_login(first, "feng", RIGHT).status_code == 302
    assert _post_login(second, "feng", RIGHT).status_code == 302
    assert first.get("/portal/").status_code == 302  # the older session was ended
    assert second.get("/accounts/password/change/").status_code == 200


def test_without_the_option_two_sessions_live_side_by_side(committee, settings):
    settings.CPPCC_SINGLE_SESSION = False
    factories.user("chen")
    first, second = Client(), Client()
    _post_login(first, "chen", RIGHT)
    _post_login(second, "chen", RIGHT)
    assert first.get("/accounts/password/change/").status_code == 200


# --- Second factor ------------------------------------------------------------------------------------

def _code(device, later=0):
    """The code the app shows now (or `later` steps on: django-otp accepts one step of clock drift)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + later * device.step
    return f"{totp.token():0{device.digits}d}"


def _code_at_step(device, t):
    """The code of time step `t`: the one a replay test re-sends whatever the clock says now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = device.t0 + t * device.step
    return f"{totp.token():0{device.digits}d}"


def _unthrottle(device):
    """django-otp refuses any code for a moment after a wrong one; the test does not wait it out."""
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()


def test_administrator_must_enrol_then_verify_a_totp_code_before_the_admin(committee, settings):
    settings.CPPCC_OTP_REQUIRED_FOR_ADMINS = True
    admin = factories.user_with_role(Role.ADMIN, committee)
    client = Client()
    assert _post_login(client, admin.username, RIGHT).status_code == 302
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/otp/setup/")
    page = client.get(response["Location"])
    assert page.status_code == 200 and "<svg" in page.text
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    assert client.post("/accounts/otp/setup/", {"token": "000000", "next": "/admin/"}).status_code == 200
    assert client.get("/admin/").status_code == 302
    _unthrottle(device)
    response = client.post("/accounts/otp/setup/", {"token": _code(device), "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert ModelLogEntry.objects.filter(action="cppcc.otp_enrol", user_id=admin.pk).exists()

    # The next login asks for the code, not a new enrolment.
    client.logout()
    _post_login(client, admin.username, RIGHT)
    response = client.get("/admin/")
    assert response["Location"].startswith("/accounts/otp/verify/")
    wrong = client.post("/accounts/otp/verify/", {"otp_device": TOTPDevice.objects.get(user=admin).persistent_id,
                                                  "otp_token": "000000", "next": "/admin/"})
    assert wrong.status_code == 200 and client.get("/admin/").status_code == 302
    device = TOTPDevice.objects.get(user=admin)
    _unthrottle(device)
    # A code is good once: the one used at enrolment (its time step is recorded) is refused as a replay,
    # however long the run took since...
    replay = client.post("/accounts/otp/verify/", {"otp_device": device.persistent_id,
                                                   "otp_token": _code_at_step(device, device.last_t),
                                                   "next": "/admin/"})
    assert replay.status_code == 200
    _unthrottle(device)
    # ...and a later code (the app's next one, inside the one step of drift allowed) opens the admin.
    now = TOTP(device.bin_key, device.step, device.t0).t()
    response = client.post("/accounts/otp/verify/", {"otp_device": device.persistent_id,
                                                     "otp_token": _code_at_step(device, max(now, device.last_t + 1)),
                                                     "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_security_admin_needs_it_too_and_other_staff_may_choose(committee, settings):
    settings.CPPCC_OTP_REQUIRED_FOR_ADMINS = True
    security = factories.user_with_role(Role.SECURITY_ADMIN, committee)
    client = Client()
    client.force_login(security)
    assert client.get("/admin/")["Location"].startswith("/accounts/otp/setup/")

    clerk = factories.user_with_role(Role.SECRETARIAT, committee)
    client = Client()
    client.force_login(clerk)
    assert client.get("/admin/").status_code == 200  # optional for the secretariat
    client.get("/accounts/otp/setup/")
    device = TOTPDevice.objects.get(user=clerk)
    assert client.post("/accounts/otp/setup/", {"token": _code(device), "next": "/admin/"}).status_code == 302
    # Once enrolled, the secretariat too passes the code at each login.
    client.logout()
    client.force_login(clerk)
    assert client.get("/admin/")["Location"].startswith("/accounts/otp/verify/")


def test_second_factor_is_off_when_the_setting_says_so(committee, settings):
    settings.CPPCC_OTP_REQUIRED_FOR_ADMINS = False
    client = Client()
    client.force_login(factories.user_with_role(Role.ADMIN, committee))
    assert client.get("/admin/").status_code == 200


def test_otp_pages_need_a_login(db):
    assert Client().get("/accounts/otp/setup/")["Location"].startswith("/accounts/login/")
    assert Client().get("/accounts/otp/verify/")["Location"].startswith("/accounts/login/")


def test_the_security_admin_unlocks_an_address(committee, role_user):
    factories.user("he")
    client = Client(REMOTE_ADDR="10.0.0.9")
    for n in range(6):
        _post_login(client, f"guess{n}", "nope")
    assert _post_login(client, "he", RIGHT).status_code == 429
    security = Client()
    security.force_login(role_user(Role.SECURITY_ADMIN))
    listing = security.get("/admin/lockouts/")
    assert [row["ip_address"] for row in listing.context["addresses"]] == ["10.0.0.9"]
    security.post("/admin/lockouts/unlock/", {"ip_address": "10.0.0.9"})
    assert "address: 10.0.0.9" in AuditEvent.objects.get(action=AuditAction.UNLOCK).detail
    assert _post_login(client, "he", RIGHT).status_code == 302


def test_behind_a_proxy_the_forwarded_address_is_counted(committee, settings):
    settings.CPPCC_PROXY_COUNT = 1
    factories.user("lu")
    for n in range(6):
        _post_login(Client(), f"guess{n}", "nope", HTTP_X_FORWARDED_FOR="203.0.113.5")
    # Same proxy, another client address: not locked (without CPPCC_PROXY_COUNT everyone would be).
    assert _post_login(Client(), "lu", RIGHT, HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 302
    assert _post_login(Client(), "lu", RIGHT, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
