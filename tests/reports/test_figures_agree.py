"""One 参与率, counted once, the same in the workbook, the text's sources and both dashboards; the member
sheet counts proposals by the same year rule as the proposal figures (DOMAIN's "Which proposals a period
holds"), so a session's December filings count in the year of its plenary.

The hand-counted committee (terms 八届 2002 to 2007-12-19 and 九届 from 2007-12-20; session 八届五次,
filing from 2006-12-01, plenary 2007-01-10):

    甲  八届 and 九届   leads a joint proposal with 乙, filed 2006-12-15, accepted 2007-01-08
    乙  八届            co-signs 甲's proposal
    丙  八届            files alone on 2007-01-05; not decided
    丁  九届            nothing

2007 holds 八届五次 (its plenary opens in 2007): 2 proposals, filed by 甲 乙 丙. Serving in 2007: 甲 (two
terms, counted once), 乙, 丙, 丁 = 4. 参与率 = 3 / 4 = 75.0%. 2006 holds no session and no
between-session proposal: 0 of the 3 members serving then (甲 乙 丙) = 0.0%; the December filings are
2007's. Member sheet 2007: 甲 led 1 (立案 1), 乙 co-signed 1 (立案 1), 丙 led 1 (立案 0), 丁 0.
"""

import datetime
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cppcc import clock
from members.models import Session, Term
from members.models.roles import Role
from members.periods import Period
from members.services import role_grant
from proposals import services, statistics
from proposals.models import Kind
from reports import dashboards
from reports.figures import Context
from reports.summary import build_summary
from reports.workbook import summary_workbook
from tests import factories
from tests.proposals.conftest import World

pytestmark = pytest.mark.django_db

D = datetime.date
AS_OF = D(2008, 6, 30)


class Committee2007:
    def __init__(self, world: World):
        self.world = w = world
        c = w.committee
        self.eight = Term.objects.create(committee=c, number=8, start_date=D(2002, 12, 20), end_date=D(2007, 12, 19))
        self.nine = Term.objects.create(committee=c, number=9, start_date=D(2007, 12, 20), end_date=D(2012, 12, 19))
        self.session = Session.objects.create(
            committee=c, term=self.eight, number=5, filing_opens=D(2006, 12, 1), filing_deadline=D(2007, 1, 6),
            plenary_start=D(2007, 1, 10), plenary_end=D(2007, 1, 14),
        )
        self.jia = self.member("甲", self.eight, self.nine)
        self.yi = self.member("乙", self.eight)
        self.bing = self.member("丙", self.eight)
        self.ding = self.member("丁", self.nine)
        with clock.acting_at(D(2006, 12, 15)):
            self.joint = w.draft(proposer=self.jia, session=self.session, kind=Kind.PLENARY, title="关于发展茶叶产业的提案")
            services.proposal_invite_cosigners(proposal=self.joint, actor=self.jia.user, members=[self.yi])
            services.signer_confirm(signer=self.joint.signers.get(member=self.yi), actor=self.yi.user)
            services.proposal_submit(proposal=self.joint, actor=self.jia.user)
        with clock.acting_at(D(2007, 1, 5)):
            alone = w.draft(proposer=self.bing, session=self.session, kind=Kind.PLENARY, title="关于修缮老街的提案")
            services.proposal_submit(proposal=alone, actor=self.bing.user)
        with clock.acting_at(D(2007, 1, 8)):
            self.joint.refresh_from_db()
            services.proposal_accept(proposal=self.joint, actor=w.reviewer, assign_number=True)

    def member(self, name, *terms):
        user = factories.user()
        role_grant(user=user, role=Role.MEMBER, committee=self.world.committee)
        person = factories.member(self.world.committee, name=name, user=user)
        for term in terms:
            factories.membership(person, term, sec=self.world.sector, par=self.world.party)
        return person


@pytest.fixture
def book(world):
    return Committee2007(world)


def overview_cells(xlsx) -> dict:
    """{stable key: (label, value)} from the 总览 sheet (the key in the hidden column C)."""
    ws = load_workbook(io.BytesIO(xlsx))["总览"]
    return {row[2].value: (row[0].value, row[1].value) for row in ws.iter_rows(min_row=4)}


def member_sheet(xlsx) -> dict:
    ws = load_workbook(io.BytesIO(xlsx))["委员履职情况"]
    header = [c.value for c in ws[3]]
    return {row[1]: dict(zip(header, row)) for row in ws.iter_rows(min_row=4, values_only=True)}


