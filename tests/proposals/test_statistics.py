"""Statistics as of a cut-off (proposals.statistics), hand-counted on a session built through the services.

The session 十届五次 (plenary 2025-02-25) is replayed with cppcc.clock.acting_at, so every row and event
carries the date it would have had. The cut-off is 2025-07-15; the steps dated after it (a B → A
correction, an accepted return and its reassignment, a reply, an evaluation, a late filing) must leave
that cut-off's figures unchanged.

    p1   accepted, single 县教育局, replied A 04-01 (on time), rated 满意 by its proposer and by the
         proposer of p6 (merged into it)
    p2   accepted, joint (王芳 + 赵强), lead 县教育局 + co 县财政局: opinion 03-20, reply B 05-01, rated
         基本满意; corrected B → A on 08-01 (after the cut-off)
    p3   accepted, split 县财政局 (reply C 05-15, never rated: 未表态) + 县卫健局 (no reply: overdue)
    p4   accepted, single 县财政局, return asked 03-05 but accepted only on 08-01 (reassigned to
         县教育局): at the cut-off still active and overdue
    p5   accepted, single 县教育局, extended to 08-31 on 05-20, replied 08-10 (after the cut-off)
    p6   merged into p1 (proposer 李明)
    p7-p9  converted to an opinion, a public-opinion report, a member's letter
    p10  not accepted; p11 withdrawn after filing; p12 returned for revision; p13 submitted, not decided
    p14  a draft withdrawn (never received); p15 a draft (never received)
    p16  accepted, single 县教育局, replied A 06-10 (late: due 06-03), rated 不满意 06-15: re-handling
    p17  accepted, filed by the party 民盟 collectively, not yet assigned
    p18  a between-session proposal of the session filed 08-05 (after the cut-off)
"""

import datetime

import pytest
from django.utils import timezone

from cppcc.clock import acting_at
from members.models import Session
from members.periods import Period
from proposals import services, statistics
from proposals.models import Assignment, Kind, ProposalSettings, ProposerType
from proposals.selectors import case_is_replied, reply_code_as_of
from proposals.statistics import BUCKETS

from tests import factories

D = datetime.date
CUT = D(2025, 7, 15)
LATER = D(2025, 8, 31)


def at(day, hour=10):
    return acting_at(timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour))))


