"""The expected access table: URL x object (own committee / other) x role.

Outcome codes: O = page shown (200); L = sent to the login page; N = refused (403, 404, or Wagtail's
redirect to the dashboard); A = sent to the admin (people whose work is in the admin, not the portal).
Every URL the project defines must appear here (test_access checks), so a new view cannot skip it.
"""

from tests.access.world import ROLES

ADMIN_ROLES = ("secretariat", "reviewer", "special_staff", "chair", "auditor", "admin", "security_admin")
PORTAL_ROLES = ("member", "collective", "unit_liaison", "unit_leader", "supervision", "cosigner", "other_member", "other_unit")
EDITORS = ("secretariat", "admin")
ORG_VIEWERS = ("secretariat", "reviewer", "special_staff", "chair", "admin")  # not the auditor, not the security administrator
ALL_VIEWERS = ("secretariat", "chair", "admin")  # the ledger (三员分立: not the auditor)
# 三员分立: role assignments are the security administrator's work (the secretariat grants the ordinary
# roles of its committee); the system administrator may read them but grants and revokes nothing.
ROLE_VIEWERS = ("secretariat", "chair", "admin", "security_admin")
ROLE_EDITORS = ("secretariat", "security_admin")


def outcome(allowed, admin_area=True, default_denied="N"):
    """Expected codes per role: `allowed` see it; others are refused; anonymous users log in."""
    codes = {}
    for role in ROLES:
        if role == "anon":
            codes[role] = "L"
        elif role in allowed:
            codes[role] = "O"
        elif admin_area and role in PORTAL_ROLES:
            codes[role] = "L"  # Wagtail sends people without admin access back to the login page
        else:
            codes[role] = default_denied
    return codes


# (viewset namespace, who views, who adds/edits, has inspect view)
VIEWSETS = [
    ("committees", ORG_VIEWERS, EDITORS, False),
    ("terms", ORG_VIEWERS, EDITORS, False),
    ("sessions", ORG_VIEWERS, EDITORS, False),
    ("sectors", ORG_VIEWERS, EDITORS, False),
    ("parties", ORG_VIEWERS, EDITORS, False),
    ("special_committees", ORG_VIEWERS, EDITORS, False),
    ("activity_groups", ORG_VIEWERS, EDITORS, False),
    ("bodies", ORG_VIEWERS, EDITORS, False),
    ("members", ORG_VIEWERS, EDITORS, True),
    ("memberships", ORG_VIEWERS, EDITORS, False),
    ("roles", ROLE_VIEWERS, ROLE_EDITORS, False),
    ("duty_ledger", ALL_VIEWERS, (), True),
]
NO_EDIT = {"roles", "duty_ledger"}  # roles are revoked, the ledger is append-only
NO_ADD = {"duty_ledger"}


def viewset_rows():
    rows = []
    for ns, viewers, editors, inspect in VIEWSETS:
        superuser = ("admin",)
        rows += [
            (f"{ns}:index", None, outcome(viewers)),
            (f"{ns}:index_results", None, outcome(viewers)),
            (f"{ns}:add", None, outcome(() if ns in NO_ADD else editors)),
            (f"{ns}:edit", "own", outcome(() if ns in NO_EDIT else editors)),
            (f"{ns}:edit", "other", outcome(() if ns in NO_EDIT else superuser)),
            (f"{ns}:delete", "own", outcome(())),
            (f"{ns}:delete", "other", outcome(())),
            (f"{ns}:history", "own", outcome(viewers)),
            (f"{ns}:history", "other", outcome(superuser)),
            (f"{ns}:history_results", "own", outcome(viewers)),
            (f"{ns}:usage", "own", outcome(viewers)),
            (f"{ns}:usage", "other", outcome(superuser)),
        ]
        if inspect:
            rows += [
                (f"{ns}:inspect", "own", outcome(viewers)),
                (f"{ns}:inspect", "other", outcome(superuser)),
            ]
    rows += [
        # A reset link is account work: the secretariat for its members, the security administrator, never
        # the system administrator (三员分立).
        ("members_password_reset", "members:own", outcome(("secretariat", "security_admin"))),
        ("members_password_reset", "members:other", outcome(())),
        ("roles:revoke", "own", outcome(ROLE_EDITORS)),
        ("roles:revoke", "other", outcome(())),
    ]
    return rows


def other_rows():
    everyone = tuple(r for r in ROLES)
    portal = outcome(PORTAL_ROLES, admin_area=False, default_denied="A")
    return [
        ("cppcc_job_list", None, outcome(ADMIN_ROLES)),
        ("roster_import", None, outcome(EDITORS)),
        ("roster_import_template", "arg:members", outcome(EDITORS)),
        ("roster_import_template", "arg:units", outcome(EDITORS)),
        ("calendar:index", None, outcome(("secretariat", "admin"))),
        ("calendar:index_results", None, outcome(("secretariat", "admin"))),
        ("calendar:add", None, outcome(("secretariat", "admin"))),
        ("calendar:edit", "calendar:own", outcome(("secretariat", "admin"))),
        ("calendar:delete", "calendar:own", outcome(())),
        ("calendar:history", "calendar:own", outcome(("secretariat", "admin"))),
        ("calendar:history_results", "calendar:own", outcome(("secretariat", "admin"))),
        ("calendar:usage", "calendar:own", outcome(("secretariat", "admin"))),
        ("cppcc_job_detail", "job:own", outcome(("secretariat", "admin"))),
        ("cppcc_job_detail", "job:other", outcome(("admin",))),
        ("cppcc_job_status", "job:own", outcome(("secretariat", "admin"))),
        ("cppcc_job_status", "job:other", outcome(("admin",))),
        ("cppcc_job_retry", "job:own", outcome(())),  # POST only (tests/cppcc/test_jobs.py posts)
        ("file_download", "file:own", outcome(("member", "admin"), admin_area=False)),  # uploaded by "member"
        ("file_download", "file:other", outcome(("admin",), admin_area=False)),
        ("portal:home", None, portal),
        ("/", None, {r: "O" for r in everyone}),
        ("/news/", None, {r: "O" for r in everyone}),
        ("login", None, {r: "O" for r in everyone}),
    ]


def rows():
    from tests.access.world import plugins

    extra = [row for plugin in plugins() for row in plugin.rows()]
    return viewset_rows() + other_rows() + extra
