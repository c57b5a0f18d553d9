"""`manage.py load_demo` on an empty database: the seed's county committee, one login per role,
and a second run that changes nothing.

The demo is loaded once for the module (a few seconds) inside a transaction rolled back after the
last test, so other modules never see it; each test runs in its own savepoint on top.
"""

import datetime
import io
from collections import Counter

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from cppcc.demo_news import ARTICLES
from cppcc.models import HomePage
from members.demo import DEMO_PASSWORD
from members.demo.organisation import current_term_number
from members.forms import valid_id_number
from members.models import Body, Committee, Member, Session, SpecialCommittee, Term, TermMembership
from members.models.roles import Role, RoleAssignment
from members.roles import ADMIN_ROLES

COMMITTEE = "政协紫阳县委员会"


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            out = io.StringIO()
            call_command("load_demo", stdout=out)
            yield out.getvalue()
            transaction.set_rollback(True)


@pytest.fixture
def committee(demo_output, db):
    return Committee.objects.get(name=COMMITTEE)


def term(committee, number):
    return Term.objects.get(committee=committee, number=number)


def test_the_county_committee_of_the_seed(committee):
    assert committee.level == Committee.Level.COUNTY
    assert TermMembership.objects.filter(term=term(committee, 10)).count() == 158
    assert SpecialCommittee.objects.get(committee=committee, is_proposal_committee=True).name == "提案委员会"
    assert committee.bodies.handling_units().count() >= 30


def test_both_2007_sessions_of_the_seed(committee):
    ninth_fifth = Session.objects.get(term=term(committee, 9), number=5)
    tenth_first = Session.objects.get(term=term(committee, 10), number=1)
    for session in (ninth_fifth, tenth_first):
        assert session.plenary_start.year == session.plenary_end.year == 2007
        assert session.filing_opens <= session.filing_deadline <= session.plenary_end
    assert (str(ninth_fifth), str(tenth_first)) == ("九届五次", "十届一次")


def test_current_session_is_in_progress(committee):
    today = timezone.localdate()
    current = Term.objects.filter(committee=committee, start_date__lte=today, end_date__gte=today).get()
    session = current.sessions.get()
    assert today - datetime.timedelta(days=60) <= session.plenary_start <= session.plenary_end <= today
    assert session.filing_opens < session.plenary_start


@pytest.mark.parametrize("day, number", [
    (datetime.date(2026, 11, 26), 13), (datetime.date(2027, 12, 19), 13), (datetime.date(2027, 12, 20), 14),
    (datetime.date(2013, 1, 1), 11),
])
def test_terms_follow_the_tenth_every_five_years(day, number):
    assert current_term_number(day) == number


def test_market_regulation_merger_of_2019(committee):
    successor = Body.objects.get(committee=committee, name="县市场监督管理局")
    assert successor.valid_from == datetime.date(2019, 4, 1)
    for name in ("县工商局", "县食品药品监督管理局"):
        unit = Body.objects.get(committee=committee, name=name)
        assert (unit.valid_to, unit.successor) == (datetime.date(2019, 3, 31), successor)
    assert not Body.objects.valid_on(datetime.date(2020, 1, 1)).filter(name="县工商局").exists()
    assert Body.objects.get(committee=committee, name="县人大常委会").is_handling_unit is False


def test_generated_people_are_valid_and_unique(committee):
    members = list(Member.objects.filter(committee=committee))
    assert all(valid_id_number(m.id_number) for m in members)
    assert all(m.id_number[6:14] == f"{m.birth_date:%Y%m%d}" for m in members)
    for field in ("id_number", "member_number", "phone"):
        values = [getattr(m, field) for m in members]
        assert len(set(values)) == len(values), field
    genders = Counter(m.gender for m in members)
    assert 0.2 < genders["F"] / len(members) < 0.4