class Scenario:
    def __init__(self, world):
        w = self.w = world
        self.session = Session.objects.create(
            committee=w.committee, term=w.term, number=5, plenary_start=D(2025, 2, 25), plenary_end=D(2025, 2, 28),
            filing_opens=D(2025, 1, 1), filing_deadline=D(2025, 2, 20),
        )
        self.outsider = w.member("孙丽")  # a member of the term who files nothing that counts
        self.p = {}
        S = self.session
        with at(D(2025, 1, 10)):
            for n in (1, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 16):
                self.p[n] = w.submitted(session=S, title=f"提案{n}")
            self.p[2] = w.submitted(joint=True, cosigners=[w.cosigner2], session=S, title="提案2")
            self.p[6] = w.submitted(proposer=w.cosigner, session=S, title="提案6")
            self.p[14] = w.draft(proposer=self.outsider, session=S, title="提案14")
            services.proposal_withdraw(proposal=self.p[14], actor=self.outsider.user)
            self.p[15] = w.draft(session=S, title="提案15")
            account = w.collective_account(party=w.party)
            draft = services.proposal_create_draft(
                actor=account, session=S, organisation=w.party, title="提案17", category=w.category,
                situation="情况", suggestions="建议",
            )
            self.p[17] = services.proposal_submit(proposal=draft, actor=account)
        rv, sec = w.reviewer, w.secretariat
        with at(D(2025, 3, 1)):
            for n in (1, 2, 3, 4, 5, 16, 17):
                self.p[n] = services.proposal_accept(proposal=self.p[n], actor=rv)
            services.proposal_merge(proposal=self.p[6], actor=rv, into=self.p[1])
            for n, to in ((7, "opinion"), (8, "social"), (9, "letter")):
                services.proposal_convert(proposal=self.p[n], actor=rv, to=to)
            services.proposal_reject(proposal=self.p[10], actor=rv, reject_reason=w.reject_reason())
            services.proposal_withdraw(proposal=self.p[11], actor=w.proposer.user)
            services.proposal_return_for_revision(proposal=self.p[12], actor=rv, reason="请补充数据")
        assign = services.assignment_create
        with at(D(2025, 3, 3)):
            (self.a1,) = assign(proposal=self.p[1], actor=sec, units=[(w.unit, "single")])
            self.a2_lead, self.a2_co = assign(proposal=self.p[2], actor=sec, units=[(w.unit, "lead"), (w.unit2, "co")])
            self.a3_u2, self.a3_u3 = assign(proposal=self.p[3], actor=sec, units=[(w.unit2, "split"), (w.unit3, "split")])
            (self.a4,) = assign(proposal=self.p[4], actor=sec, units=[(w.unit2, "single")])
            (self.a5,) = assign(proposal=self.p[5], actor=sec, units=[(w.unit, "single")])
            (self.a16,) = assign(proposal=self.p[16], actor=sec, units=[(w.unit, "single")])
        assert self.a1.due_date == D(2025, 6, 3) and self.a2_co.due_date == D(2025, 4, 2)
        with at(D(2025, 3, 5)):
            services.assignment_request_return(assignment=self.a4, actor=w.liaison2, reason="不属于本单位职责")
        with at(D(2025, 3, 20)):
            services.co_opinion_send(assignment=self.a2_co, actor=w.liaison2, text="会办意见")
        with at(D(2025, 4, 1)):
            self.r1 = w.sent_reply(self.a1, code="A")
        with at(D(2025, 4, 10)):
            services.evaluation_submit(reply=self.r1, actor=w.proposer.user, overall="satisfied")
        with at(D(2025, 4, 12)):
            services.evaluation_submit(reply=self.r1, actor=w.cosigner.user, overall="satisfied")
        with at(D(2025, 5, 1)):
            self.r2 = w.sent_reply(self.a2_lead, code="B")
        with at(D(2025, 5, 10)):
            services.evaluation_submit(reply=self.r2, actor=w.proposer.user, overall="basic")
        with at(D(2025, 5, 15)):
            self.r3 = w.sent_reply(self.a3_u2, code="C")
        with at(D(2025, 5, 20)):
            services.assignment_extend(assignment=self.a5, actor=sec, new_due=D(2025, 8, 31), reason="情况复杂")
        with at(D(2025, 6, 10)):
            self.r16 = w.sent_reply(self.a16, code="A")
        with at(D(2025, 6, 15)):
            services.evaluation_submit(reply=self.r16, actor=w.proposer.user, overall="unsatisfied")

    def after_the_cutoff(self):
        w = self.w
        with at(D(2025, 8, 1)):
            services.reply_correct_code(reply=self.r2, actor=w.secretariat, new_code=w.code("A"), reason="已解决")
            self.a4_new = services.assignment_decide_return(assignment=self.a4, actor=w.secretariat, accept=True,
                                                            new_unit=w.unit)
        with at(D(2025, 8, 5)):
            self.p[18] = w.submitted(session=self.session, kind=Kind.BETWEEN, title="提案18")
        with at(D(2025, 8, 10)):
            self.r5 = w.sent_reply(self.a5, code="A")
        with at(D(2025, 8, 12)):
            services.evaluation_submit(reply=self.r5, actor=w.proposer.user, overall="satisfied")


@pytest.fixture
def scenario(world):
    return Scenario(world)


def period(scenario):
    return Period.of_session(scenario.session)


# ---- the overview


