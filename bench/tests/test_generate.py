"""The generator at its tiny scale: the outcome identity, every state reached through the services,
the overdue case, and the same data for the same seed.

Not under tests/ (bench/ is its own piece): run with
    .venv/bin/python -m pytest -q -p no:cacheprovider bench/tests/
"""

import pytest
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery

from bench.generate import Generator, outcome_counts
from members.periods import Period
from proposals import statistics
from proposals.models import Assignment, Evaluation, Proposal, ProposalEvent, Reply
from proposals.statistics import PROPOSAL_STATE_ACTIONS


def fingerprint(committee):
    return [
        (p.receipt_number, p.title, p.status, p.case_number, p.n, len(p.situation))
        for p in Proposal.objects.filter(committee=committee).annotate(n=Count("assignments")).order_by("receipt_seq")
    ]


class Rollback(Exception):
    pass


@pytest.mark.django_db
def test_tiny_scale_through_the_services():
    # The same seed gives the same data: generated once inside a transaction that is rolled back, then again.
    with pytest.raises(Rollback):
        with transaction.atomic():
            w, _plans, _seconds = Generator("tiny", seed=7, notices=False).run()
            first = fingerprint(w.committee)
            raise Rollback
    w, plans, _seconds = Generator("tiny", seed=7, notices=False).run()
    assert fingerprint(w.committee) == first
    assert len(first) == 24

    # National proportions: 24 received = 20 accepted + 1 merged + 3 converted.
    assert outcome_counts(24) == {"accept": 20, "merge": 1, "convert": 3}
    assert outcome_counts(5898) == {"accept": 5006, "merge": 160, "convert": 732}
    o = statistics.overview(Period.of_session(w.session))
    assert (o.received, o.accepted, o.merged, o.converted) == (24, 20, 1, 3)
    assert o.rejected == o.withdrawn == o.reviewing == 0

    # One case (max(1, 0.1%)) is never fully replied: 19 of 20, and its open assignment is overdue.
    assert o.replied == 19
    overdue = list(statistics.overdue_assignments(w.committee))
    assert len(overdue) == 1 and overdue[0].proposal.status == "accepted"
    assert not overdue[0].replies.filter(sent_at__isnull=False).exists()

    # Every status was reached through a service: it is the target of the proposal's last state event.
    last = ProposalEvent.objects.filter(proposal=OuterRef("pk"), action__in=PROPOSAL_STATE_ACTIONS).order_by("-at", "-pk")
    proposals = Proposal.objects.filter(committee=w.committee).annotate(last=Subquery(last.values("to_status")[:1]))
    assert [(p.pk, p.status, p.last) for p in proposals if p.last != p.status] == []

    # Cases are assigned (at least one primary unit each), replies carry letters or sealed scans,
    # and events are dated around the session (2024-12 .. 2026), not today.
    cases = Proposal.objects.filter(committee=w.committee, status="accepted")
    assert all(Assignment.objects.filter(proposal=c, round=1, role__in=["single", "lead", "split"]).exists() for c in cases)
    sent = Reply.objects.filter(assignment__proposal__committee=w.committee, sent_at__isnull=False)
    assert sent.count() >= 19 and all(r.letter_id or r.sealed_scan_id for r in sent)
    assert Evaluation.objects.filter(reply__in=sent).count() >= 15
    years = {e.at.year for e in ProposalEvent.objects.filter(proposal__committee=w.committee)}
    assert years <= {2024, 2025, 2026} and 2025 in years