def test_terms_share_people_with_other_sectors_and_parties(committee):
    tenth = {tm.member_id: tm for tm in TermMembership.objects.filter(term=term(committee, 10))}
    ninth = {tm.member_id: tm for tm in TermMembership.objects.filter(term=term(committee, 9))}
    both = tenth.keys() & ninth.keys()
    assert 0.5 < len(both) / len(tenth) < 0.7
    assert any(tenth[m].sector_id != ninth[m].sector_id or tenth[m].party_id != ninth[m].party_id for m in both)
    posts = Counter(tm.post for tm in tenth.values())
    assert (posts["chair"], posts["vice_chair"], posts["secretary_general"]) == (1, 4, 1)
    assert sum(tm.is_standing for tm in tenth.values()) == 25


def test_each_account_holds_the_role_it_is_named_for(committee, client):
    User = get_user_model()
    for role in Role:
        user = User.objects.get(username=role.value)
        held = set(RoleAssignment.objects.active().filter(user=user).values_list("role", flat=True))
        # The chair is a member of the committee too: a chair files proposals like everyone.
        assert held == ({role.value, Role.MEMBER.value} if role == Role.CHAIR else {role.value})
        # django-axes checks every authenticate() and needs the request it counts failures for.
        assert client.login(request=HttpRequest(), username=role.value, password=DEMO_PASSWORD)
        client.logout()
    liaison = RoleAssignment.objects.get(user__username="unit_liaison")
    assert liaison.unit.name == "县卫生局"
    assert RoleAssignment.objects.get(user__username="collective").party.name == "民盟"
    chair = Member.objects.get(user__username="chair")
    assert chair.memberships.get().post == "chair"


def test_each_account_sees_only_its_side(committee, client):
    User = get_user_model()
    client.force_login(User.objects.get(username="member"))
    assert client.get("/portal/").status_code == 200
    response = client.get("/admin/")
    assert response.status_code == 302 and not response["Location"].startswith("/admin/")
    client.force_login(User.objects.get(username="secretariat"))
    assert client.get("/admin/members/").status_code == 200
    for role in Role:
        client.force_login(User.objects.get(username=role.value))
        assert client.get("/admin/").status_code == (200 if role in ADMIN_ROLES else 302), role
        # Admin-only roles are sent from the portal to the admin; the chair is also a member.
        portal = 302 if role in ADMIN_ROLES and role != Role.CHAIR else 200
        assert client.get("/portal/").status_code == portal, role


def test_the_member_account_is_a_member_of_the_current_term(committee):
    member = Member.objects.get(user__username="member")
    terms = set(member.memberships.values_list("term__number", flat=True))
    assert current_term_number(timezone.localdate()) in terms and 10 in terms


def test_news_index_lists_the_seed_articles(committee, client):
    home = HomePage.objects.get()
    assert home.title == COMMITTEE and home.get_site().site_name == COMMITTEE
    assert "提案与履职管理系统" in client.get("/").content.decode()
    content = client.get("/news/").content.decode()
    assert 4 <= len(ARTICLES) <= 8
    for article in ARTICLES:
        assert article["title"] in content
        assert article["date"].year == 2007


def test_printed_logins(demo_output, db):
    # `db` keeps this test among the database tests: pytest-django runs tests without it last, after
    # the transactional tests (backup, S3) have flushed the rows the migrations made (the site).
    for role in Role:
        assert f" {role.value} " in demo_output
    assert DEMO_PASSWORD in demo_output and "/portal/" in demo_output and "/admin/" in demo_output


def test_second_run_changes_nothing(committee):
    """Every table, history and page revisions included, keeps its row count."""
    before = {model._meta.label: model.objects.count() for model in apps.get_models()}
    call_command("load_demo", quiet=True)
    after = {model._meta.label: model.objects.count() for model in apps.get_models()}
    assert {k: (v, after[k]) for k, v in before.items() if after[k] != v} == {}
    assert before["members.Member"] > 158
