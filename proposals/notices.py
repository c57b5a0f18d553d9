"""Inbox notices of the proposal workflow: who is told what, queued to run after the commit.

Texts are composed when the notice is written, in the site's language (the recipients' own choice
is not known here). A notice that fails is logged by Django's robust on_commit and never undoes the
step that was saved.
"""

from django.utils.translation import gettext_lazy as _

from cppcc import inbox
from cppcc.models import Message
from proposals import selectors

Kind = Message.Kind


def queue(*, kind, user_ids, title, params=None, body="", source=None) -> None:
    inbox.queue(users=user_ids, kind=kind, title=title, body=body, source=source, params=params or {})


def cosign_invited(proposal, members) -> None:
    queue(
        kind=Kind.COSIGN_INVITATION, user_ids=[m.user_id for m in members], source=proposal,
        title=_("You are invited to co-sign the proposal “%(title)s”"), params={"title": proposal.title},
    )


def review_outcome(proposal, *, outcome, reason="") -> None:
    """The proposer and every co-signer are told the outcome and the reason."""
    queue(
        kind=Kind.REVIEW_OUTCOME, user_ids=selectors.party_user_ids(proposal), source=proposal,
        title=_("Your proposal “%(title)s”: %(outcome)s"), params={"title": proposal.title, "outcome": outcome, "reason": reason},
        body=_("Reason: %(reason)s") if reason else "",
    )


def unit_assigned(assignment) -> None:
    queue(
        kind=Kind.ASSIGNMENT, user_ids=selectors.unit_staff_user_ids(assignment.unit), source=assignment,
        title=_("New case for your unit: %(case)s, reply due %(due)s"),
        params={"case": str(assignment.proposal), "due": assignment.due_date.isoformat()},
    )


def return_decided(assignment, *, accepted: bool, reason="") -> None:
    title = (
        _("Your unit's return of %(case)s was accepted") if accepted
        else _("Your unit's return of %(case)s was refused: please handle the case")
    )
    queue(
        kind=Kind.RETURN_DECISION, user_ids=selectors.unit_staff_user_ids(assignment.unit), source=assignment,
        title=title, params={"case": str(assignment.proposal), "reason": reason},
        body=_("Reason: %(reason)s") if reason else "",
    )


def reply_sent(reply) -> None:
    """The reply goes to every signer of the case and of the proposals merged into it; the
    evaluators are asked to rate it."""
    case = reply.assignment.proposal
    params = {"title": case.title, "unit": str(reply.assignment.unit)}
    queue(
        kind=Kind.REPLY_SENT, user_ids=selectors.party_user_ids(case, with_merged=True), source=reply,
        title=_("%(unit)s has replied to the proposal “%(title)s”"), params=params,
    )
    evaluator_ids = set()
    for slot in selectors.evaluation_slots(reply):
        if slot.member is not None:
            evaluator_ids.add(slot.member.user_id)
        else:
            evaluator_ids |= selectors.party_user_ids(slot.proposal)
    queue(
        kind=Kind.EVALUATION_REQUESTED, user_ids=evaluator_ids, source=reply,
        title=_("Please evaluate the reply of %(unit)s to “%(title)s”"), params=params,
    )


def rehandling_opened(assignment) -> None:
    case = assignment.proposal
    queue(
        kind=Kind.REHANDLING_OPENED,
        user_ids=selectors.unit_staff_user_ids(assignment.unit) | selectors.party_user_ids(case, with_merged=True),
        source=assignment,
        title=_("Re-handling of %(case)s by %(unit)s: new reply due %(due)s"),
        params={"case": str(case), "unit": str(assignment.unit), "due": assignment.due_date.isoformat()},
    )


def unit_reminded(assignment, *, days_overdue: int, note="") -> None:
    """催办: the unit's liaison and leader are reminded of an overdue case now (inbox, and by e-mail
    and SMS as each of them chose)."""
    queue(
        kind=Kind.GENERAL, user_ids=selectors.unit_staff_user_ids(assignment.unit), source=assignment,
        title=_("Reminder (催办): the reply to %(case)s was due %(due)s, %(days)s days ago"),
        params={"case": str(assignment.proposal), "due": assignment.due_date.isoformat(), "days": days_overdue,
                "note": note},
        body=_("From the committee office: %(note)s") if note else "",
    )
