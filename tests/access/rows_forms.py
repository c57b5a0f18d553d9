"""Access rows of the member picker's search (/portal/members/search/, members.search_views): members
look up their own committee's members (co-signers), staff whose role may view members look up theirs;
everyone else is refused. Which committee's members come back is tested in tests/members/test_member_search.py."""

from tests.access.table import outcome

SEARCHERS = ("member", "cosigner", "other_member", "secretariat", "reviewer", "special_staff", "chair", "admin")


def rows():
    return [("portal:member_search", None, outcome(SEARCHERS, admin_area=False))]
