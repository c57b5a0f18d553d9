"""Access rows of the notification settings page (/inbox/preferences/): every logged-in person, their own settings only."""

from tests.access.table import outcome
from tests.access.world import ROLES


def rows():
    everyone = tuple(r for r in ROLES if r != "anon")
    return [("inbox:preferences", None, outcome(everyone, admin_area=False))]
