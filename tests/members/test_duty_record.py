"""The duty record (履职档案): a member's ledger by year and term with counts by kind, in the portal and
the admin, sources linked generically, and `participation` per member for the reports."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from members import duty_views
from members.models import Session, Term, TermMembership
from members.models.ledger import DutyKind
from members.models.roles import Role
from members.periods import Period
from members.selectors import duty_record, participation, term_spans
from members.services import duty_record as record_duty
from tests import factories
from tests.proposals.conftest import World

pytestmark = pytest.mark.django_db


def d(text):
    return datetime.date.fromisoformat(text)


# ---- a member across two terms


@pytest.fixture
def terms(committee):
    """Term 9 (2002, left open) and term 10 (2007): term 9 ends the day before term 10 starts."""
    nine = Term.objects.create(committee=committee, number=9, start_date=d("2002-01-01"))
    ten = Term.objects.create(committee=committee, number=10, start_date=d("2007-01-01"))
    return nine, ten


@pytest.fixture
def person(committee, terms):
    user = factories.user_with_role(Role.MEMBER, committee, username="duty_member")
    member = user.member
    factories.membership(member, terms[0], sec=factories.sector(committee, "农业界"))
    factories.membership(member, terms[1], sec=factories.sector(committee, "教育界"), is_standing=True)
    return member


@pytest.fixture
def ledger(committee, person, secretariat):
    """Six standing entries and one correction (excused corrected to attended):

    2006-03-01 attended (term 9) · 2007-03-01 attended and speech at one sitting · 2007-06-01 excused,
    then corrected to attended · 2008-01-10 activity · 2008-02-01 other service without a source.
    """
    plenary_06, plenary_07, forum_07, survey_08 = (factories.unit(committee) for _ in range(4))
    record_duty(member=person, kind=DutyKind.ATTENDED, title="九届五次全体会议", duty_date=d("2006-03-01"), source=plenary_06)
    record_duty(member=person, kind=DutyKind.ATTENDED, title="十届一次全体会议", duty_date=d("2007-03-01"), source=plenary_07)
    record_duty(member=person, kind=DutyKind.SPEECH, title="大会发言", duty_date=d("2007-03-01"), source=plenary_07,
                basis="口头发言")
    record_duty(member=person, kind=DutyKind.EXCUSED, title="双周协商座谈会", duty_date=d("2007-06-01"), source=forum_07)
    record_duty(member=person, kind=DutyKind.ATTENDED, title="双周协商座谈会", duty_date=d("2007-06-01"), source=forum_07,
                actor=secretariat, reason="补签到")
    record_duty(member=person, kind=DutyKind.ACTIVITY, title="医疗市场调研", duty_date=d("2008-01-10"), source=survey_08)
    record_duty(member=person, kind=DutyKind.SERVICE, title="抗洪捐款", duty_date=d("2008-02-01"))
    return {"plenary_07": plenary_07, "forum_07": forum_07}


def test_term_spans_close_an_open_term_at_the_next(terms):
    nine, ten = terms
    spans = term_spans(nine.committee_id)
    assert [(s.term, s.start, s.end) for s in spans] == [(nine, d("2002-01-01"), d("2006-12-31")), (ten, d("2007-01-01"), None)]


def test_record_groups_by_year_and_term_and_counts_by_kind(person, terms, ledger):
    nine, ten = terms
    record = duty_record(person)
    assert [(s.year, s.term, len(s.entries)) for s in record.sections] == [(2008, ten, 2), (2007, ten, 3), (2006, nine, 1)]
    # Newest first: by duty date, then by when it was recorded.
    assert [e.title for e in record.sections[1].entries] == ["双周协商座谈会", "大会发言", "十届一次全体会议"]
    assert record.sections[0].membership.sector.name == "教育界" and record.sections[0].membership.is_standing
    assert record.sections[2].membership.sector.name == "农业界"
    # The corrected sitting counts once, as attended; the voided excuse and its reversal are not duties.
    assert record.counts[DutyKind.ATTENDED] == 3
    assert record.counts[DutyKind.EXCUSED] == 0
    assert record.counts[DutyKind.SPEECH] == 1 and record.counts[DutyKind.ACTIVITY] == 1
    assert record.counts[DutyKind.SERVICE] == 1
    assert record.total == 6 == len(record.entries)
    assert record.group_counts["attendance"] == 3 and record.group_counts["speech"] == 1
    assert [row.kind for row in record.kind_counts] == [DutyKind.ATTENDED, DutyKind.SPEECH, DutyKind.ACTIVITY, DutyKind.SERVICE]
    assert record.years == [2008, 2007, 2006]
    assert [s.term for s in record.terms] == [ten, nine]
    assert record.corrections == []  # only on request (the admin page)


def test_year_and_term_filters(person, terms, ledger):
    nine, ten = terms
    year = duty_record(person, year=2007)
    assert year.total == 3 and year.counts[DutyKind.ATTENDED] == 2 and year.counts[DutyKind.SPEECH] == 1
    assert [s.year for s in year.sections] == [2007]
    by_term = duty_record(person, term=nine)
    assert by_term.total == 1 and by_term.term == nine and by_term.sections[0].entries[0].title == "九届五次全体会议"
    assert duty_record(person, term=ten.pk).total == 5  # a pk works too (the page's filter)
    assert duty_record(person, term=ten, year=2006).total == 0
    stranger = Term.objects.create(committee=factories.committee(), number=10, start_date=d("2007-01-01"))
    assert duty_record(person, term=stranger).total == 0  # another committee's term matches nothing


def test_corrections_list_the_reversals_with_who_and_why(person, ledger, secretariat):
    record = duty_record(person, corrections=True)
    (correction,) = record.corrections
    assert correction.kind == DutyKind.EXCUSED and correction.reverses.kind == DutyKind.EXCUSED
    assert correction.quantity == -1 and correction.recorded_by == secretariat and correction.reason == "补签到"
    assert correction.reverses.voided_at is not None


def test_record_as_of_a_cutoff(person, committee):
    sitting = factories.unit(committee)
    before = timezone.now()
    record_duty(member=person, kind=DutyKind.EXCUSED, title="常委会议", duty_date=d("2007-05-01"), source=sitting)
    between = timezone.now()
    record_duty(member=person, kind=DutyKind.ATTENDED, title="常委会议", duty_date=d("2007-05-01"), source=sitting)
    assert duty_record(person, as_of=before).total == 0
    then = duty_record(person, as_of=between)
    assert then.counts[DutyKind.EXCUSED] == 1 and then.counts[DutyKind.ATTENDED] == 0
    now = duty_record(person)
    assert now.counts[DutyKind.EXCUSED] == 0 and now.counts[DutyKind.ATTENDED] == 1
    # A date means the end of that Beijing day: yesterday saw nothing, today sees the correction.
    today = timezone.localdate()
    assert duty_record(person, as_of=today - datetime.timedelta(days=1)).total == 0
    assert duty_record(person, as_of=today).counts[DutyKind.ATTENDED] == 1


# ---- sources linked generically


@pytest.fixture
def world(committee, secretariat):
    return World(committee, secretariat)


def test_sources_link_to_their_pages_without_the_members_app_knowing_them(world, client):
    proposal = world.accepted(joint=True)
    proposer = world.proposer
    record_duty(member=proposer, kind=DutyKind.ATTENDED, title="十届一次全体会议", duty_date=world.session.plenary_start,
                source=world.session)
    record_duty(member=proposer, kind=DutyKind.SERVICE, title="抗洪捐款", duty_date=world.today)

    portal = duty_record(proposer)
    by_kind = {e.kind: e for e in portal.entries}
    assert by_kind[DutyKind.PROPOSAL_FILED].source_url == proposal.get_absolute_url()
    assert by_kind[DutyKind.PROPOSAL_ACCEPTED].source_object == proposal
    assert by_kind[DutyKind.ATTENDED].source_url == ""  # a session has no page of its own
    assert by_kind[DutyKind.SERVICE].source_url == "" and by_kind[DutyKind.SERVICE].source_object is None

    from members.duty_views import admin_source_url

    admin = duty_record(proposer, url_for=admin_source_url)
    by_kind = {e.kind: e for e in admin.entries}
    assert by_kind[DutyKind.PROPOSAL_FILED].source_url == reverse("proposal_admin:inspect", args=[proposal.pk])
    assert by_kind[DutyKind.ATTENDED].source_url == reverse("sessions:edit", args=[world.session.pk])

    # The co-signer's record links to the same proposal, and the co-signer may open it.
    client.force_login(world.cosigner.user)
    html = client.get(reverse("portal:duty")).content.decode()
    assert f'href="{proposal.get_absolute_url()}"' in html
    assert client.get(proposal.get_absolute_url()).status_code == 200


def _count(client, url):
    client.get(url)  # warm the per-process caches (content types, site) so both sizes start alike
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _grow(world, member, n):
    """n entries for `member`, each from a unit of its own, dated across two years."""
    kinds = [DutyKind.ATTENDED, DutyKind.ACTIVITY, DutyKind.TRAINING]
    for i in range(n):
        day = d("2024-01-01") + datetime.timedelta(days=3 * i)
        record_duty(member=member, kind=kinds[i % 3], title=f"活动{i}", duty_date=day, source=factories.unit(world.committee))


def test_pages_keep_their_query_count_from_10_to_200_entries(world, client):
    world.accepted(joint=True)  # proposal sources: filed + accepted for the proposer, co-signed for the co-signer
    proposer = world.proposer
    second_session = world.make_session(number=2)
    record_duty(member=proposer, kind=DutyKind.ATTENDED, title="全体会议", duty_date=world.today, source=second_session)
    record_duty(member=proposer, kind=DutyKind.SERVICE, title="抗洪捐款", duty_date=world.today)  # no source
    _grow(world, proposer, 6)
    portal_url, admin_url = reverse("portal:duty"), reverse("members_duty_record", args=[proposer.pk])

    client.force_login(proposer.user)
    portal_small = _count(client, portal_url)
    client.force_login(world.secretariat)
    admin_small = _count(client, admin_url)
    assert duty_record(proposer).total == 10

    world.accepted(title="关于发展乡村旅游的提案")
    world.accepted(title="关于改善农村饮水的提案")
    _grow(world, proposer, 186)
    record_duty(member=proposer, kind=DutyKind.EXCUSED, title="全体会议", duty_date=world.today, source=second_session,
                actor=world.secretariat)  # a correction, shown on the admin page
    assert duty_record(proposer).total == 200
    client.force_login(proposer.user)
    assert _count(client, portal_url) == portal_small
    client.force_login(world.secretariat)
    assert _count(client, admin_url) == admin_small


# ---- the portal page


def test_member_sees_only_own_record_with_counts_and_filters(client, committee, person, terms, ledger):
    other = factories.user_with_role(Role.MEMBER, committee)
    record_duty(member=other.member, kind=DutyKind.ABSENT, title="别人的缺席记录", duty_date=d("2007-03-01"),
                source=ledger["plenary_07"])
    client.force_login(person.user)
    response = client.get(reverse("portal:duty"))
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("九届五次全体会议", "十届一次全体会议", "大会发言", "口头发言", "医疗市场调研", "抗洪捐款", "2007-06-01", "第十届", "第九届"):
        assert text in html, text
    assert "别人的缺席记录" not in html
    assert response.context["record"].total == 6
    assert "补签到" not in html  # corrections are the secretariat's view
    filtered = client.get(reverse("portal:duty"), {"year": "2006"})
    assert filtered.context["record"].total == 1
    assert "十届一次全体会议" not in filtered.content.decode()
    by_term = client.get(reverse("portal:duty"), {"term": terms[1].pk})
    assert by_term.context["record"].total == 5
    # A filter that is not understood is ignored, not a crash.
    assert client.get(reverse("portal:duty"), {"year": "abc"}).context["record"].total == 6

    client.force_login(other)
    other_record = client.get(reverse("portal:duty")).context["record"]
    assert other_record.total == 1 and other_record.entries[0].title == "别人的缺席记录"


def test_portal_home_links_to_the_record(client, person):
    client.force_login(person.user)
    assert reverse("portal:duty") in client.get(reverse("portal:home")).content.decode()


def test_people_without_a_member_record(client, committee, secretariat):
    liaison = factories.user_with_role(Role.UNIT_LIAISON, committee)
    client.force_login(liaison)
    assert client.get(reverse("portal:duty")).status_code == 403
    client.force_login(secretariat)
    response = client.get(reverse("portal:duty"))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    client.logout()
    assert reverse("login") in client.get(reverse("portal:duty"))["Location"]


def _sheets(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))
    return {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in book.worksheets}


def test_member_exports_own_record(client, person, ledger):
    client.force_login(person.user)
    response = client.get(reverse("portal:duty"), {"year": "2007", "export": "xlsx"})
    assert "filename" in response["Content-Disposition"]
    sheets = _sheets(response)
    entries, counts = list(sheets.values())[:2]
    assert len(sheets) == 2  # no corrections sheet for members
    assert len(entries) == 1 + 3
    assert {row[4] for row in entries[1:]} == {"双周协商座谈会", "十届一次全体会议", "大会发言"}
    assert entries[1][0] == datetime.datetime(2007, 6, 1)  # a real date cell, newest first
    # Per kind, each with its unit; no 合计 row adding sittings and speeches into one number.
    assert [row[1] for row in counts[1:]] == [2, 1]
    assert [row[2] for row in counts[1:]] == [str(duty_views.SITTINGS), str(duty_views.TIMES)]


def test_counts_are_per_kind_in_their_units_never_summed_across_kinds(client, committee, person, terms, secretariat):
    """Attendance, lateness and filings are different units: the record shows each count with its unit
    and no grand total (a weighted score belongs to a scoring scheme, not to this page)."""
    for kind, day in ((DutyKind.ATTENDED, "2007-03-01"), (DutyKind.ATTENDED, "2007-04-01"), (DutyKind.LATE, "2007-04-01"),
                      (DutyKind.PROPOSAL_FILED, "2007-01-05"), (DutyKind.OPINION_REPORT, "2007-05-01")):
        record_duty(member=person, kind=kind, title=f"记录{kind}", duty_date=d(day), source=factories.unit(committee))
    expected = [
        (str(DutyKind.PROPOSAL_FILED.label), 1, str(duty_views.PROPOSALS)),
        (str(DutyKind.ATTENDED.label), 2, str(duty_views.SITTINGS)),
        (str(DutyKind.LATE.label), 1, str(duty_views.SITTINGS)),
        (str(DutyKind.OPINION_REPORT.label), 1, str(duty_views.REPORTS)),
    ]
    client.force_login(person.user)
    response = client.get(reverse("portal:duty"))
    assert [(str(r["label"]), r["count"], str(r["unit"])) for r in response.context["kind_counts"]] == expected
    html = response.content.decode()
    assert html.count("data-kind-count") == 4
    assert "<strong>5</strong>" not in html  # 2 + 1 + 1 + 1 is not a figure anyone should read

    client.force_login(secretariat)
    url = reverse("members_duty_record", args=[person.pk])
    page = client.get(url).content.decode()
    assert page.count("data-kind-count") == 4 and "<strong>5</strong>" not in page
    counts = list(_sheets(client.get(url, {"export": "xlsx"})).values())[1]
    assert [tuple(row) for row in counts[1:]] == expected  # and no total row under them


# ---- the admin page


def test_admin_page_shows_entries_links_and_corrections(client, committee, person, ledger, secretariat):
    client.force_login(secretariat)
    url = reverse("members_duty_record", args=[person.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "补签到" in html and "双周协商座谈会" in html
    # Sources with an admin page get a link to it (units have an edit page, no inspect page).
    assert reverse("bodies:edit", args=[ledger["forum_07"].pk]) in html
    assert response.context["record"].total == 6
    sheets = _sheets(client.get(url, {"export": "xlsx"}))
    assert len(sheets) == 3
    corrections = list(sheets.values())[2]
    assert corrections[1][2] == "双周协商座谈会" and corrections[1][6] == "补签到"


@pytest.mark.parametrize("role,status", [
    (Role.SECRETARIAT, 200), (Role.CHAIR, 200), (Role.ADMIN, 200),
    (Role.REVIEWER, 403), (Role.SPECIAL_STAFF, 403),
    (Role.AUDITOR, 403), (Role.SECURITY_ADMIN, 403),  # 三员分立: the audit log only; accounts only
])
def test_admin_page_is_for_those_who_read_the_ledger(client, committee, person, role, status):
    client.force_login(factories.user_with_role(role, committee))
    assert client.get(reverse("members_duty_record", args=[person.pk])).status_code == status


def test_other_committees_are_refused(client, other_committee, person):
    client.force_login(factories.user_with_role(Role.SECRETARIAT, other_committee))
    assert client.get(reverse("members_duty_record", args=[person.pk])).status_code == 403
    assert client.get(reverse("members_duty_record", args=[person.pk]), {"export": "xlsx"}).status_code == 403


@pytest.mark.parametrize("role_here", [Role.REVIEWER, Role.UNIT_LIAISON, Role.SPECIAL_STAFF])
def test_a_reader_of_another_committee_is_refused_whatever_role_they_hold_here(client, committee, other_committee,
                                                                                person, role_here):
    """The ledger permission is read per committee: secretariat of another committee plus a role here
    without that permission (reviewer, unit liaison, special staff) does not open this committee's records."""
    from members.services import role_grant

    user = factories.user_with_role(Role.SECRETARIAT, other_committee)
    scope = {"unit": factories.unit(committee)} if role_here == Role.UNIT_LIAISON else {}
    role_grant(user=user, role=role_here, committee=committee, **scope)
    client.force_login(user)
    assert client.get(reverse("members_duty_record", args=[person.pk])).status_code == 403
    assert client.get(reverse("members_duty_record", args=[person.pk]), {"export": "xlsx"}).status_code == 403


