"""In-site notices: queued on commit by the services, one per person, never undoing a saved step."""

import pytest
from django.core.exceptions import PermissionDenied

from cppcc import inbox
from cppcc.models import Message
from proposals import services
from proposals.models import Proposal

Kind = Message.Kind


def _inbox(user, kind=None):
    messages = Message.objects.filter(recipient=user)
    return list(messages.filter(kind=kind) if kind else messages)


def test_notices_are_written_only_when_the_step_commits(world, django_capture_on_commit_callbacks):
    p = world.draft()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.proposal_invite_cosigners(proposal=p, actor=world.proposer.user, members=[world.cosigner])
    assert len(callbacks) == 1 and Message.objects.count() == 0
    callbacks[0]()
    (message,) = _inbox(world.cosigner.user, Kind.COSIGN_INVITATION)
    assert p.title in message.title and message.source == p and message.read_at is None


def test_a_refused_step_queues_nothing(world, django_capture_on_commit_callbacks):
    p = world.submitted()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(PermissionDenied):
            services.proposal_accept(proposal=p, actor=world.liaison)
    assert callbacks == [] and Message.objects.count() == 0


def test_the_review_outcome_reaches_every_signer_with_the_reason(world, django_capture_on_commit_callbacks):
    p = world.submitted(joint=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_reject(proposal=p, actor=world.reviewer, reject_reason=world.reject_reason(), reason="请补充")
    for member in (world.proposer, world.cosigner):
        (message,) = _inbox(member.user, Kind.REVIEW_OUTCOME)
        assert "请补充" in message.body and p.title in message.title
    assert _inbox(world.cosigner2.user) == []


def test_a_collective_account_hears_of_its_proposals_outcome(world, django_capture_on_commit_callbacks):
    account = world.collective_account()
    p = services.proposal_create_draft(actor=account, session=world.session, organisation=world.party, title="民盟提案",
                                       category=world.category, situation="a", suggestions="b")
    services.proposal_submit(proposal=p, actor=account)
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_accept(proposal=p, actor=world.reviewer)
    assert len(_inbox(account, Kind.REVIEW_OUTCOME)) == 1


def test_a_unit_hears_of_its_assignment_and_of_the_return_decision(world, django_capture_on_commit_callbacks):
    p = world.accepted()
    with django_capture_on_commit_callbacks(execute=True):
        (a,) = services.assignment_create(proposal=p, actor=world.secretariat, units=[(world.unit, "single")])
    assert len(_inbox(world.liaison, Kind.ASSIGNMENT)) == 1 and len(_inbox(world.leader, Kind.ASSIGNMENT)) == 1
    assert _inbox(world.liaison2) == []
    services.assignment_request_return(assignment=a, actor=world.liaison, reason="不属本单位职责")
    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_decide_return(assignment=a, actor=world.secretariat, accept=True, reason="同意", new_unit=world.unit2)
    assert len(_inbox(world.liaison, Kind.RETURN_DECISION)) == 1
    assert len(_inbox(world.liaison2, Kind.ASSIGNMENT)) == 1  # the new unit hears of it


def test_a_sent_reply_reaches_the_signers_and_asks_the_evaluators(world, django_capture_on_commit_callbacks):
    case, (a,) = world.assigned(joint=True)
    other = world.member("孙丽")
    merged = services.proposal_submit(proposal=world.draft(proposer=other, title="同题"), actor=other.user)
    services.proposal_merge(proposal=merged, actor=world.reviewer, into=case)
    with django_capture_on_commit_callbacks(execute=True):
        reply = world.sent_reply(a)
    for user in (world.proposer.user, world.cosigner.user, other.user):
        (message,) = _inbox(user, Kind.REPLY_SENT)
        assert message.source == reply
    # By default the first proposer of the case and of the merged proposal rate it, not the co-signer.
    assert len(_inbox(world.proposer.user, Kind.EVALUATION_REQUESTED)) == 1
    assert len(_inbox(other.user, Kind.EVALUATION_REQUESTED)) == 1
    assert _inbox(world.cosigner.user, Kind.EVALUATION_REQUESTED) == []


def test_re_handling_is_announced_to_the_unit_and_the_proposer(world, django_capture_on_commit_callbacks):
    _p, (a,) = world.assigned()
    reply = world.sent_reply(a)
    with django_capture_on_commit_callbacks(execute=True):
        services.evaluation_submit(reply=reply, actor=world.proposer.user, overall="unsatisfied")
    assert len(_inbox(world.leader, Kind.REHANDLING_OPENED)) == 1
    assert len(_inbox(world.proposer.user, Kind.REHANDLING_OPENED)) == 1


def test_a_failing_notice_never_undoes_the_step(world, django_capture_on_commit_callbacks, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("inbox down")

    monkeypatch.setattr(inbox, "notify", broken)
    p = world.submitted()
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_accept(proposal=p, actor=world.reviewer)
    assert Proposal.objects.get(pk=p.pk).status == "accepted"


def test_unread_count_and_mark_read(world):
    user = world.proposer.user
    inbox.notify(users=[user, user, None], kind=Kind.GENERAL, title="通知一")
    inbox.notify(users=[user], kind=Kind.GENERAL, title="通知二")
    assert inbox.unread_count(user) == 2  # one message per person; no account, no message
    first = Message.objects.filter(recipient=user).order_by("pk").first()
    assert inbox.mark_read(user=user, ids=[first.pk]) == 1
    assert inbox.unread_count(user) == 1
    assert inbox.mark_read(user=world.cosigner.user) == 0 and inbox.unread_count(user) == 1