def test_overview_hand_counted(scenario):
    o = statistics.overview(period(scenario), as_of=CUT)
    assert o.day == CUT and o.label == str(scenario.session)
    assert (o.received, o.accepted, o.merged, o.converted_opinion, o.converted_social, o.converted_letter,
            o.rejected, o.withdrawn, o.reviewing) == (15, 7, 1, 1, 1, 1, 1, 1, 2)
    assert sum(getattr(o, b) for b in BUCKETS) == o.received
    assert sum(n for _k, _label, n in o.buckets()) == o.received and o.converted == 3
    assert str(o.acceptance_rate) == "46.7%"  # 7 / 15
    assert (o.assigned, o.assignments) == (6, 8)
    assert (o.replied, str(o.reply_rate)) == (3, "42.9%")  # p1, p2, p16 of 7
    assert (o.on_time, str(o.on_time_rate)) == (2, "28.6%")  # p16 replied after its due date
    assert (o.adopted, str(o.adoption_rate), o.adoption_counts_in_plan) == (2, "66.7%", False)  # p1 A, p16 A; p2 B
    assert (o.satisfied, o.basic, o.unsatisfied, o.no_response, o.evaluated) == (2, 1, 1, 1, 4)
    assert (str(o.satisfaction_rate), str(o.basic_rate), str(o.satisfied_or_basic_rate)) == ("50.0%", "25.0%", "75.0%")
    assert o.pending_evaluations == 0
    assert (o.rehandled, o.rehandling_assignments, o.rehandling_replied) == (1, 1, 0)
    assert (o.participants, o.members, str(o.participation_rate)) == (3, 4, "75.0%")
    assert o.overdue == 2  # p3 at 县卫健局, p4 at 县财政局 (its return accepted only later)


def test_later_facts_leave_the_cutoff_unchanged(scenario):
    p = period(scenario)
    before = (statistics.overview(p, as_of=CUT), statistics.by_unit(p, as_of=CUT),
              statistics.by_proposer_type(p, as_of=CUT), list(statistics.case_rows(p, as_of=CUT)),
              [(a.pk, a.days_overdue) for a in statistics.overdue_assignments(scenario.w.committee, as_of=CUT)])
    scenario.after_the_cutoff()
    after = (statistics.overview(p, as_of=CUT), statistics.by_unit(p, as_of=CUT),
             statistics.by_proposer_type(p, as_of=CUT), list(statistics.case_rows(p, as_of=CUT)),
             [(a.pk, a.days_overdue) for a in statistics.overdue_assignments(scenario.w.committee, as_of=CUT)])
    assert after == before
    # The B → A correction came later: the cut-off keeps B (as the selector says), a later cut-off sees A.
    w = scenario.w
    rows = {r["proposal_id"]: r for r in after[3]}
    assert rows[scenario.p[2].pk]["result_code"] == "B"
    assert reply_code_as_of(scenario.r2, timezone.make_aware(datetime.datetime(2025, 7, 15, 23))).code == "B"
    # The return accepted on 08-01 keeps 县财政局's assignment of p4 active, and overdue, at the cut-off.
    assert (scenario.a4.pk, 42) in after[4]
    later = statistics.overview(p, as_of=LATER)
    assert later.received == 16 and later.reviewing == 3  # p18
    assert (later.replied, later.adopted) == (4, 4)  # p5 replied A; p2 now A
    assert later.on_time == 3  # p5 replied on 08-10, before its extended due date 08-31
    assert later.overdue == 1  # p3 at 县卫健局; p4 now with 县教育局, due 11-01
    assert Assignment.objects.get(pk=scenario.a4.pk).active is False
    assert scenario.a4_new.unit_id == w.unit.pk


def test_a_cutoff_is_the_end_of_that_day_in_beijing(scenario):
    p = period(scenario)
    # p1's reply went out on 2025-04-01 at 10:00 Beijing: counted as of that day, not as of the day before.
    assert statistics.overview(p, as_of=D(2025, 3, 31)).replied == 0
    assert statistics.overview(p, as_of=D(2025, 4, 1)).replied == 1
    moment = timezone.make_aware(datetime.datetime(2025, 4, 1, 9, 59))
    assert statistics.overview(p, as_of=moment).replied == 0


def test_state_at_the_cutoff_comes_from_the_events(scenario):
    p = period(scenario)
    o = statistics.overview(p, as_of=D(2025, 2, 1))  # filed, nothing decided yet
    assert (o.received, o.reviewing, o.accepted, o.withdrawn) == (15, 15, 0, 0)
    assert str(o.acceptance_rate) == "0.0%" and str(o.reply_rate) == "—"
    assert statistics.overview(p, as_of=D(2025, 1, 9)).received == 0