def test_member_admin_pages_link_to_the_record(client, person, secretariat, committee):
    url = reverse("members_duty_record", args=[person.pk])
    client.force_login(secretariat)
    assert url in client.get(reverse("members:inspect", args=[person.pk])).content.decode()
    assert url in client.get(reverse("members:index")).content.decode()
    client.force_login(factories.user_with_role(Role.REVIEWER, committee))  # may see members, not the ledger
    assert url not in client.get(reverse("members:inspect", args=[person.pk])).content.decode()


# ---- participation, for the reports


@pytest.fixture
def roster(committee, terms):
    """Term 10 members: 甲 (教育界), 乙 and 丙 (经济界, 丙 with no entry); 丁 left in 2006 (not listed);
    戊 of another committee. Sessions: 十届一次 (plenary 2007-03) and 十届二次 (plenary 2008-03)."""
    nine, ten = terms
    education = factories.sector(committee, "教育界")
    economy = factories.sector(committee, "经济界")
    education.order, economy.order = 1, 2
    education.save(), economy.save()
    party = factories.party(committee, "民盟")
    people = {}
    for name, sector in (("甲", education), ("乙", economy), ("丙", economy)):
        people[name] = factories.member(committee, name=name, number=f"10{len(people) + 1:02d}")
        factories.membership(people[name], ten, sec=sector, par=party)
    people["丁"] = factories.member(committee, name="丁", number="0901")
    factories.membership(people["丁"], nine, sec=economy, par=party, end_date=d("2006-06-30"))
    stranger = factories.member(factories.committee(), name="戊")
    first = Session.objects.create(committee=committee, term=ten, number=1, plenary_start=d("2007-03-01"),
                                   plenary_end=d("2007-03-05"), filing_opens=d("2007-01-15"), filing_deadline=d("2007-03-03"))
    second = Session.objects.create(committee=committee, term=ten, number=2, plenary_start=d("2008-03-01"),
                                    plenary_end=d("2008-03-05"), filing_opens=d("2008-01-15"), filing_deadline=d("2008-03-03"))
    return people, stranger, first, second


