"""One table-driven walk over workflow.TRANSITIONS: every (state, action) pair of every subject.

Allowed pairs succeed, land in the table's target state and leave a dated event row; forbidden
pairs raise TransitionError and change nothing (state, events, history). Each pair runs on a fresh
subject brought to its state through the services, inside a savepoint rolled back afterwards.
"""

import datetime
from dataclasses import dataclass
from typing import Callable

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from proposals import services
from proposals.errors import TransitionError
from proposals.models import ProposalEvent, Signer
from proposals.workflow import (
    ASSIGNMENT, PROPOSAL, REPLY, TRANSITIONS, AssignmentStatus, ReplyStatus, Status, allowed_actions, target_of,
)

from .conftest import pdf


@dataclass
class Act:
    run: Callable  # (world, subject, arranged) -> None
    arrange: Callable = lambda w, s: None  # preparation that is not the action under test
    role: str = "single"  # assignment actions: which kind of assignment to build


def invited(w, p):
    return Signer.objects.create(proposal=p, member=w.cosigner2, position="cosigner", order=9, status="invited")


PROPOSAL_STATES = {
    Status.DRAFT: lambda w: w.draft(),
    Status.SUBMITTED: lambda w: w.submitted(),
    Status.UNDER_REVIEW: lambda w: services.proposal_review_stage(proposal=w.submitted(), actor=w.reviewer, stage="first"),
    Status.RETURNED: lambda w: services.proposal_return_for_revision(proposal=w.submitted(), actor=w.reviewer, reason="请补充数据"),
    Status.ACCEPTED: lambda w: w.accepted(assign_number=False),
    Status.MERGED: lambda w: services.proposal_merge(proposal=w.submitted(), actor=w.reviewer, into=w.accepted(title="主案")),
    Status.CONVERTED_OPINION: lambda w: services.proposal_convert(proposal=w.submitted(), actor=w.reviewer, to="opinion"),
    Status.CONVERTED_SOCIAL: lambda w: services.proposal_convert(proposal=w.submitted(), actor=w.reviewer, to="social"),
    Status.CONVERTED_LETTER: lambda w: services.proposal_convert(proposal=w.submitted(), actor=w.reviewer, to="letter"),
    Status.REJECTED: lambda w: services.proposal_reject(proposal=w.submitted(), actor=w.reviewer, reject_reason=w.reject_reason()),
    Status.WITHDRAWN: lambda w: services.proposal_withdraw(proposal=w.submitted(), actor=w.proposer.user),
}

PROPOSAL_ACTIONS = {
    "update_draft": Act(lambda w, p, a: services.proposal_update_draft(proposal=p, actor=w.proposer.user, title="新案由")),
    "invite_cosigners": Act(lambda w, p, a: services.proposal_invite_cosigners(proposal=p, actor=w.proposer.user, members=[w.cosigner2])),
    "uninvite_cosigner": Act(lambda w, p, a: services.proposal_uninvite_cosigner(proposal=p, actor=w.proposer.user, member=w.cosigner2), invited),
    "confirm_cosign": Act(lambda w, p, s: services.signer_confirm(signer=s, actor=w.cosigner2.user), invited),
    "decline_cosign": Act(lambda w, p, s: services.signer_decline(signer=s, actor=w.cosigner2.user), invited),
    "submit": Act(lambda w, p, a: services.proposal_submit(proposal=p, actor=w.proposer.user)),
    "resubmit": Act(lambda w, p, a: services.proposal_resubmit(proposal=p, actor=w.proposer.user)),
    "withdraw": Act(lambda w, p, a: services.proposal_withdraw(proposal=p, actor=w.proposer.user, reason="已解决")),
    "review_stage": Act(lambda w, p, a: services.proposal_review_stage(proposal=p, actor=w.reviewer, stage="second")),
    "return_for_revision": Act(lambda w, p, a: services.proposal_return_for_revision(proposal=p, actor=w.reviewer, reason="一事一案")),
    "accept": Act(lambda w, p, a: services.proposal_accept(proposal=p, actor=w.reviewer)),
    "merge": Act(lambda w, p, target: services.proposal_merge(proposal=p, actor=w.reviewer, into=target),
                 lambda w, p: w.accepted(title="主案")),
    "convert_opinion": Act(lambda w, p, a: services.proposal_convert(proposal=p, actor=w.reviewer, to="opinion")),
    "convert_social": Act(lambda w, p, a: services.proposal_convert(proposal=p, actor=w.reviewer, to="social")),
    "convert_letter": Act(lambda w, p, a: services.proposal_convert(proposal=p, actor=w.reviewer, to="letter")),
    "reject": Act(lambda w, p, a: services.proposal_reject(proposal=p, actor=w.reviewer, reject_reason=w.reject_reason(), reason="另见")),
    "number": Act(lambda w, p, a: services.proposal_number(proposal=p, actor=w.secretariat)),
    "assign": Act(lambda w, p, a: services.assignment_create(proposal=p, actor=w.secretariat, units=[(w.unit, "single")])),
}


