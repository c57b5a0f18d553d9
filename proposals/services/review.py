"""Review (审查) by the proposal committee: stages, the outcome, case numbers, and batch actions."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _, gettext_lazy

from proposals import notices
from proposals.errors import TransitionError
from proposals.models import OpinionReport, Proposal, RejectReason, Signer
from proposals.workflow import TRANSITIONS, Status

from . import ledger, numbering
from .base import begin, lock, now, record, save


class ReviewStage(models.TextChoices):
    FIRST = "first", gettext_lazy("First review (初审)")
    SECOND = "second", gettext_lazy("Second review (复审)")
    FINAL = "final", gettext_lazy("Final review (终审)")


CONVERSIONS = {"opinion": "convert_opinion", "social": "convert_social", "letter": "convert_letter"}


def _decide(p, *, actor, action, reason="", data=None, fields=None) -> Proposal:
    """Move a proposal under review to its outcome, log it and tell its proposers."""
    transition = TRANSITIONS[action]
    before = p.status
    p.status = transition.target
    if transition.target != Status.RETURNED:
        p.decided_at = now()
    p.reason = reason
    save(p, actor=actor, action=action, reason=reason)
    record(proposal=p, action=action, from_status=before, to_status=p.status, actor=actor, reason=reason, data=data,
           at=p.decided_at if transition.target != Status.RETURNED else None)
    notices.review_outcome(p, outcome=transition.label, reason=reason)
    return p


@transaction.atomic
def proposal_review_stage(*, proposal, actor, stage, opinion="") -> Proposal:
    """Record a review stage (初审, 复审, 终审) and its opinion; the proposal is then under review."""
    p = lock(proposal)
    t = begin("review_stage", actor=actor, obj=p, state=p.status)
    stage = ReviewStage(stage)
    before, p.status = p.status, t.target
    save(p, actor=actor, action="review_stage", reason=f"{stage.label} {opinion}".strip())
    record(proposal=p, action="review_stage", from_status=before, to_status=p.status, actor=actor, reason=opinion,
           data={"stage": stage.value})
    return p


@transaction.atomic
def proposal_return_for_revision(*, proposal, actor, reason) -> Proposal:
    """Return to the proposer for revision (退回修改), saying what to change."""
    p = lock(proposal)
    begin("return_for_revision", actor=actor, obj=p, state=p.status)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say what the proposer should revise.")})
    return _decide(p, actor=actor, action="return_for_revision", reason=reason)


@transaction.atomic
def proposal_accept(*, proposal, actor, assign_number=True, reason="") -> Proposal:
    """Accept as a case (立案), with the next case number in the session's format, or none yet
    (`assign_number=False`) when the office numbers the meeting's cases in one batch afterwards."""
    p = lock(proposal)
    begin("accept", actor=actor, obj=p, state=p.status)
    data = {}
    if assign_number:
        p.case_seq, p.case_number = numbering.case_number(session=p.session)
        data["case_number"] = p.case_number
    _decide(p, actor=actor, action="accept", reason=reason, data=data)
    ledger.credit_acceptance(p, actor=actor)
    return p


@transaction.atomic
def proposal_number(*, proposal, actor) -> Proposal:
    """Give an accepted case without a number the next case number of its session."""
    p = lock(proposal)
    begin("number", actor=actor, obj=p, state=p.status)
    if p.case_seq is not None:
        raise TransitionError(_("This case already has the number %(number)s."), params={"number": p.case_number})
    p.case_seq, p.case_number = numbering.case_number(session=p.session)
    save(p, actor=actor, action="number", reason=p.case_number)
    record(proposal=p, action="number", from_status=p.status, to_status=p.status, actor=actor,
           data={"case_number": p.case_number})
    return p


