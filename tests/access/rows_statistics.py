"""Access rows of the proposal statistics dashboard (/admin/proposals/dashboard/, proposals.admin.dashboard).

Whoever views proposals in the admin sees it, for their own committees (a session of another committee
asked by URL is a 404: tests/proposals/test_dashboard.py); special-committee staff, who do not read
proposals, are refused, and portal users are sent to log in to the admin.
"""

from tests.access.table import outcome

VIEWERS = ("secretariat", "reviewer", "chair", "admin")  # not the auditor (三员分立)


def extend(users, own, other):
    """Nothing of its own: the sessions of the access world are enough (the page works without cases)."""


def rows():
    return [("proposal_dashboard", None, outcome(VIEWERS))]
