"""A small world for the access test: our committee with one user per role, and another committee."""

import datetime

from cppcc.models import CalendarDay, Job
from cppcc.services import file_store
from members.models import (
    ActivityGroup, Party, Sector, Session, SpecialCommittee, Term, TermMembership,
)
from members.models.ledger import DutyKind
from members.models.roles import Role, RoleAssignment
from members.services import duty_record, role_grant
from tests import factories

ROLES = [
    "anon", "member", "collective", "unit_liaison", "unit_leader", "supervision",
    "secretariat", "reviewer", "special_staff", "chair", "auditor", "admin", "security_admin",
    # Relations to an object, not roles: the object's co-signer, a member with no part in it,
    # and the liaison of a unit it was not assigned to.
    "cosigner", "other_member", "other_unit",
]
RELATIONS = {"cosigner": Role.MEMBER, "other_member": Role.MEMBER, "other_unit": Role.UNIT_LIAISON}
PDF = b"%PDF-1.4\n%%EOF\n"


def _committee_objects(com, tag):
    term = Term.objects.create(committee=com, number=10, start_date=datetime.date(2007, 1, 1))
    session = Session.objects.create(
        committee=com, term=term, number=1, plenary_start=datetime.date(2007, 12, 20),
        plenary_end=datetime.date(2007, 12, 23), filing_opens=datetime.date(2007, 11, 1),
        filing_deadline=datetime.date(2007, 12, 22),
    )
    sector = Sector.objects.create(committee=com, name=f"教育界{tag}")
    party = Party.objects.create(committee=com, name=f"民盟{tag}", kind=Party.Kind.DEMOCRATIC)
    special = SpecialCommittee.objects.create(committee=com, name=f"提案委员会{tag}", is_proposal_committee=True)
    group = ActivityGroup.objects.create(committee=com, name=f"建安小组{tag}")
    unit = factories.unit(com, name=f"县卫生局{tag}")
    member = factories.member(com, name=f"李四{tag}", phone="13900000000")
    membership = TermMembership.objects.create(
        member=member, term=term, sector=sector, party=party, start_date=term.start_date
    )
    grantee = factories.user()
    assignment = role_grant(user=grantee, role=Role.REVIEWER, committee=com)
    entry = duty_record(member=member, kind=DutyKind.ATTENDED, title="全体会议", duty_date=datetime.date(2007, 12, 20), source=session)
    return {
        "committees": com, "terms": term, "sessions": session, "sectors": sector, "parties": party,
        "special_committees": special, "activity_groups": group, "bodies": unit, "members": member,
        "memberships": membership, "roles": assignment, "duty_ledger": entry,
    }


def build(committee, other_committee):
    users = {"anon": None}
    for role in ROLES[1:]:
        users[role] = factories.user_with_role(RELATIONS.get(role) or Role(role), committee, username=f"access_{role}")
    own = _committee_objects(committee, "")
    other = _committee_objects(other_committee, "乙")
    own["job"] = Job.objects.create(kind="x", title="secretariat job", requester=users["secretariat"])
    other["job"] = Job.objects.create(kind="x", title="someone else's job", requester=factories.user())
    own["calendar"] = CalendarDay.objects.create(date=datetime.date(2026, 10, 10), is_workday=True, name="调休上班")
    own["file"] = file_store(content=PDF, name="我的扫描件.pdf", user=users["member"])
    other["file"] = file_store(content=PDF, name="别人的扫描件.pdf", user=factories.user())
    assert RoleAssignment.objects.filter(user=users["admin"]).exists()
    for plugin in plugins():
        if hasattr(plugin, "extend"):
            plugin.extend(users, own, other)
    return users, own, other


def plugins():
    """tests/access/rows_*.py: each area adds its objects (`extend`) and its expected rows (`rows`)."""
    import importlib
    import pkgutil

    import tests.access as package

    return [
        importlib.import_module(f"tests.access.{info.name}")
        for info in pkgutil.iter_modules(package.__path__)
        if info.name.startswith("rows_")
    ]
