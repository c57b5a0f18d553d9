"""Access rows for login protection (members/account_views.py) and 三员分立 (separation of the system
administrator, the security administrator and the auditor).

- Locked accounts and their unlock: the security administrator only; the system administrator (a
  superuser for everything else) and the auditor are refused.
- The second-factor pages: people who work in the admin; the portal's people have nothing to enrol.
- Wagtail's users and groups screens: the security administrator; never the system administrator.
- The audit log (its viewset comes with cppcc.audit) reads `may_read_audit_log`: tested in
  tests/members/test_roles.py until the model exists on this branch.
"""

from tests.access.table import ADMIN_ROLES, outcome
from tests.access.world import ROLES

SECURITY = ("security_admin",)


def _login_policy_path():
    from members.models import LoginPolicy

    return f"/admin/settings/members/loginpolicy/{LoginPolicy.load().pk}/"


def rows():
    staff_pages = {r: ("L" if r == "anon" else "O" if r in ADMIN_ROLES else "N") for r in ROLES}
    verify = {r: ("L" if r == "anon" else "N") for r in ROLES}
    return [
        ("lockouts", None, outcome(SECURITY)),
        ("lockouts_unlock", None, outcome(())),  # POST only: a GET is refused to everyone
        ("otp_setup", None, staff_pages),
        ("otp_verify", None, verify),
        ("admin_password_reset_throttled", None, {r: "O" for r in ROLES}),
        # Wagtail's own screens for accounts (not ours, listed to prove the separation).
        ("wagtailusers_users:index", None, outcome(SECURITY)),
        ("wagtailusers_users:add", None, outcome(SECURITY)),
        ("wagtailusers_groups:index", None, outcome(SECURITY)),
        (_login_policy_path(), None, outcome(SECURITY)),  # the password rule
    ]