@transaction.atomic
def proposal_number_batch(*, session, actor) -> list[Proposal]:
    """Number every accepted, unnumbered case of the session in the order it was accepted (all or none)."""
    # Locked up front: a second batch started meanwhile waits, then finds these numbered and skips them.
    waiting = list(
        Proposal.objects.select_for_update()
        .filter(session=session, status=Status.ACCEPTED, case_seq__isnull=True)
        .order_by("decided_at", "pk")
    )
    return [proposal_number(proposal=p, actor=actor) for p in waiting]


@transaction.atomic
def proposal_merge(*, proposal, actor, into, reason="") -> Proposal:
    """Merge (并案) into an accepted case on the same matter; the link is kept, so the merged proposal's
    proposers receive the case's reply and may rate it."""
    p = lock(proposal)
    begin("merge", actor=actor, obj=p, state=p.status)
    target = Proposal.objects.get(pk=into.pk)
    if target.pk == p.pk or target.committee_id != p.committee_id or target.status != Status.ACCEPTED:
        raise ValidationError({"into": _("Merge into an accepted case of the same committee.")})
    p.merged_into = target
    _decide(p, actor=actor, action="merge", reason=reason, data={"into": target.pk})
    ledger.credit_acceptance(p, actor=actor, merged=True)
    return p


@transaction.atomic
def proposal_convert(*, proposal, actor, to, reason="") -> Proposal:
    """Convert to an opinion for reference (作参考), a public-opinion report (转社情民意, which creates the
    report, submitted for editing, from the proposal's text), or a member's letter (作委员来信)."""
    if to not in CONVERSIONS:
        raise ValueError(f"convert to one of {sorted(CONVERSIONS)}")
    action = CONVERSIONS[to]
    p = lock(proposal)
    begin(action, actor=actor, obj=p, state=p.status)
    data = {}
    if to == "social":
        first = p.signers.filter(position=Signer.Position.FIRST).select_related("member").first()
        report = OpinionReport(
            committee_id=p.committee_id, title=p.title, body=f"{p.situation}\n\n{p.suggestions}".strip(),
            reporter=first.member if first else None, source_proposal=p, status=OpinionReport.State.SUBMITTED,
            created_by=actor,
        )
        save(report, actor=actor, action=action, reason=reason)
        data["opinion_report"] = report.pk
    return _decide(p, actor=actor, action=action, reason=reason, data=data)


@transaction.atomic
def proposal_reject(*, proposal, actor, reject_reason, reason="") -> Proposal:
    """Do not accept (不予立案), with a reason from the committee's list and, optionally, words of one's own."""
    p = lock(proposal)
    begin("reject", actor=actor, obj=p, state=p.status)
    listed = RejectReason.objects.filter(pk=getattr(reject_reason, "pk", None), committee_id=p.committee_id, active=True).first()
    if listed is None:
        raise ValidationError({"reject_reason": _("Choose a reason from the committee's list.")})
    p.reject_reason = listed
    text = f"{listed.text} {reason}".strip()
    return _decide(p, actor=actor, action="reject", reason=text, data={"reject_reason": listed.pk})


# ---- batches


@dataclass
class BatchResult:
    proposal: Proposal
    ok: bool
    error: str = ""


BATCH_ACTIONS = {
    "review_stage": proposal_review_stage,
    "return_for_revision": proposal_return_for_revision,
    "accept": proposal_accept,
    "number": proposal_number,
    "merge": proposal_merge,
    "convert": proposal_convert,
    "reject": proposal_reject,
}


def batch_apply(action: str, proposals, **kwargs) -> list[BatchResult]:
    """Call the action's service once per proposal (never a queryset update), each in its own
    transaction; one refusal does not stop the others, and each result says ok or why not."""
    service = BATCH_ACTIONS[action]
    results = []
    for proposal in proposals:
        try:
            done = service(proposal=proposal, **kwargs)
        except (TransitionError, PermissionDenied) as exc:
            results.append(BatchResult(proposal, False, str(exc)))
        except ValidationError as exc:
            results.append(BatchResult(proposal, False, "; ".join(exc.messages)))
        else:
            results.append(BatchResult(done, True))
    return results