def test_replied_agrees_with_the_selector(scenario):
    moment = timezone.make_aware(datetime.datetime(2025, 7, 15, 23, 59))
    rows = list(statistics.case_rows(period(scenario), as_of=CUT, cases_only=True))
    assert len(rows) == 7
    for row in rows:
        case = scenario.p[next(n for n, x in scenario.p.items() if x.pk == row["proposal_id"])]
        assert row["replied"] == case_is_replied(case, moment), row["title"]


# ---- breakdowns


def test_by_unit_counts_co_handling_and_overdue(scenario):
    w = scenario.w
    rows = {r.key: r for r in statistics.by_unit(period(scenario), as_of=CUT)}
    u1, u2, u3 = rows[w.unit.pk], rows[w.unit2.pk], rows[w.unit3.pk]
    assert u1.label == "县教育局"
    assert (u1.assignments, u1.single, u1.lead, u1.co, u1.replied, u1.on_time, u1.overdue, u1.rehandling) == (4, 3, 1, 0, 3, 2, 0, 1)
    assert str(u1.reply_rate) == "75.0%" and str(u1.on_time_rate) == "50.0%"
    assert (u1.satisfied, u1.basic, u1.unsatisfied, u1.no_response, u1.evaluated) == (2, 1, 1, 0, 4)
    # 县财政局: the co-handling opinion of p2 counts as its reply here; p4 is overdue.
    assert (u2.assignments, u2.co, u2.split, u2.single, u2.replied, u2.on_time, u2.overdue) == (3, 1, 1, 1, 2, 2, 1)
    assert str(u2.reply_rate) == "66.7%"
    assert (u2.no_response, u2.evaluated, str(u2.satisfaction_rate)) == (1, 0, "—")
    assert (u3.assignments, u3.replied, u3.overdue, str(u3.reply_rate)) == (1, 0, 1, "0.0%")


def test_by_proposer_type_category_sector_party(scenario):
    w = scenario.w
    p = period(scenario)
    types = statistics.by_proposer_type(p, as_of=CUT)
    assert [r.key for r in types] == ["member", "party", "sector", "special_committee"]
    assert [(r.received, r.accepted, r.replied) for r in types] == [(14, 6, 3), (1, 1, 0), (0, 0, 0), (0, 0, 0)]
    assert sum(r.received for r in types) == 15
    (category,) = statistics.by_category(p, as_of=CUT)
    assert (category.label, category.received, category.accepted, str(category.acceptance_rate)) == ("经济", 15, 7, "46.7%")
    # Every member here is 教育界 / 民盟 at filing; p17 is the party's own proposal.
    sectors = statistics.by_sector(p, as_of=CUT)
    assert [(r.key, r.received) for r in sectors] == [(w.sector.pk, 14), (None, 1)]
    parties = statistics.by_party(p, as_of=CUT)
    assert [(r.key, r.label, r.received, r.accepted) for r in parties] == [(w.party.pk, "民盟", 15, 7)]


def test_sector_is_the_first_signers_at_filing(world):
    """A member who moves sector later keeps old proposals in the old column."""
    from proposals.models import Signer

    other = factories.sector(world.committee, "经济界")
    p = world.submitted(title="界别")
    membership = world.proposer.memberships.get()
    membership.sector = other
    membership.save()
    rows = statistics.by_sector(Period.of_session(world.session))
    assert [(r.key, r.received) for r in rows] == [(world.sector.pk, 1)]
    assert Signer.objects.get(proposal=p).sector_id == world.sector.pk


