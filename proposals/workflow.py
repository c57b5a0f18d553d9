"""The proposal workflow: every state, every action and who may take it, in one table.

Three small machines share the one `TRANSITIONS` table, keyed by action:

- the **proposal** (提案), from draft to its review outcome: 立案 accepted, 并案 merged, 转意见建议
  / 转社情民意 / 作委员来信 converted, 不予立案 rejected, 撤案 withdrawn (退回修改 returned sends it
  back to the proposer);
- each **assignment** (交办), one row per (case, unit, round): assigned → signed for → replied, or
  return requested → returned (the secretariat reassigns) or refused;
- each **reply** (答复): draft → awaiting the leader's signature → sent, then code corrections,
  the follow-up of a B reply and the proposers' evaluations, none of which change its state.

Why handling is not a proposal status. A case has on average 3.7 unit assignments (single, split,
lead + co-handling), each signed, returned, extended and replied on its own dates, and re-handling
after 不满意 is a second round of one unit's assignment. A case-level "assigned / replied /
rehandling / closed" column would be a second copy of those facts that every unit-side service must
keep in step, and it could not answer the statistics anyway: docs/domain.md#statistics defines 办复率 and overdue per
assignment as of a cut-off, and 未表态 is a time-based state that must be derived, never stored
(docs/architecture.md#inside-an-app). So `Proposal.status` stops at the review outcome, and the handling stage of a case is
derived from its assignments and replies (proposals.selectors).

Capability flags per proposal state (OpenSlides-style) answer "may the proposer still edit?", "is
this a case?" without comparing state names anywhere else; the table's source sets are built from
them. Each transition names the capability its actor needs; proposals.permissions checks it.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from proposals.errors import TransitionError

PROPOSAL, ASSIGNMENT, REPLY = "proposal", "assignment", "reply"


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted, awaiting review")
    UNDER_REVIEW = "under_review", _("Under review")
    RETURNED = "returned", _("Returned for revision")
    ACCEPTED = "accepted", _("Accepted as a case")
    MERGED = "merged", _("Merged into another case")
    CONVERTED_OPINION = "converted_opinion", _("Converted to an opinion for reference")
    CONVERTED_SOCIAL = "converted_social", _("Converted to a public-opinion report")
    CONVERTED_LETTER = "converted_letter", _("Treated as a member's letter")
    REJECTED = "rejected", _("Not accepted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class AssignmentStatus(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned")
    SIGNED = "signed", _("Signed for")
    RETURN_REQUESTED = "return_requested", _("Return requested")
    RETURNED = "returned", _("Returned and withdrawn from the unit")
    REPLIED = "replied", _("Replied (opinion sent, for co-handling)")


class ReplyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING_SIGNATURE = "awaiting_signature", _("Awaiting the leader's signature")
    SENT = "sent", _("Sent")


@dataclass(frozen=True)
class StateFlags:
    """What a proposal state allows, read instead of comparing state names."""

    can_edit: bool = False  # the proposer may change text and co-signers; invitations may be answered
    can_withdraw: bool = False
    can_review: bool = False  # the proposal committee may record a stage or decide the outcome
    is_case: bool = False  # 立案: numbered, assigned to units, replied and rated
    report_bucket: str = ""  # the outcome column of the statistics (docs/domain.md#outcomes-and-立案率)


STATE_FLAGS = {
    Status.DRAFT: StateFlags(can_edit=True, can_withdraw=True),
    Status.SUBMITTED: StateFlags(can_withdraw=True, can_review=True, report_bucket="reviewing"),
    Status.UNDER_REVIEW: StateFlags(can_withdraw=True, can_review=True, report_bucket="reviewing"),
    Status.RETURNED: StateFlags(can_edit=True, can_withdraw=True, report_bucket="reviewing"),
    Status.ACCEPTED: StateFlags(is_case=True, report_bucket="accepted"),
    Status.MERGED: StateFlags(report_bucket="merged"),
    Status.CONVERTED_OPINION: StateFlags(report_bucket="converted_opinion"),
    Status.CONVERTED_SOCIAL: StateFlags(report_bucket="converted_social"),
    Status.CONVERTED_LETTER: StateFlags(report_bucket="converted_letter"),
    Status.REJECTED: StateFlags(report_bucket="rejected"),
    Status.WITHDRAWN: StateFlags(report_bucket="withdrawn"),
}


def flags(status) -> StateFlags:
    return STATE_FLAGS[Status(status)]


def _where(flag) -> frozenset:
    return frozenset(s for s, f in STATE_FLAGS.items() if getattr(f, flag))


EDITABLE = _where("can_edit")
WITHDRAWABLE = _where("can_withdraw")
REVIEWABLE = _where("can_review")
CASES = _where("is_case")
OPEN_ASSIGNMENT = frozenset({AssignmentStatus.ASSIGNED, AssignmentStatus.SIGNED})
UNSENT_REPLY = frozenset({ReplyStatus.DRAFT, ReplyStatus.AWAITING_SIGNATURE})


class Capability:
    """Who may act; each name is checked by proposals.permissions.has_capability."""

    PROPOSER = "proposer"  # the first proposer, or the collective account of the organisation
    INVITED_SIGNER = "invited_signer"  # the member a co-signing invitation is addressed to
    REVIEWER = "reviewer"  # secretariat or proposal-committee reviewer of the committee
    SECRETARIAT = "secretariat"  # the proposal office of the committee
    UNIT_STAFF = "unit_staff"  # liaison or leader of the assignment's unit
    UNIT_LEADER = "unit_leader"  # leader of the assignment's unit (signs replies)
    EVALUATOR = "evaluator"  # whoever the settings ask to rate this reply


@dataclass(frozen=True)
class Transition:
    subject: str  # PROPOSAL, ASSIGNMENT or REPLY: whose state `sources` and `target` are
    sources: frozenset
    target: str | None  # None: the action records something and leaves the state as it is
    capability: str
    label: str
    # Reply actions that finish the unit's work also move the assignment (from these states, to that one).
    assignment_sources: frozenset | None = None
    assignment_target: str | None = None


S, A, R, C = Status, AssignmentStatus, ReplyStatus, Capability

TRANSITIONS = {
    # The proposal, up to its review outcome.
    "update_draft": Transition(PROPOSAL, EDITABLE, None, C.PROPOSER, _("Edit")),
    "invite_cosigners": Transition(PROPOSAL, EDITABLE, None, C.PROPOSER, _("Invite co-signers")),
    "uninvite_cosigner": Transition(PROPOSAL, EDITABLE, None, C.PROPOSER, _("Remove a co-signer")),
    "confirm_cosign": Transition(PROPOSAL, EDITABLE, None, C.INVITED_SIGNER, _("Confirm co-signing")),
    "decline_cosign": Transition(PROPOSAL, EDITABLE, None, C.INVITED_SIGNER, _("Decline co-signing")),
    "submit": Transition(PROPOSAL, frozenset({S.DRAFT}), S.SUBMITTED, C.PROPOSER, _("Submit")),
    "resubmit": Transition(PROPOSAL, frozenset({S.RETURNED}), S.SUBMITTED, C.PROPOSER, _("Resubmit after revision")),
    "withdraw": Transition(PROPOSAL, WITHDRAWABLE, S.WITHDRAWN, C.PROPOSER, _("Withdraw")),
    "review_stage": Transition(PROPOSAL, REVIEWABLE, S.UNDER_REVIEW, C.REVIEWER, _("Record a review stage")),
    "return_for_revision": Transition(PROPOSAL, REVIEWABLE, S.RETURNED, C.REVIEWER, _("Return for revision")),
    "accept": Transition(PROPOSAL, REVIEWABLE, S.ACCEPTED, C.REVIEWER, _("Accept as a case")),
    "merge": Transition(PROPOSAL, REVIEWABLE, S.MERGED, C.REVIEWER, _("Merge into a case")),
    "convert_opinion": Transition(PROPOSAL, REVIEWABLE, S.CONVERTED_OPINION, C.REVIEWER, _("Convert to an opinion for reference")),
    "convert_social": Transition(PROPOSAL, REVIEWABLE, S.CONVERTED_SOCIAL, C.REVIEWER, _("Convert to a public-opinion report")),
    "convert_letter": Transition(PROPOSAL, REVIEWABLE, S.CONVERTED_LETTER, C.REVIEWER, _("Treat as a member's letter")),
    "reject": Transition(PROPOSAL, REVIEWABLE, S.REJECTED, C.REVIEWER, _("Do not accept")),
    "number": Transition(PROPOSAL, CASES, None, C.SECRETARIAT, _("Give the case number")),
    "assign": Transition(PROPOSAL, CASES, None, C.SECRETARIAT, _("Assign to handling units")),
    # Each (case, unit, round) assignment.
    "sign": Transition(ASSIGNMENT, frozenset({A.ASSIGNED}), A.SIGNED, C.UNIT_STAFF, _("Sign for receipt")),
    "request_return": Transition(ASSIGNMENT, OPEN_ASSIGNMENT, A.RETURN_REQUESTED, C.UNIT_STAFF, _("Request a return")),
    "accept_return": Transition(ASSIGNMENT, frozenset({A.RETURN_REQUESTED}), A.RETURNED, C.SECRETARIAT, _("Accept the return")),
    "refuse_return": Transition(ASSIGNMENT, frozenset({A.RETURN_REQUESTED}), A.SIGNED, C.SECRETARIAT, _("Refuse the return")),
    "extend": Transition(ASSIGNMENT, OPEN_ASSIGNMENT, None, C.SECRETARIAT, _("Extend the deadline")),
    "send_co_opinion": Transition(ASSIGNMENT, OPEN_ASSIGNMENT, A.REPLIED, C.UNIT_STAFF, _("Send the co-handling opinion")),
    "draft_reply": Transition(ASSIGNMENT, OPEN_ASSIGNMENT, None, C.UNIT_STAFF, _("Save the reply draft")),
    # Each reply.
    "submit_for_signature": Transition(REPLY, frozenset({R.DRAFT}), R.AWAITING_SIGNATURE, C.UNIT_STAFF, _("Submit for signature")),
    "send_back": Transition(REPLY, frozenset({R.AWAITING_SIGNATURE}), R.DRAFT, C.UNIT_LEADER, _("Send back to the drafter")),
    "sign_and_send": Transition(
        REPLY, UNSENT_REPLY, R.SENT, C.UNIT_LEADER, _("Sign and send"),
        assignment_sources=OPEN_ASSIGNMENT, assignment_target=A.REPLIED,
    ),
    "send_paper_signed": Transition(
        REPLY, UNSENT_REPLY, R.SENT, C.UNIT_STAFF, _("Send with the paper signature"),
        assignment_sources=OPEN_ASSIGNMENT, assignment_target=A.REPLIED,
    ),
    "correct_code": Transition(REPLY, frozenset({R.SENT}), None, C.SECRETARIAT, _("Correct the result code")),
    "complete_follow_up": Transition(REPLY, frozenset({R.SENT}), None, C.UNIT_STAFF, _("Complete the follow-up")),
    "evaluate": Transition(REPLY, frozenset({R.SENT}), None, C.EVALUATOR, _("Evaluate the reply")),
}

# Events outside the three machines: consequences of a step (creation, re-handling), publication, and
# the ledger import (its rows replay the standard actions, dated as in the ledger, and add one `import`).
CONSEQUENCES = {
    "create": _("Created"),
    "rehandle": _("Re-handling opened"),
    "publish": _("Published"),
    "unpublish": _("Taken down from the public pages"),
    "import": _("Imported from a ledger"),
    "remind": _("Reminder sent (催办)"),
}


def event_choices():
    return [(k, t.label) for k, t in TRANSITIONS.items()] + list(CONSEQUENCES.items())


def state_choices(subject):
    return {PROPOSAL: Status, ASSIGNMENT: AssignmentStatus, REPLY: ReplyStatus}[subject]


def check(action: str, state, *, assignment_state=None) -> Transition:
    """The transition for `action` if it is allowed from `state`; TransitionError otherwise."""
    transition = TRANSITIONS[action]
    if state not in transition.sources:
        label = state_choices(transition.subject)(state).label
        raise TransitionError(
            _("“%(action)s” is not possible while the %(subject)s is “%(state)s”."),
            params={"action": transition.label, "subject": SUBJECT_LABELS[transition.subject], "state": label},
            action=action, state=state,
        )
    if transition.assignment_sources is not None and assignment_state not in transition.assignment_sources:
        raise TransitionError(
            _("“%(action)s” is not possible while the assignment is “%(state)s”."),
            params={"action": transition.label, "state": AssignmentStatus(assignment_state).label},
            action=action, state=assignment_state,
        )
    return transition


def allowed_actions(subject: str, state) -> list[str]:
    """The actions the table allows from `state` (the UI still asks permissions who may take them)."""
    return [k for k, t in TRANSITIONS.items() if t.subject == subject and state in t.sources]


def target_of(transition: Transition, state):
    return state if transition.target is None else transition.target


SUBJECT_LABELS = {PROPOSAL: _("proposal"), ASSIGNMENT: _("assignment"), REPLY: _("reply")}