def test_one_participation_rate_in_the_workbook_the_member_sheet_and_both_dashboards(book, client, chair):
    period = Period.of_year(book.world.committee, 2007)

    # The one function.
    overview = statistics.overview(period, as_of=AS_OF)
    assert (overview.participants, overview.members, str(overview.participation_rate)) == (3, 4, "75.0%")

    # The workbook: the rate, its numerator and its denominator, each with a label that says what it counts.
    xlsx = summary_workbook(build_summary(period, AS_OF))
    cells = overview_cells(xlsx)
    assert cells["proposals.participation_rate"] == ("参与率（提出或联名提案的委员占本期在任委员）", 0.75)
    assert cells["proposals.participants"] == ("提出或联名提案的委员（人）", 3)
    assert cells["participation.members"][1] == 4 and "在任委员" in cells["participation.members"][0]
    labels = [label for label, _value in cells.values()]
    assert len(labels) == len(set(labels))  # no two figures share a label
    assert "人次" in cells["participation.attended"][0] and "人，每人计一次" in cells["consultations.participants"][0]

    # The member sheet: one row per serving member (甲 once), the same three members with a proposal.
    sheet = member_sheet(xlsx)
    assert sorted(sheet) == ["丁", "丙", "乙", "甲"]
    with_proposals = [name for name, row in sheet.items() if row["领衔提案（件）"] or row["联名提案（件）"]]
    assert sorted(with_proposals) == ["丙", "乙", "甲"]  # = the rate's numerator, 3 of the sheet's 4 rows

    # The proposals dashboard (admin) for the same year and cut-off.
    client.force_login(chair)
    html = client.get(reverse("proposal_dashboard"), {"committee": book.world.committee.pk, "year": 2007,
                                                  "as_of": AS_OF.isoformat()}).content.decode()
    figure = re.search(r'data-figure="participation_rate"><span class="value">([^<]+)</span>.*?'
                       r'<span class="note">([^<]+)</span>', html)
    assert figure and figure.group(1) == "75.0%"
    assert sorted(re.findall(r"\d+", figure.group(2))) == ["3", "4"]  # 3 of the 4 serving members

    # The reports dashboard's comparison with 2006 reads the same overview line.
    rates = next(t for t in dashboards.tables(Context(period=period, as_of=AS_OF)) if t.key == "compare_rates")
    row = next(r for r in rates.rows if r[0] == cells["proposals.participation_rate"][0])
    assert (str(row[1]), str(row[2])) == ("75.0%", "0.0%")  # 2006: 0 of 甲 乙 丙


def test_the_member_sheet_counts_proposals_by_the_year_rule(book):
    """The December 2006 filings of 八届五次 are 2007's, as in the proposal figures; 立案 never exceeds
    领衔 + 联名 (立案 counts the member's own proposals standing as cases)."""
    year_2007 = member_sheet(summary_workbook(build_summary(Period.of_year(book.world.committee, 2007), AS_OF)))
    counts = {name: (row["领衔提案（件）"], row["联名提案（件）"], row["其中立案（件）"]) for name, row in year_2007.items()}
    assert counts == {"甲": (1, 0, 1), "乙": (0, 1, 1), "丙": (1, 0, 0), "丁": (0, 0, 0)}
    for led, cosigned, accepted in counts.values():
        assert accepted <= led + cosigned

    year_2006 = member_sheet(summary_workbook(build_summary(Period.of_year(book.world.committee, 2006), AS_OF)))
    assert sorted(year_2006) == ["丙", "乙", "甲"]  # 丁 joined in December 2007
    assert all(row["领衔提案（件）"] == row["联名提案（件）"] == row["其中立案（件）"] == 0 for row in year_2006.values())

    # The session period holds the same proposals; its roster is the session's term.
    session = member_sheet(summary_workbook(build_summary(Period.of_session(book.session), AS_OF)))
    assert {name: (row["领衔提案（件）"], row["联名提案（件）"]) for name, row in session.items()} == {
        "甲": (1, 0), "乙": (0, 1), "丙": (1, 0)}
    assert str(statistics.overview(Period.of_session(book.session), as_of=AS_OF).participation_rate) == "100%"

    # Before the acceptance, nothing stands as a case: the same cut-off rule as every figure.
    early = statistics.by_member(Period.of_year(book.world.committee, 2007), as_of=D(2007, 1, 7))
    assert {m: (c.led, c.cosigned, c.accepted) for m, c in early.items()} == {
        book.jia.pk: (1, 0, 0), book.yi.pk: (0, 1, 0), book.bing.pk: (1, 0, 0)}