def test_case_rows(scenario):
    w = scenario.w
    rows = {r["proposal_id"]: r for r in statistics.case_rows(period(scenario), as_of=CUT)}
    assert len(rows) == 15  # every received proposal; drafts and later filings are not there
    r2 = rows[scenario.p[2].pk]
    assert r2["proposers"] == "王芳、赵强" and r2["category"] == "经济" and r2["is_case"] and r2["replied"]
    assert r2["case_number"] == scenario.p[2].case_number != ""
    assert r2["units"] == f"县教育局（{Assignment.Role.LEAD.label}）、县财政局（{Assignment.Role.CO.label}）"
    assert (r2["result_code"], r2["adopted"], r2["basic"]) == ("B", False, 1)
    r3 = rows[scenario.p[3].pk]
    assert (r3["replied"], r3["result_code"], r3["no_response"], r3["evaluation"]) == (False, "", 1, str(statistics.RATING_LABELS["no_response"]))
    r16 = rows[scenario.p[16].pk]
    assert (r16["on_time"], r16["unsatisfied"]) == (False, 1)
    assert len(r16["unit_list"]) == 2  # round 1 and its re-handling
    r17 = rows[scenario.p[17].pk]
    assert (r17["proposers"], r17["replied"], r17["units"]) == ("民盟", False, "")
    assert rows[scenario.p[12].pk]["outcome_key"] == "reviewing"
    assert rows[scenario.p[6].pk]["case_number"] == "" and rows[scenario.p[6].pk]["outcome_key"] == "merged"
    assert scenario.p[14].pk not in rows and scenario.p[15].pk not in rows
    assert r2["proposer_type"] == ProposerType.JOINT.label and r2["submitted"] == D(2025, 1, 10)
    assert w.committee.pk == scenario.session.committee_id


def test_overdue_assignments(scenario):
    rows = list(statistics.overdue_assignments(scenario.w.committee, as_of=CUT))
    # Both 42 days overdue; the longest first, then by unit code (县财政局 before 县卫健局).
    assert [(a.pk, a.due_at, a.days_overdue) for a in rows] == [
        (scenario.a4.pk, D(2025, 6, 3), 42), (scenario.a3_u3.pk, D(2025, 6, 3), 42),
    ]
    # Before its extension the reply of p5 was due 06-03; the extension was granted on 05-20, so at 06-10 it is not overdue.
    ids = [a.pk for a in statistics.overdue_assignments(scenario.w.committee, as_of=D(2025, 6, 10))]
    assert scenario.a5.pk not in ids and scenario.a16.pk not in ids and scenario.a3_u3.pk in ids
    # The co-handling opinion of p2 (due 04-02) went out 03-20; nothing is overdue on 04-03 then.
    assert list(statistics.overdue_assignments(scenario.w.committee, as_of=D(2025, 4, 3))) == []


def test_extension_granted_after_the_cutoff_does_not_count(world):
    p, (a,) = world.assigned()
    due = a.due_date
    day_after_due = due + datetime.timedelta(days=1)
    with at(world.today + datetime.timedelta(days=2)):
        services.assignment_extend(assignment=a, actor=world.secretariat, new_due=due + datetime.timedelta(days=30), reason="复杂")
    # Standing at the day after the original due date, with the extension dated (in the future) after it.
    from proposals.models import Extension
    Extension.objects.filter(assignment=a).update(at=timezone.make_aware(datetime.datetime.combine(day_after_due, datetime.time(12))))
    moment_before = timezone.make_aware(datetime.datetime.combine(day_after_due, datetime.time(11)))
    rows = list(statistics.overdue_assignments(world.committee, as_of=moment_before))
    assert [(r.pk, r.due_at, r.days_overdue) for r in rows] == [(a.pk, due, 1)]
    assert list(statistics.overdue_assignments(world.committee, as_of=day_after_due)) == []
    assert p


# ---- satisfaction, 未表态 and re-handling


def test_no_response_counts_satisfied_by_setting(scenario):
    ProposalSettings.objects.filter(committee=scenario.w.committee).update(no_response_counts_satisfied=True)
    o = statistics.overview(period(scenario), as_of=CUT)
    assert (o.satisfied, o.basic, o.unsatisfied, o.no_response, o.evaluated) == (3, 1, 1, 1, 5)
    assert (str(o.satisfaction_rate), str(o.satisfied_or_basic_rate)) == ("60.0%", "80.0%")


