"""Every list keeps the same number of queries however many rows it shows (no N+1)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.models import Term, TermMembership
from members.models.ledger import DutyKind
from members.models.roles import Role
from members.services import duty_record, role_grant
from tests import factories

LISTS = ["/admin/members/", "/admin/memberships/", "/admin/roles/", "/admin/bodies/", "/admin/duty_ledger/",
         "/admin/sessions/", "/admin/members/?export=xlsx"]


def _grow(committee, n, term):
    sector, party = factories.sector(committee), factories.party(committee)
    for _ in range(n):
        member = factories.member(committee)
        TermMembership.objects.create(member=member, term=term, sector=sector, party=party, start_date=term.start_date)
        role_grant(user=factories.user(), role=Role.REVIEWER, committee=committee)
        unit = factories.unit(committee)
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
