"""Access rows of the duty record (履职档案): /portal/duty/ and /admin/members/<pk>/duty/.

`extend` records a duty for users["member"] (so the portal page lists something) and for the member
of each committee (world.py's own["members"] / other["members"], who already have one attendance).
The portal page has no object in its URL: every member sees their own record there, so "another
member" can only ever see their own; the tests in tests/members/test_duty_record.py check the content.
"""

import datetime

from members.models.ledger import DutyKind
from members.services import duty_record
from tests.access.table import ALL_VIEWERS, outcome
from tests.access.world import ROLES

MEMBERS = ("member", "cosigner", "other_member")  # have a member record
ADMIN_WORK = ("secretariat", "reviewer", "special_staff", "chair", "auditor", "admin", "security_admin")  # no member record


def extend(users, own, other):
    duty_record(member=users["member"].member, kind=DutyKind.SPEECH, title="大会发言", duty_date=datetime.date(2007, 12, 20),
                source=own["sessions"])
    for objects in (own, other):
        duty_record(member=objects["members"], kind=DutyKind.TRAINING, title="委员培训", duty_date=datetime.date(2007, 12, 21),
                    source=objects["terms"])


def _portal_codes():
    codes = {}
    for role in ROLES:
        if role == "anon":
            codes[role] = "L"
        elif role in MEMBERS:
            codes[role] = "O"
        elif role in ADMIN_WORK:
            codes[role] = "A"  # their work (every member's record) is in the admin
        else:
            codes[role] = "N"  # collective accounts and unit staff have no duty record
    return codes


def rows():
    return [
        ("portal:duty", None, _portal_codes()),
        ("members_duty_record", "members:own", outcome(ALL_VIEWERS)),
        ("members_duty_record", "members:other", outcome(("admin",))),
    ]
