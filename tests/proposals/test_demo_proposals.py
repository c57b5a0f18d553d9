"""The proposals of `manage.py load_demo`: 九届五次 as the seed reports it, and the current session in every state.

The demo is loaded once for the module inside a transaction rolled back after the last test (as
tests/test_demo.py does), so other modules never see it.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from members.demo.data import COMMITTEE
from members.models import Committee, Session
from proposals import statistics
from proposals.demo.history import reply_moment
from proposals.models import Assignment, Evaluation, Proposal, ProposalEvent, Publication, Reply, Signer
from proposals.selectors import case_is_replied
from proposals.workflow import AssignmentStatus, ReplyStatus, Status


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            out = io.StringIO()
            call_command("load_demo", stdout=out)
            yield out.getvalue()
            transaction.set_rollback(True)


@pytest.fixture
def committee(demo, db):
    return Committee.objects.get(name=COMMITTEE["name"])


def session(committee, term, number):
    return Session.objects.get(committee=committee, term__number=term, number=number)


def test_ninth_fifth_session_is_the_seed_101_80_21_all_replied(committee):
    s = session(committee, 9, 5)
    proposals = Proposal.objects.filter(session=s)
    assert proposals.count() == 101
    assert proposals.filter(status=Status.ACCEPTED).count() == 80
    assert proposals.filter(status=Status.CONVERTED_OPINION).count() == 21
    assert proposals.filter(title="关于加快我县茶叶产业发展的提案").count() == 1
    assert proposals.filter(recorded_on_behalf=True, paper_scan__isnull=False).count() == 101  # 代录 from paper
    assert proposals.filter(proposer_type="joint").exists() and proposals.exclude(proposer_type__in=["individual", "joint"]).count() == 3
    now = timezone.now()
    cases = list(proposals.filter(status=Status.ACCEPTED))
    assert all(case_is_replied(case, now) for case in cases)
    for case in cases:  # every date of the session is in 2007 (filing from December 2006)
        events = case.events.exclude(action="import").values_list("at", flat=True)
        assert all(datetime.date(2006, 12, 1) <= timezone.localtime(at).date() <= datetime.date(2007, 12, 31) for at in events)
    roles = set(Assignment.objects.filter(proposal__session=s).values_list("role", flat=True))
    assert roles == {"single", "lead", "co", "split"}
    assert Evaluation.objects.filter(reply__assignment__proposal__session=s).exclude(
        overall__in=["satisfied", "basic"]).count() == 0
    assert Evaluation.objects.filter(reply__assignment__proposal__session=s).count() == Reply.objects.filter(
        assignment__proposal__session=s, status=ReplyStatus.SENT).count()


def test_cut_off_between_the_79th_and_80th_reply(committee):
    s = session(committee, 9, 5)
    cases = list(Proposal.objects.filter(session=s, status=Status.ACCEPTED).order_by("case_seq"))
    moments = sorted(max(r.sent_at for r in Reply.objects.filter(assignment__proposal=c, status="sent")) for c in cases)
    assert len(set(moments)) == 80 and moments[78] < moments[79]
    assert moments[79] == reply_moment(79) and timezone.localtime(moments[79]).date() == datetime.date(2007, 4, 28)
    between = moments[78] + (moments[79] - moments[78]) / 2
    assert sum(case_is_replied(c, between) for c in cases) == 79


def test_year_2007_holds_exactly_the_ninth_fifth_session(committee):
    assert not Proposal.objects.filter(session=session(committee, 10, 1)).exists()
    in_2007 = Proposal.objects.filter(committee=committee, submitted_at__year=2007)
    assert set(in_2007.values_list("session__number", "session__term__number").distinct()) == {(5, 9)}
    december_2006 = Proposal.objects.filter(committee=committee, submitted_at__lt=datetime.datetime(2007, 1, 1, tzinfo=datetime.timezone.utc))
    assert set(december_2006.values_list("session__term__number", flat=True).distinct()) <= {9}


def test_the_current_session_shows_every_state(committee):
    current = Session.objects.filter(committee=committee).order_by("-plenary_start").first()
    proposals = Proposal.objects.filter(session=current)
    statuses = set(proposals.values_list("status", flat=True))
    assert {Status.DRAFT, Status.SUBMITTED, Status.UNDER_REVIEW, Status.RETURNED, Status.ACCEPTED} <= statuses
    assert proposals.filter(recorded_on_behalf=True).count() >= 10  # 代录
    assert Signer.objects.filter(proposal__session=current, status=Signer.State.INVITED).exists()  # co-signing pending
    assignments = Assignment.objects.filter(proposal__session=current)
    assert assignments.filter(status=AssignmentStatus.ASSIGNED, active=True, round=1).exists()
    assert assignments.filter(status=AssignmentStatus.SIGNED).exists()
    assert assignments.filter(status=AssignmentStatus.RETURN_REQUESTED).exists()
    assert assignments.filter(status=AssignmentStatus.RETURNED, active=False).exists()
    assert assignments.filter(previous__status=AssignmentStatus.RETURNED, round=1).exists()  # reassigned
    assert assignments.filter(round=2, previous__replies__evaluations__overall="unsatisfied").exists()  # re-handling
    today = timezone.localdate()
    overdue = assignments.filter(active=True, due_date__lt=today).exclude(status=AssignmentStatus.REPLIED)
    assert overdue.filter(role="co").exists() and overdue.exclude(role="co").exists()
    replies = Reply.objects.filter(assignment__proposal__session=current)
    assert replies.filter(status=ReplyStatus.AWAITING_SIGNATURE, assignment__unit__code="101").exists()
    assert replies.filter(status=ReplyStatus.SENT, signed_by__username="unit_leader").exists()  # signed in the system
    assert replies.filter(status=ReplyStatus.SENT, sealed_scan__isnull=False).exists()  # on paper
    assert replies.filter(status=ReplyStatus.SENT, evaluations__isnull=True).exists()  # evaluations not yet returned
    assert Publication.objects.filter(proposal__session=current, withdrawn_at__isnull=True).count() == 2
    assert ProposalEvent.objects.filter(proposal__session=current, action="publish").count() == 2
    # The demo accounts take part.
    member_own = proposals.filter(signers__member__user__username="member")
    assert {Status.DRAFT, Status.ACCEPTED} <= set(member_own.values_list("status", flat=True))
    assert proposals.filter(party__name="民盟", proposer_type="party").exists()


@pytest.mark.skipif(not hasattr(statistics, "overview"), reason="proposals.statistics.overview is not written yet")
def test_statistics_of_the_session_say_what_the_seed_says(committee):
    from members.periods import Period

    period = Period.of_session(session(committee, 9, 5))
    figures = statistics.overview(period)
    assert (figures.received, figures.accepted, figures.converted_opinion) == (101, 80, 21)
    assert str(figures.reply_rate) == "100%"
    before_last = timezone.localtime(reply_moment(79)).date() - datetime.timedelta(days=1)
    assert str(statistics.overview(period, as_of=before_last).reply_rate) == "98.8%"
    assert statistics.overview(Period.of_year(committee, 2007)).received == 101


def test_the_tea_case_of_2007_is_found_on_the_public_pages(committee, client):
    from proposals.public import index_page

    page = index_page()
    html = client.get(page.url, {"q": "茶叶"}).content.decode()
    assert "关于加快我县茶叶产业发展的提案" in html
    published = Publication.objects.filter(proposal__session=session(committee, 9, 5), withdrawn_at__isnull=True)
    assert published.filter(proposal__title="关于加快我县茶叶产业发展的提案").exists()
    assert all(timezone.localtime(p.published_at).year == 2007 for p in published)