def _entry(member, kind, day, source):
    return record_duty(member=member, kind=kind, title="x", duty_date=d(day), source=source)


def test_participation_counts_per_member_from_the_ledger(committee, roster, secretariat):
    people, stranger, first, second = roster
    a, b = people["甲"], people["乙"]
    p1, p2, p3, sitting1, sitting2, talk = (factories.unit(committee) for _ in range(6))
    _entry(a, DutyKind.PROPOSAL_FILED, "2007-02-01", p1)
    _entry(a, DutyKind.PROPOSAL_ACCEPTED, "2007-04-01", p1)
    _entry(a, DutyKind.PROPOSAL_FILED, "2007-02-02", p2)
    _entry(a, DutyKind.PROPOSAL_COSIGNED, "2007-02-03", p3)
    _entry(b, DutyKind.PROPOSAL_COSIGNED, "2007-02-03", p3)
    _entry(a, DutyKind.ATTENDED, "2007-03-01", sitting1)
    _entry(a, DutyKind.SPEECH, "2007-03-01", sitting1)
    _entry(a, DutyKind.EXCUSED, "2007-09-01", sitting2)
    _entry(a, DutyKind.WRITTEN_SPEECH, "2007-09-01", talk)
    _entry(b, DutyKind.ABSENT, "2007-03-01", sitting1)
    _entry(a, DutyKind.ATTENDED, "2008-03-01", factories.unit(committee))  # next year, next session
    _entry(stranger, DutyKind.ATTENDED, "2007-03-01", sitting1)  # another committee
    _entry(people["丁"], DutyKind.ATTENDED, "2006-03-01", sitting1)  # left before 2007
    before_correction = timezone.now()
    # 乙's excuse for the September sitting is recorded, then corrected to attended.
    _entry(b, DutyKind.EXCUSED, "2007-09-01", sitting2)
    between = timezone.now()
    record_duty(member=b, kind=DutyKind.ATTENDED, title="x", duty_date=d("2007-09-01"), source=sitting2, actor=secretariat)

    rows = participation(Period.of_year(committee, 2007))
    assert [(r.name, r.sector, r.party) for r in rows] == [("甲", "教育界", "民盟"), ("乙", "经济界", "民盟"), ("丙", "经济界", "民盟")]
    row_a, row_b, row_c = rows
    assert (row_a.proposals_led, row_a.proposals_cosigned, row_a.proposals_accepted) == (2, 1, 1)
    assert (row_a.attended, row_a.excused, row_a.absent, row_a.speeches, row_a.written_speeches) == (1, 1, 0, 2, 1)
    assert (row_b.proposals_led, row_b.proposals_cosigned, row_b.attended, row_b.excused, row_b.absent) == (0, 1, 1, 0, 1)
    assert row_c.by_kind == {kind: 0 for kind in DutyKind.values}
    assert sum(r.filed_or_cosigned for r in rows) == 2  # 参与率 numerator
    assert row_a.member_number == "1001" and row_a.member_id == a.pk

    then = {r.name: r for r in participation(Period.of_year(committee, 2007), as_of=between)}
    assert (then["乙"].excused, then["乙"].attended) == (1, 0)
    assert participation(Period.of_year(committee, 2007), as_of=before_correction)[1].excused == 0

    # A session runs from its filing window to the day before the next session's window opens.
    session_rows = {r.name: r for r in participation(Period.of_session(first))}
    assert session_rows["甲"].attended == 1 and session_rows["甲"].excused == 1  # 2007-09 is still 十届一次
    assert {r.name: r.attended for r in participation(Period.of_session(second))} == {"甲": 1, "乙": 0, "丙": 0}
    # 2006 is term 9's: only 丁 (who left mid-2006) was a member then.
    assert [(r.name, r.attended) for r in participation(Period.of_year(committee, 2006))] == [("丁", 1)]