def _assignment(w, role):
    units = [(w.unit, "single")] if role == "single" else [(w.unit2, "lead"), (w.unit, "co")]
    _p, created = w.assigned(units=units)
    return next(a for a in created if a.unit_id == w.unit.pk)


def _requested(w, role):
    return services.assignment_request_return(assignment=_assignment(w, role), actor=w.liaison, reason="不属本单位职责")


def _replied(w, role):
    a = _assignment(w, role)
    if role == "co":
        services.co_opinion_send(assignment=a, actor=w.liaison, text="会办意见")
    else:
        w.sent_reply(a)
    a.refresh_from_db()
    return a


ASSIGNMENT_STATES = {
    AssignmentStatus.ASSIGNED: _assignment,
    AssignmentStatus.SIGNED: lambda w, role: services.assignment_sign(assignment=_assignment(w, role), actor=w.liaison),
    AssignmentStatus.RETURN_REQUESTED: _requested,
    AssignmentStatus.RETURNED: lambda w, role: services.assignment_decide_return(assignment=_requested(w, role), actor=w.secretariat, accept=True),
    AssignmentStatus.REPLIED: _replied,
}

ASSIGNMENT_ACTIONS = {
    "sign": Act(lambda w, a, x: services.assignment_sign(assignment=a, actor=w.liaison)),
    "request_return": Act(lambda w, a, x: services.assignment_request_return(assignment=a, actor=w.liaison, reason="不属本单位职责")),
    "accept_return": Act(lambda w, a, x: services.assignment_decide_return(assignment=a, actor=w.secretariat, accept=True)),
    "refuse_return": Act(lambda w, a, x: services.assignment_decide_return(assignment=a, actor=w.secretariat, accept=False, reason="属本单位职责")),
    "extend": Act(lambda w, a, x: services.assignment_extend(assignment=a, actor=w.secretariat, new_due=a.due_date + datetime.timedelta(days=10), reason="情况复杂")),
    "send_co_opinion": Act(lambda w, a, x: services.co_opinion_send(assignment=a, actor=w.liaison, text="同意主办单位意见"), role="co"),
    "draft_reply": Act(lambda w, a, x: w.reply_draft(a)),
}


def _reply(w, state):
    _p, (a,) = w.assigned()
    reply = w.reply_draft(a, code="B")
    if state == ReplyStatus.DRAFT:
        return reply
    if state == ReplyStatus.AWAITING_SIGNATURE:
        return services.reply_submit_for_signature(reply=reply, actor=w.liaison)
    return services.reply_sign_and_send(reply=reply, actor=w.leader)


REPLY_ACTIONS = {
    "submit_for_signature": Act(lambda w, r, x: services.reply_submit_for_signature(reply=r, actor=w.liaison)),
    "send_back": Act(lambda w, r, x: services.reply_send_back(reply=r, actor=w.leader, reason="请补充第二点")),
    "sign_and_send": Act(lambda w, r, x: services.reply_sign_and_send(reply=r, actor=w.leader)),
    "send_paper_signed": Act(lambda w, r, x: services.reply_record_paper_signature_and_send(
        reply=r, actor=w.liaison, signer_name="张局长", document_number="教函〔2026〕8号", sealed_scan=pdf("答复函.pdf"))),
    "correct_code": Act(lambda w, r, x: services.reply_correct_code(reply=r, actor=w.secretariat, new_code=w.code("C"), reason="核实")),
    "complete_follow_up": Act(lambda w, r, x: services.follow_up_complete(reply=r, actor=w.liaison, note="已建成")),
    "evaluate": Act(lambda w, r, x: services.evaluation_submit(reply=r, actor=w.proposer.user, overall="satisfied")),
}

SUBJECTS = {
    PROPOSAL: (PROPOSAL_STATES, PROPOSAL_ACTIONS, Status),
    ASSIGNMENT: (ASSIGNMENT_STATES, ASSIGNMENT_ACTIONS, AssignmentStatus),
    REPLY: ({s: (lambda w, s=s: _reply(w, s)) for s in ReplyStatus}, REPLY_ACTIONS, ReplyStatus),
}


@pytest.mark.parametrize("subject", SUBJECTS)
def test_the_walk_covers_every_state_and_every_action_of_the_table(subject):
    states, actions, choices = SUBJECTS[subject]
    assert set(states) == set(choices)
    assert set(actions) == {k for k, t in TRANSITIONS.items() if t.subject == subject}


class Rollback(Exception):
    pass


def _build(world, subject, state, act):
    states = SUBJECTS[subject][0]
    if subject == ASSIGNMENT:
        return states[state](world, act.role)
    return states[state](world)


