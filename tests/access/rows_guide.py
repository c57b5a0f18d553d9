"""Access rows of the system's guide in the admin (cppcc/guide.py, docs/guide/): every admin role reads every
role's guide (they hold nothing private); portal people and visitors are sent to the login page."""

from tests.access.table import ADMIN_ROLES, outcome


def rows():
    return [
        ("cppcc_guide", None, outcome(ADMIN_ROLES)),
        ("cppcc_guide_page", "arg:secretariat", outcome(ADMIN_ROLES)),
        ("cppcc_guide_page", "arg:auditor", outcome(ADMIN_ROLES)),
        ("cppcc_guide_page", "arg:no-such-guide", outcome(())),  # a 404 for everyone in the admin
    ]