def test_every_signer_rates_by_setting(scenario):
    """With every signer asked, p2's co-signer 赵强 is an expected evaluation too: 未表态 after the limit."""
    ProposalSettings.objects.filter(committee=scenario.w.committee).update(evaluators="all")
    o = statistics.overview(period(scenario), as_of=CUT)
    assert (o.no_response, o.evaluated) == (2, 4)


def test_pending_then_no_response(scenario):
    p = period(scenario)
    # On 05-20 the C reply of p3 (05-15) is awaited, within the 30 days.
    o = statistics.overview(p, as_of=D(2025, 5, 20))
    assert (o.pending_evaluations, o.no_response) == (1, 0)
    due = list(statistics.evaluations_due(scenario.w.committee, as_of=D(2025, 5, 20)))
    assert [(r.pk, r.missing, r.past_limit) for r in due] == [(scenario.r3.pk, 1, False)]
    # The limit ends 06-14: on 06-14 still pending, on 06-15 未表态.
    assert statistics.overview(p, as_of=D(2025, 6, 14)).no_response == 0
    assert statistics.overview(p, as_of=D(2025, 6, 15)).no_response == 1
    due = list(statistics.evaluations_due(scenario.w.committee, as_of=CUT))
    assert [(r.pk, r.past_limit) for r in due] == [(scenario.r3.pk, True)]


def test_rehandling_round_replaces_the_first_rating_once_rated(scenario):
    w = scenario.w
    second = Assignment.objects.get(proposal=scenario.p[16], round=2)
    assert second.previous_id == scenario.a16.pk
    with at(D(2025, 7, 20)):
        r = w.sent_reply(second, code="A")
    with at(D(2025, 7, 25)):
        services.evaluation_submit(reply=r, actor=w.proposer.user, overall="satisfied")
    p = period(scenario)
    sent = statistics.overview(p, as_of=D(2025, 7, 22))  # round 2 sent, not rated: the 不满意 still stands
    assert (sent.satisfied, sent.unsatisfied, sent.rehandling_replied, sent.pending_evaluations) == (2, 1, 1, 1)
    rated = statistics.overview(p, as_of=D(2025, 7, 26))
    assert (rated.satisfied, rated.unsatisfied, rated.evaluated) == (3, 0, 4)
    assert (rated.rehandled, rated.rehandling_replied, rated.rehandling_satisfied) == (1, 1, 1)
    # Round 2 does not change the case's 办复 (first round) figures.
    assert (rated.replied, rated.on_time) == (3, 2)


def test_adoption_in_plan_and_split_code(scenario):
    w = scenario.w
    ProposalSettings.objects.filter(committee=w.committee).update(adoption_counts_in_plan=True)
    o = statistics.overview(period(scenario), as_of=CUT)
    assert (o.adopted, str(o.adoption_rate), o.adoption_counts_in_plan) == (3, "100%", True)


def test_split_case_code_best_or_worst(world):
    p, (a, b) = world.assigned(units=[(world.unit, "split"), (world.unit2, "split")])
    world.sent_reply(a, code="A")
    world.sent_reply(b, code="C")
    per = Period.of_session(world.session)
    (row,) = statistics.case_rows(per)
    assert (row["result_code"], row["adopted"]) == ("A", True)
    ProposalSettings.objects.filter(committee=world.committee).update(split_case_code="worst")
    (row,) = statistics.case_rows(per)
    assert (row["result_code"], row["adopted"]) == ("C", False)
    assert statistics.overview(per).adopted == 0 and p


def test_returned_and_reassigned_assignment_drops_out(world):
    p, (a,) = world.assigned()
    services.assignment_request_return(assignment=a, actor=world.liaison, reason="非本单位职责")
    new = services.assignment_decide_return(assignment=a, actor=world.secretariat, accept=True, new_unit=world.unit2)
    world.sent_reply(new, code="A")
    o = statistics.overview(Period.of_session(world.session))
    assert (o.replied, o.assignments) == (1, 1)
    rows = {r.key: r for r in statistics.by_unit(Period.of_session(world.session))}
    assert set(rows) == {world.unit2.pk} and p


# ---- periods