def _events(subject, obj):
    key = {PROPOSAL: "proposal", ASSIGNMENT: "assignment", REPLY: "reply"}[subject]
    return ProposalEvent.objects.filter(**{key: obj})


def _walk_one(world, subject, state, action, act):
    obj = _build(world, subject, state, act)
    obj.refresh_from_db()
    assert obj.status == state, f"builder for {state} landed in {obj.status}"
    arranged = act.arrange(world, obj)
    transition = TRANSITIONS[action]
    events_before, history_before = _events(subject, obj).count(), obj.history.count()
    if state in transition.sources:
        act.run(world, obj, arranged)
        obj.refresh_from_db()
        expected = target_of(transition, state)
        assert obj.status == expected, f"{action} from {state}: landed in {obj.status}, table says {expected}"
        event = _events(subject, obj).filter(action=action).order_by("pk").last()
        assert event is not None, f"{action} from {state} left no event"
        assert (event.from_status, event.to_status) == (state, expected)
        assert event.at is not None and event.actor_id is not None
    else:
        with pytest.raises(TransitionError):
            act.run(world, obj, arranged)
        obj.refresh_from_db()
        assert obj.status == state, f"forbidden {action} moved {state} to {obj.status}"
        assert _events(subject, obj).count() == events_before, f"forbidden {action} from {state} logged an event"
        assert obj.history.count() == history_before, f"forbidden {action} from {state} changed the record"


CASES = [
    (subject, state)
    for subject, (states, _actions, _choices) in SUBJECTS.items()
    for state in states
]


@pytest.mark.parametrize("subject,state", CASES, ids=[f"{s}:{st}" for s, st in CASES])
def test_every_action_from_this_state_does_what_the_table_says(world, subject, state):
    """For this state, every action of the subject: allowed ones succeed, forbidden ones change nothing."""
    actions = SUBJECTS[subject][1]
    for action, act in actions.items():
        try:
            with transaction.atomic():
                _walk_one(world, subject, state, action, act)
                raise Rollback
        except Rollback:
            pass
    assert set(allowed_actions(subject, state)) <= set(actions)


def test_a_reply_cannot_be_sent_while_its_unit_asks_to_return_the_case(world):
    _p, (a,) = world.assigned()
    reply = world.reply_draft(a)
    services.assignment_request_return(assignment=a, actor=world.liaison, reason="不属本单位职责")
    with pytest.raises(TransitionError):
        services.reply_sign_and_send(reply=reply, actor=world.leader)
    reply.refresh_from_db()
    assert reply.status == ReplyStatus.DRAFT


# ---- the right state, but the wrong person

WRONG_ACTORS = [
    ("a co-signer submits", lambda w, p: services.proposal_submit(proposal=p, actor=w.cosigner.user)),
    ("another member edits", lambda w, p: services.proposal_update_draft(proposal=p, actor=w.cosigner2.user, title="x")),
    ("a member accepts", lambda w, p: services.proposal_accept(proposal=p, actor=w.proposer.user)),
    ("a unit liaison rejects", lambda w, p: services.proposal_reject(proposal=p, actor=w.liaison, reject_reason=w.reject_reason())),
    ("a reviewer records on behalf", lambda w, p: services.proposal_submit(proposal=p, actor=w.reviewer, on_behalf=True)),
]


@pytest.mark.parametrize("label,call", WRONG_ACTORS, ids=[w[0] for w in WRONG_ACTORS])
def test_the_wrong_person_is_refused_and_nothing_changes(world, label, call):
    p = world.joint_draft() if "submit" in label else world.draft()
    if "accept" in label or "reject" in label:
        p = services.proposal_submit(proposal=p, actor=world.proposer.user)
    before = (p.status, p.events.count())
    with pytest.raises(PermissionDenied):
        call(world, p)
    p.refresh_from_db()
    assert (p.status, p.events.count()) == before


def test_unit_steps_belong_to_that_unit_and_signing_to_its_leader(world):
    _p, (a,) = world.assigned()
    with pytest.raises(PermissionDenied):
        services.assignment_sign(assignment=a, actor=world.liaison2)
    reply = world.reply_draft(a)
    with pytest.raises(PermissionDenied):
        services.reply_sign_and_send(reply=reply, actor=world.liaison)
    with pytest.raises(PermissionDenied):
        services.reply_sign_and_send(reply=reply, actor=world.leader2)
    assert services.reply_sign_and_send(reply=reply, actor=world.leader).status == ReplyStatus.SENT


def test_the_secretariat_may_record_a_proposers_step_on_behalf(world):
    p = world.draft()
    services.proposal_submit(proposal=p, actor=world.secretariat, on_behalf=True)
    event = p.events.get(action="submit")
    assert event.on_behalf and event.on_behalf_of == world.proposer and event.actor == world.secretariat
