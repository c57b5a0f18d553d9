"""On PostgreSQL, people acting at the same moment: gap-free case numbers, one reply per send."""

import threading
import time

import pytest
from django.db import connections

from proposals import services
from proposals.models import Proposal, Reply
from proposals.services import numbering
from tests.proposals.conftest import World

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
N = 20


def _at_once(calls):
    """Run the callables in threads released together by a barrier; return (results, errors)."""
    barrier = threading.Barrier(len(calls), timeout=30)
    results, errors = [], []

    def run(call):
        try:
            barrier.wait()
            results.append(call())
        except Exception as exc:  # collected for the assertions
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results, errors


def _accept_all(world, proposals):
    _results, errors = _at_once([
        (lambda p=p: services.proposal_accept(proposal=p, actor=world.reviewer)) for p in proposals
    ])
    seqs = sorted(Proposal.objects.filter(pk__in=[p.pk for p in proposals]).values_list("case_seq", flat=True),
                  key=lambda v: (v is None, v))
    return seqs, errors


@pytest.fixture
def world(committee, secretariat):
    return World(committee, secretariat)


def test_twenty_reviewers_accepting_at_once_get_twenty_gap_free_numbers(world):
    proposals = [world.submitted(title=f"关于第{i}件事的提案") for i in range(N)]
    seqs, errors = _accept_all(world, proposals)
    assert not errors, errors
    assert seqs == list(range(1, N + 1))
    numbers = set(Proposal.objects.filter(pk__in=[p.pk for p in proposals]).values_list("case_number", flat=True))
    assert len(numbers) == N


def test_the_same_race_without_the_lock_breaks_numbering(world, monkeypatch):
    """Proves the test above can fail: read-modify-write without FOR UPDATE hands out duplicates."""
    from proposals.models import Counter

    def unlocked_next_value(*, session, series):
        Counter.objects.get_or_create(committee_id=session.committee_id, session=session, series=series)
        counter = Counter.objects.get(committee_id=session.committee_id, session=session, series=series)
        time.sleep(0.05)  # everyone reads before anyone writes
        counter.value += 1
        counter.save(update_fields=["value"])
        return counter.value

    monkeypatch.setattr(numbering, "next_value", unlocked_next_value)
    proposals = [world.submitted(title=f"关于第{i}件事的提案") for i in range(N)]
    seqs, errors = _accept_all(world, proposals)
    assert errors or seqs != list(range(1, N + 1))


def test_two_simultaneous_sends_of_one_reply_send_it_once(world):
    _case, (assignment,) = world.assigned()
    reply = world.reply_draft(assignment)
    reply = services.reply_submit_for_signature(reply=reply, actor=world.liaison)
    leader = world.leader
    results, errors = _at_once([
        lambda: services.reply_sign_and_send(reply=Reply.objects.get(pk=reply.pk), actor=leader, document_number="教函1号"),
        lambda: services.reply_sign_and_send(reply=Reply.objects.get(pk=reply.pk), actor=leader, document_number="教函1号"),
    ])
    assert len(results) == 1 and len(errors) == 1, (results, errors)
    assert Reply.objects.filter(assignment=assignment, status="sent").count() == 1