def test_participation_lists_a_member_once_in_the_year_a_term_changes(committee, terms):
    nine, ten = terms
    Term.objects.filter(pk=ten.pk).update(start_date=d("2007-03-01"))
    person = factories.member(committee, name="换届委员")
    factories.membership(person, nine, sec=factories.sector(committee, "农业界"))
    TermMembership.objects.create(member=person, term=ten, sector=factories.sector(committee, "教育界"),
                                  party=factories.party(committee), start_date=d("2007-03-01"))
    _entry(person, DutyKind.ATTENDED, "2007-01-10", factories.unit(committee))
    _entry(person, DutyKind.ATTENDED, "2007-03-02", factories.unit(committee))
    (row,) = participation(Period.of_year(committee, 2007))
    assert row.sector == "教育界" and row.term_id == ten.pk and row.attended == 2


def test_participation_is_one_aggregate_query_whatever_the_roster(committee, roster):
    people, _stranger, _first, _second = roster
    period = Period.of_year(committee, 2007)
    with CaptureQueriesContext(connection) as small:
        participation(period)
    ten = Term.objects.get(committee=committee, number=10)
    for i in range(30):
        member = factories.member(committee, name=f"委员{i}")
        factories.membership(member, ten)
        _entry(member, DutyKind.ATTENDED, "2007-05-01", factories.unit(committee))
    with CaptureQueriesContext(connection) as large:
        rows = participation(period)
    assert len(rows) == 33 and sum(r.attended for r in rows) == 30
    assert len(large.captured_queries) == len(small.captured_queries) == 2  # the terms, then the rows

