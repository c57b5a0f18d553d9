"""Every list keeps the same number of queries however many rows it shows (no N+1)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.models import Term, TermMembership
from members.models.ledger import DutyKind
from members.models.roles import Role
from members.onboarding import member_login_ensure, unit_contact_ensure
from members.services import duty_record, role_grant
from tests import factories

LISTS = ["/admin/members/", "/admin/memberships/", "/admin/roles/", "/admin/bodies/", "/admin/duty_ledger/",
         "/admin/sessions/", "/admin/members/?export=xlsx", "/admin/logins/"]


def _grow(committee, n, term):
    sector, party = factories.sector(committee), factories.party(committee)
    for _ in range(n):
        member = factories.member(committee)
        TermMembership.objects.create(member=member, term=term, sector=sector, party=party, start_date=term.start_date)
        role_grant(user=factories.user(), role=Role.REVIEWER, committee=committee)
        unit = factories.unit(committee)
        # Logins of members and unit contacts (the logins list, members/onboarding_views.py).
        member_login_ensure(member=member)
        unit_contact_ensure(unit=unit, role=Role.UNIT_LIAISON, name="联络员")
        duty_record(member=member, kind=DutyKind.ATTENDED, title="会议", duty_date=datetime.date(2007, 1, 1), source=unit)


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/admin/audit-log/", "/admin/audit-log/?export=xlsx"])
def test_audit_log_query_count_is_flat(client, committee, role_user, url):
    from cppcc import audit
    from cppcc.models import AuditAction, AuditResult, PrivateFile

    client.force_login(role_user(Role.AUDITOR))

    def grow(n):
        for i in range(n):
            user = factories.user()
            audit.record(AuditAction.LOGIN, actor=user, obj=user)
            audit.record(AuditAction.FILE_DOWNLOAD, actor=user, obj=PrivateFile(name=f"文件{i}.pdf"),
                         result=AuditResult.REFUSED)

    grow(5)  # 10 rows, plus the grants of the auditor's role
    _count(client, url)  # warms the content-type cache the export's own audit row reads
    small = _count(client, url)
    grow(95)  # 200 rows (the listing shows 50 a page; the export all of them)
    large = _count(client, url)
    assert large == small, f"{url}: {small} queries at 10 rows, {large} at 200"


@pytest.mark.parametrize("url", LISTS)
def test_list_query_count_does_not_grow_with_rows(client, committee, secretariat, url):
    term = Term.objects.create(committee=committee, number=10, start_date=datetime.date(2007, 1, 1))
    client.force_login(secretariat)
    _grow(committee, 10, term)
    _count(client, url)  # warms per-process caches (the export's audit row reads the model's content type once)
    small = _count(client, url)
    _grow(committee, 40, term)
    large = _count(client, url)
    assert large == small, f"{url}: {small} queries at 10 rows, {large} at 50"


# ---- the secretariat's day: the proposal list's defaults, its search and its export with the handling
# columns (承办单位, 答复期限, 办理结果, 评价), measured at 10 and 60 proposals (the list shows 50 a page)


SECRETARIAT_DAY = ["/admin/proposals/", "/admin/proposals/?q=提案", "/admin/proposals/?show=all&export=xlsx",
                   "/admin/proposals/?awaiting=office&show=all"]


@pytest.mark.parametrize("url", SECRETARIAT_DAY)
def test_secretariat_day_lists_are_flat(client, committee, secretariat, url):
    from proposals import services
    from proposals.models import Proposal
    from tests.proposals.conftest import World

    world = World(committee, secretariat)
    client.force_login(secretariat)

    def grow(n):
        for i in range(n):
            if i % 4 == 0:  # a case assigned, replied and rated
                case, (assignment,) = world.assigned(title=f"关于第{i}件事的提案")
                reply = world.sent_reply(assignment)
                services.evaluation_submit(reply=reply, actor=world.proposer.user, overall="satisfied")
            elif i % 4 == 1:  # a unit asks to return it
                case, (assignment,) = world.assigned(title=f"关于第{i}件事的提案", units=[(world.unit2, "single")])
                services.assignment_request_return(assignment=assignment, actor=world.liaison2, reason="不属于本单位职责")
            else:  # waiting for review, joint or alone
                world.submitted(joint=i % 4 == 2, title=f"关于第{i}件事的提案")
        world.draft(title="委员的草稿")  # never listed

    grow(10)
    _count(client, url)  # warms per-process caches
    small = _count(client, url)
    grow(50)
    assert Proposal.objects.exclude(submitted_at=None).count() == 60
    large = _count(client, url)
    assert large == small, f"{url}: {small} queries at 10 proposals, {large} at 60"


@pytest.mark.parametrize("who", ["secretariat", "member"])
def test_member_search_query_count_is_flat_and_bounded(client, committee, secretariat, who):
    """The member picker's search (members.search_views): the same queries at 10 and 50 matching
    members, and never more than 20 answers."""
    from members.search_views import SEARCH_LIMIT

    term = Term.objects.create(committee=committee, number=10, start_date=datetime.date(2007, 1, 1))
    user = secretariat if who == "secretariat" else factories.user_with_role(Role.MEMBER, committee)
    client.force_login(user)
    url = f"/portal/members/search/?q=张&committee={committee.pk}"
    _grow(committee, 10, term)
    _count(client, url)
    small = _count(client, url)
    _grow(committee, 40, term)
    large = _count(client, url)
    assert large == small, f"{small} queries at 10 members, {large} at 50"
    assert len(client.get(url).json()["results"]) == SEARCH_LIMIT
