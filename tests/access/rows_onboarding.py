"""Access rows of onboarding (members/onboarding_views.py).

- Logins and account slips, a member's "login and slip", a unit's contacts' logins: the committee's
  secretariat only (三员分立: not the system administrator; the security administrator does not edit members),
  and only for its own committee's people.
- The activation page is public (the link is the key): a wrong link is refused to everyone, logged in or not.
  tests/members/test_onboarding.py proves a right link works once.
"""

from tests.access.table import outcome
from tests.access.world import ROLES

SECRETARIAT = ("secretariat",)


def rows():
    return [
        ("members_accounts", None, outcome(SECRETARIAT)),
        ("members_login", "members:own", outcome(SECRETARIAT)),
        ("members_login", "members:other", outcome(())),
        ("members_unit_logins", "bodies:own", outcome(SECRETARIAT)),
        ("members_unit_logins", "bodies:other", outcome(())),
        ("account_activate", "args:Mg/dje4py-0123456789abcdef0123", {r: "N" for r in ROLES}),
    ]
