"""The member picker's search (/portal/members/search/, members.search_views): by name, member number
or sector; bounded (nothing under one character, at most 20); only the committees the person may
look up; names, numbers and sectors only."""

import datetime

import pytest
from django.urls import reverse

from members.models import Term, TermMembership
from members.models.roles import Role
from members.search_views import SEARCH_LIMIT
from tests import factories

pytestmark = pytest.mark.django_db
URL = reverse("portal:member_search")


@pytest.fixture
def people(committee, other_committee):
    term = Term.objects.create(committee=committee, number=10, start_date=datetime.date(2022, 1, 1))
    old_term = Term.objects.create(committee=committee, number=9, start_date=datetime.date(2017, 1, 1))
    education, medicine = factories.sector(committee, "教育界"), factories.sector(committee, "医药卫生界")
    party = factories.party(committee)
    wang = factories.member(committee, name="王芳", number="A0101", phone="13900000000")
    li = factories.member(committee, name="李明", number="A0102")
    zhang = factories.member(committee, name="张医生", number="B0201")
    for m, sector in ((wang, education), (li, education), (zhang, medicine)):
        TermMembership.objects.create(member=m, term=term, sector=sector, party=party, start_date=term.start_date)
    TermMembership.objects.create(member=wang, term=old_term, sector=medicine, party=party, start_date=old_term.start_date)
    stranger = factories.member(other_committee, name="王刚", number="A0103")
    return {"term": term, "old_term": old_term, "wang": wang, "li": li, "zhang": zhang, "stranger": stranger}


def names(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return [r["name"] for r in response.json()["results"]]


def test_by_name_member_number_or_sector_with_the_sector_of_the_term(client, committee, secretariat, people):
    client.force_login(secretariat)
    assert names(client, q="王") == ["王芳"]  # 王刚 is of another committee
    assert names(client, q="A01") == ["李明", "王芳"]  # number prefix, by name
    assert names(client, q="医药") == ["张医生", "王芳"]  # 王芳 was of 医药卫生界 in the 9th term
    assert names(client, q="医药", term=people["term"].pk) == ["张医生"]
    row = client.get(URL, {"q": "王芳"}).json()["results"][0]
    assert row == {"id": people["wang"].pk, "name": "王芳", "member_number": "A0101", "sector": "教育界",
                   "label": "王芳（A0101）"}  # nothing private: no phone, no identity number


def test_bounded_nothing_under_one_character_and_at_most_twenty(client, committee, secretariat, people):
    client.force_login(secretariat)
    assert names(client, q="") == [] and names(client, q="   ") == []
    for _ in range(SEARCH_LIMIT + 5):
        factories.member(committee, name="赵六")
    assert len(names(client, q="赵")) == SEARCH_LIMIT


def test_only_the_committees_the_person_may_look_up(client, committee, other_committee, secretariat, people):
    client.force_login(secretariat)
    assert names(client, q="王", committee=other_committee.pk) == []  # asking for another committee gives nothing
    member = factories.user_with_role(Role.MEMBER, committee)
    client.force_login(member)
    assert names(client, q="王") == ["王芳"]  # a member looks up co-signers in their own committee
    other_secretariat = factories.user_with_role(Role.SECRETARIAT, other_committee)
    client.force_login(other_secretariat)
    assert names(client, q="王") == ["王刚"]
    for role in (Role.UNIT_LIAISON, Role.AUDITOR, Role.COLLECTIVE):
        client.force_login(factories.user_with_role(role, committee))
        assert client.get(URL, {"q": "王"}).status_code == 403, role
    client.logout()
    assert client.get(URL, {"q": "王"}).status_code == 302