def test_year_counts_plenary_by_session_and_between_by_filing_date(world):
    w = world
    s25 = Session.objects.create(committee=w.committee, term=w.term, number=5, plenary_start=D(2025, 2, 25),
                                 plenary_end=D(2025, 2, 28), filing_opens=D(2025, 1, 1), filing_deadline=D(2025, 2, 20))
    s26 = Session.objects.create(committee=w.committee, term=w.term, number=6, plenary_start=D(2026, 1, 10),
                                 plenary_end=D(2026, 1, 12), filing_opens=D(2025, 12, 1), filing_deadline=D(2026, 1, 5))
    with at(D(2025, 1, 10)):
        w.submitted(session=s25, title="25年大会")
    with at(D(2025, 12, 15)):
        w.submitted(session=s26, title="26年大会，25年提交")
    with at(D(2025, 12, 31), hour=20):  # 12:00 UTC, still 2025 in Beijing
        w.submitted(session=s25, kind=Kind.BETWEEN, title="25年平时")
    with at(D(2026, 1, 1), hour=1):  # 2025-12-31 17:00 UTC, already 2026 in Beijing
        w.submitted(session=s25, kind=Kind.BETWEEN, title="26年平时")

    def titles(year):
        return sorted(r["title"] for r in statistics.case_rows(Period.of_year(w.committee, year)))

    assert titles(2025) == ["25年大会", "25年平时"]
    assert titles(2026) == ["26年大会，25年提交", "26年平时"]
    assert statistics.overview(Period.of_year(w.committee, 2025)).received == 2
    assert sorted(r["title"] for r in statistics.case_rows(Period.of_session(s25))) == ["25年大会", "25年平时", "26年平时"]
    ProposalSettings.objects.filter(committee=w.committee).update(year_counting="submitted")
    assert titles(2025) == ["25年大会", "25年平时", "26年大会，25年提交"]
    assert titles(2026) == ["26年平时"]


def test_participation_counts_each_person_once(world):
    w = world
    w.submitted(joint=True, cosigners=[w.cosigner])
    w.submitted(joint=True, cosigners=[w.cosigner])  # the same two people again
    invited = w.draft(title="邀请未确认")
    services.proposal_invite_cosigners(proposal=invited, actor=w.proposer.user, members=[w.cosigner2])
    o = statistics.overview(Period.of_session(w.session))
    assert (o.participants, o.members, str(o.participation_rate)) == (2, 3, "66.7%")
    assert o.received == 2  # the draft was never filed


# ---- the rounding rule and the query counts


def _bulk_replied_cases(world, n_replied, n_open):
    """Accepted cases through the services; `n_replied` of them replied."""
    for i in range(n_replied + n_open):
        _p, (a,) = world.assigned(title=f"案{i}")
        if i < n_replied:
            world.sent_reply(a, code="A")


def test_reply_rate_79_of_80_is_98_8(world):
    _bulk_replied_cases(world, 79, 1)
    o = statistics.overview(Period.of_session(world.session))
    assert (o.accepted, o.replied) == (80, 79)
    assert str(o.reply_rate) == "98.8%" and o.reply_rate.fraction == pytest.approx(0.988)


def _queries(fn):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", ["overview", "by_unit", "by_proposer_type", "by_category", "by_sector", "by_party", "case_rows"])
def test_query_counts_do_not_grow(world, django_assert_num_queries, name):
    per = Period.of_session(world.session)

    def run():
        result = getattr(statistics, name)(per)
        return list(result) if name == "case_rows" else result

    _bulk_replied_cases(world, 2, 1)
    small = _queries(run)
    _bulk_replied_cases(world, 8, 4)
    assert _queries(run) == small
    # overview: 8, one of them finding the next session, where the period ends (who serves in it: members.selectors.serving)
    expected = {"overview": 8, "by_unit": 3, "case_rows": 6}
    if name in expected:
        with django_assert_num_queries(expected[name]):
            run()
    else:
        with django_assert_num_queries(2):  # the settings, then the one grouped query
            run()


def test_period_must_be_one_session_or_one_year(world):
    with pytest.raises(ValueError):
        Period(committee=world.committee)
    with pytest.raises(ValueError):
        Period(committee=world.committee, session=world.session, year=2025)
