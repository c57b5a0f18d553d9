"""Receipt numbers at submission and case numbers at acceptance: per session, sequential, gap-free."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from proposals import services
from proposals.errors import TransitionError
from proposals.models import Counter, Proposal
from proposals.workflow import Status


def test_receipt_numbers_follow_submission_order_in_the_settings_format(world):
    first, second, third = (world.submitted(title=f"提案{i}") for i in range(3))
    assert [p.receipt_seq for p in (first, second, third)] == [1, 2, 3]
    assert first.receipt_number == "十届一次收字第0001号"
    world.settings.receipt_number_format = "{year}-S{seq:03d}"
    world.settings.save()
    fourth = world.submitted(title="提案4")
    assert fourth.receipt_number == f"{world.session.plenary_start.year}-S004"


def test_a_refused_submission_gives_its_number_back(world):
    world.submitted(title="甲")
    incomplete = world.draft(title="乙", suggestions="")
    with pytest.raises(ValidationError):
        services.proposal_submit(proposal=incomplete, actor=world.proposer.user)
    later = world.submitted(title="丙")
    assert later.receipt_seq == 2  # no gap where the refused one would have been
    assert Counter.objects.get(session=world.session, series="receipt").value == 2


def test_case_numbers_in_the_sessions_format_and_separate_from_receipts(world):
    rejected = world.submitted(title="不立案的")
    services.proposal_reject(proposal=rejected, actor=world.reviewer, reject_reason=world.reject_reason())
    a = world.accepted(title="甲")
    b = world.accepted(title="乙")
    assert (a.case_seq, a.case_number) == (1, "十届一次第0001号")
    assert (b.case_seq, b.case_number) == (2, "十届一次第0002号")
    assert (a.receipt_seq, b.receipt_seq) == (2, 3)
    assert rejected.case_number == ""


def test_case_number_format_is_the_sessions(world):
    world.session.case_number_format = "{term}-{session}-{seq:04d}"
    world.session.save()
    assert world.accepted().case_number == "10-1-0001"


def test_each_session_counts_from_one(world):
    world.accepted(title="一次会议的")
    second_session = world.make_session(number=2)
    p = world.accepted(title="二次会议的", session=second_session)
    assert p.case_number == "十届二次第0001号" and p.receipt_seq == 1


def test_batch_numbering_after_the_review_meeting_follows_acceptance_order(world):
    early = world.accepted(title="先立案的")  # numbered at once: 1
    b, a, c = (world.submitted(title=t) for t in ("乙", "甲", "丙"))
    for p in (a, b, c):  # accepted in this order, numbered later
        services.proposal_accept(proposal=p, actor=world.reviewer, assign_number=False)
    assert Proposal.objects.filter(status=Status.ACCEPTED, case_seq__isnull=True).count() == 3
    numbered = services.proposal_number_batch(session=world.session, actor=world.secretariat)
    assert [p.title for p in numbered] == ["甲", "乙", "丙"]
    assert [p.case_number for p in numbered] == ["十届一次第0002号", "十届一次第0003号", "十届一次第0004号"]
    assert early.case_seq == 1
    assert all(p.events.filter(action="number").count() == 1 for p in numbered)
    assert services.proposal_number_batch(session=world.session, actor=world.secretariat) == []


def test_a_numbered_case_keeps_its_number(world):
    p = world.accepted()
    with pytest.raises(TransitionError):
        services.proposal_number(proposal=p, actor=world.secretariat)


def test_only_the_secretariat_numbers(world):
    p = world.accepted(assign_number=False)
    with pytest.raises(PermissionDenied):
        services.proposal_number(proposal=p, actor=world.reviewer)


def test_merged_and_converted_proposals_take_no_case_number(world):
    case = world.accepted(title="主案")
    merged = services.proposal_merge(proposal=world.submitted(title="同题"), actor=world.reviewer, into=case)
    converted = services.proposal_convert(proposal=world.submitted(title="转来信"), actor=world.reviewer, to="letter")
    assert merged.case_number == converted.case_number == ""
    assert world.accepted(title="下一个").case_seq == 2


def test_the_database_refuses_a_second_case_with_the_same_number(world):
    p = world.accepted()
    other = world.submitted(title="另一件")
    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.filter(pk=other.pk).update(case_seq=p.case_seq, case_number=p.case_number)


def test_numbering_refuses_to_run_outside_a_transaction(world, monkeypatch):
    from proposals.services import numbering

    class Autocommit:
        in_atomic_block = False

    class Transaction:
        get_connection = staticmethod(lambda: Autocommit())

    monkeypatch.setattr(numbering, "transaction", Transaction)
    with pytest.raises(RuntimeError):
        numbering.next_value(session=world.session, series="case")
