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


@pytest.mark.parametrize("url", LISTS)
def test_list_query_count_does_not_grow_with_rows(client, committee, secretariat, url):
    term = Term.objects.create(committee=committee, number=10, start_date=datetime.date(2007, 1, 1))
    client.force_login(secretariat)
    _grow(committee, 10, term)
    small = _count(client, url)
    _grow(committee, 40, term)
    large = _count(client, url)
    assert large == small, f"{url}: {small} queries at 10 rows, {large} at 50"
