"""Replies (答复): drafting, the leader's signature (in the system or on paper), code corrections,
the follow-up of an in-plan reply, and the proposers' evaluations, which may open re-handling."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from proposals import notices, permissions
from proposals.errors import TransitionError
from proposals.models import (
    Assignment, CodeCorrection, CommunicationMethod, Evaluation, Reply, ResultCode, Satisfaction,
)
from proposals.models.handling import SATISFACTION_RANK
from proposals.selectors import evaluation_deadline, evaluation_slots, open_reply, settings_for
from proposals.workflow import AssignmentStatus, Capability, ReplyStatus, check

from .base import add_months, attach, begin, lock, now, record, save, today


def _locked(reply):
    """Lock the case, the assignment and the reply, in that order."""
    p = lock(reply.assignment.proposal)
    a = lock(reply.assignment)
    r = lock(reply)
    a.proposal, r.assignment = p, a
    return p, a, r


def _code(value, committee_id) -> ResultCode | None:
    if value is None:
        return None
    code = ResultCode.objects.filter(pk=getattr(value, "pk", value), committee_id=committee_id, active=True).first()
    if code is None:
        raise ValidationError({"result_code": _("Choose a result code of the committee's list.")})
    return code


def _methods(values) -> list[str]:
    methods = list(dict.fromkeys(values or ()))
    unknown = [m for m in methods if m not in CommunicationMethod.values]
    if unknown:
        raise ValidationError({"methods": _("Unknown ways of communicating: %(v)s") % {"v": ", ".join(map(str, unknown))}})
    return methods


def _check_complete(reply) -> None:
    """What a reply must carry before it is signed: the text, the code, the contact, how the unit
    communicated with the proposer, and for an in-plan code the promised date."""
    errors = {}
    if not reply.text.strip():
        errors["text"] = _("The reply text is required.")
    if not reply.result_code_id:
        errors["result_code"] = _("Classify the result.")
    elif reply.result_code.opens_follow_up and not reply.follow_up_due:
        errors["follow_up_due"] = _("Give the date the unit promises for an in-plan result.")
    if not reply.methods:
        errors["methods"] = _("Say how the unit communicated with the proposer.")
    if not reply.contact_person.strip() or not reply.contact_phone.strip():
        errors["contact_person"] = _("Give a contact person and phone.")
    if errors:
        raise ValidationError(errors)


def _reply_step(r, a, p, *, actor, action, target, on_behalf=False, reason="", data=None, at=None) -> Reply:
    before = r.status
    if target is not None:
        r.status = target
    save(r, actor=actor, action=action, reason=reason)
    record(proposal=p, assignment=a, reply=r, action=action, from_status=before, to_status=r.status, actor=actor,
           on_behalf=on_behalf, reason=reason, data=data, at=at)
    return r


@transaction.atomic
def reply_save_draft(*, assignment, actor, text="", contact_person="", contact_phone="", methods=(), result_code=None,
                     follow_up_due=None, letter=None, on_behalf=False) -> Reply:
    """The unit writes (or rewrites) the reply of its current round; nothing is checked for
    completeness until it goes to be signed. Co-handling units send an opinion instead."""
    p = lock(assignment.proposal)
    a = lock(assignment)
    begin("draft_reply", actor=actor, obj=a, state=a.status, on_behalf=on_behalf)
    if not a.replies_to_proposer:
        raise TransitionError(_("A co-handling unit sends its opinion to the lead unit instead of a reply."))
    reply = open_reply(a)
    if reply is None:
        reply = Reply(assignment=a, round=a.round, drafted_by=actor)
    else:
        reply = lock(reply)
        if reply.status != ReplyStatus.DRAFT:
            raise TransitionError(_("The reply is awaiting the leader's signature; it can be changed once sent back."))
    reply.text, reply.contact_person, reply.contact_phone = text or "", contact_person or "", contact_phone or ""
    reply.methods = _methods(methods)
    reply.result_code = _code(result_code, p.committee_id)
    reply.follow_up_due = follow_up_due
    reply.recorded_on_behalf = reply.recorded_on_behalf or on_behalf
    save(reply, actor=actor, action="draft_reply")
    if letter is not None:
        reply.letter = attach(letter, actor=actor, owner=reply)
        save(reply, actor=actor, action="draft_reply", fields=["letter"])
    record(proposal=p, assignment=a, reply=reply, action="draft_reply", from_status=a.status, to_status=a.status,
           actor=actor, on_behalf=on_behalf)
    return reply


@transaction.atomic
def reply_submit_for_signature(*, reply, actor, on_behalf=False) -> Reply:
    """The liaison puts the complete draft before the unit's leader."""
    p, a, r = _locked(reply)
    t = begin("submit_for_signature", actor=actor, obj=r, state=r.status, on_behalf=on_behalf)
    _check_complete(r)
    return _reply_step(r, a, p, actor=actor, action="submit_for_signature", target=t.target, on_behalf=on_behalf)


@transaction.atomic
def reply_send_back(*, reply, actor, reason) -> Reply:
    """The leader sends the draft back to the drafter with what to change."""
    p, a, r = _locked(reply)
    t = begin("send_back", actor=actor, obj=r, state=r.status)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say what to change.")})
    return _reply_step(r, a, p, actor=actor, action="send_back", target=t.target, reason=reason)


def _send(r, a, p, *, actor, action, target, on_behalf=False) -> Reply:
    """Sent: the assignment is replied (and taken as signed for), the proposers hear of it and the
    evaluators are asked to rate it."""
    before_assignment = a.status
    stamp = now()
    r.sent_at = stamp
    _reply_step(r, a, p, actor=actor, action=action, target=target, on_behalf=on_behalf, at=stamp,
                data={"assignment_from": before_assignment, "assignment_to": AssignmentStatus.REPLIED,
                      "result_code": r.result_code.code})
    if a.signed_at is None:
        a.signed_at, a.signed_by = stamp, actor
    a.status = AssignmentStatus.REPLIED
    save(a, actor=actor, action=action)
    notices.reply_sent(r)
    return r


@transaction.atomic
def reply_sign_and_send(*, reply, actor, document_number="") -> Reply:
    """A leader of the unit signs the reply in the system, which sends it with its uploaded letter."""
    p, a, r = _locked(reply)
    t = begin("sign_and_send", actor=actor, obj=r, state=r.status, assignment_state=a.status)
    _check_complete(r)
    if not r.letter_id:
        raise ValidationError({"letter": _("Upload the reply letter before signing: a reply is sent as a letter.")})
    r.signed_by = actor
    r.signer_name = (actor.get_full_name() or actor.get_username())[:50]
    r.document_number = document_number or r.document_number
    return _send(r, a, p, actor=actor, action="sign_and_send", target=t.target)


@transaction.atomic
def reply_record_paper_signature_and_send(*, reply, actor, signer_name, document_number, sealed_scan,
                                          on_behalf=False) -> Reply:
    """The liaison records a reply the leader signed and sealed on paper: the signer's name, the
    document number and the scan of the sealed letter are required."""
    p, a, r = _locked(reply)
    t = begin("send_paper_signed", actor=actor, obj=r, state=r.status, assignment_state=a.status, on_behalf=on_behalf)
    _check_complete(r)
    errors = {}
    if not (signer_name or "").strip():
        errors["signer_name"] = _("Who signed the letter?")
    if not (document_number or "").strip():
        errors["document_number"] = _("Give the letter's document number.")
    if sealed_scan is None:
        errors["sealed_scan"] = _("Attach the scan of the signed and sealed letter.")
    if errors:
        raise ValidationError(errors)
    r.signer_name, r.document_number = signer_name.strip()[:50], document_number.strip()
    r.sealed_scan = attach(sealed_scan, actor=actor, owner=r)
    r.recorded_on_behalf = r.recorded_on_behalf or on_behalf
    return _send(r, a, p, actor=actor, action="send_paper_signed", target=t.target, on_behalf=on_behalf)


def _change_code(r, *, actor, new_code, reason, follow_up_due=None) -> CodeCorrection:
    """A dated correction row, then the reply's current code; an in-plan code needs its promised date,
    and leaving an in-plan code closes its follow-up."""
    if new_code.pk == r.result_code_id:
        raise ValidationError({"new_code": _("The reply already has this code.")})
    correction = CodeCorrection.objects.create(
        reply=r, old_code=r.result_code, new_code=new_code, reason=reason, actor=actor, at=now(),
    )
    if new_code.opens_follow_up:
        r.follow_up_due = follow_up_due or r.follow_up_due
        if not r.follow_up_due:
            raise ValidationError({"follow_up_due": _("Give the date the unit promises for an in-plan result.")})
        r.follow_up_done_at = None
    elif r.result_code.opens_follow_up and r.follow_up_done_at is None:
        r.follow_up_done_at = correction.at
    r.result_code = new_code
    return correction


@transaction.atomic
def reply_correct_code(*, reply, actor, new_code, reason, follow_up_due=None) -> Reply:
    """The secretariat re-classifies a sent reply (e.g. B → A) with a reason; the change is dated, so a
    report for an earlier cut-off keeps the code the reply had then."""
    p, a, r = _locked(reply)
    begin("correct_code", actor=actor, obj=r, state=r.status)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for the correction.")})
    correction = _change_code(r, actor=actor, new_code=_code(new_code, p.committee_id), reason=reason,
                              follow_up_due=follow_up_due)
    return _reply_step(r, a, p, actor=actor, action="correct_code", target=None, reason=reason,
                       data={"old_code": correction.old_code.code, "new_code": correction.new_code.code})


@transaction.atomic
def follow_up_complete(*, reply, actor, note, new_code=None, on_behalf=False) -> Reply:
    """The unit reports on an in-plan (B) reply's follow-up, optionally re-classifying it (B → A) as a dated correction."""
    p, a, r = _locked(reply)
    begin("complete_follow_up", actor=actor, obj=r, state=r.status, on_behalf=on_behalf)
    if not r.follow_up_open:
        raise TransitionError(_("This reply has no open follow-up."))
    if not (note or "").strip():
        raise ValidationError({"note": _("Report what was done.")})
    data = {}
    if new_code is not None:
        correction = _change_code(r, actor=actor, new_code=_code(new_code, p.committee_id), reason=note)
        data = {"old_code": correction.old_code.code, "new_code": correction.new_code.code}
    r.follow_up_done_at, r.follow_up_note = now(), note
    return _reply_step(r, a, p, actor=actor, action="complete_follow_up", target=None, on_behalf=on_behalf,
                       reason=note, data=data)


# ---- evaluation


def _ratings(rules, overall, process, result):
    """Overall, process, result. Rated separately, both parts are required and overall is the lower."""
    values = {name: v for name, v in (("overall", overall), ("process", process), ("result", result)) if v}
    for name, value in values.items():
        if value not in Satisfaction.values:
            raise ValidationError({name: _("Choose satisfied, basically satisfied or not satisfied.")})
    if rules.rate_separately:
        if not (process and result):
            raise ValidationError({"process": _("Rate both the handling process and the result.")})
        lower = min((process, result), key=lambda v: SATISFACTION_RANK[v])
        return overall or lower, process, result
    if not overall:
        raise ValidationError({"overall": _("Choose satisfied, basically satisfied or not satisfied.")})
    return overall, process or "", result or ""


@transaction.atomic
def evaluation_submit(*, reply, actor, overall="", process="", result="", comment="", evaluator=None, for_proposal=None,
                      on_behalf=False, scan=None) -> Evaluation:
    """The evaluator the settings name (the first proposer or organisation, or every signer; the
    proposers of merged proposals too) rates a sent reply once per round, within the time limit
    (after it the reply stands as 未表态). On behalf, the secretariat names the `evaluator` member (or
    `for_proposal`, for a collective proposal) and may attach the paper form. 不满意 on a first-round
    reply opens re-handling: a second round for the same unit, due after the settings' months."""
    p, a, r = _locked(reply)
    check("evaluate", r.status)
    rules = settings_for(p.committee_id)
    slots = evaluation_slots(r, rules)
    if on_behalf:
        permissions.authorise(actor, Capability.EVALUATOR, r, on_behalf=True)
        slot = next((s for s in slots if (
            (evaluator is not None and s.member is not None and s.member.pk == evaluator.pk)
            or (evaluator is None and s.member is None and for_proposal is not None and s.proposal.pk == for_proposal.pk)
        )), None)
        if slot is None:
            raise ValidationError({"evaluator": _("This person is not asked to evaluate this reply.")})
    else:
        slot = permissions.evaluator_slot(actor, r, slots)
        if slot is None:
            raise PermissionDenied(_("You are not asked to evaluate this reply."))
    deadline = evaluation_deadline(r, rules)
    if today() > deadline:
        raise TransitionError(
            _("The time to evaluate ended on %(day)s; the reply counts as no response."), params={"day": deadline.isoformat()},
        )
    done = Evaluation.objects.filter(reply=r, round=r.round)
    done = done.filter(evaluator=slot.member) if slot.member else done.filter(evaluator__isnull=True, proposal=slot.proposal)
    if done.exists():
        raise TransitionError(_("This reply has already been evaluated."))
    overall, process, result = _ratings(rules, overall, process, result)
    evaluation = Evaluation(
        reply=r, round=r.round, proposal=slot.proposal, evaluator=slot.member, overall=overall, process=process,
        result=result, comment=comment or "", submitted_at=now(), submitted_by=actor, recorded_on_behalf=on_behalf,
    )
    save(evaluation, actor=actor, action="evaluate")
    if scan is not None:
        evaluation.scan = attach(scan, actor=actor, owner=evaluation)
        save(evaluation, actor=actor, action="evaluate", fields=["scan"])
    record(proposal=p, assignment=a, reply=r, action="evaluate", from_status=r.status, to_status=r.status, actor=actor,
           on_behalf=on_behalf, on_behalf_of=slot.member if on_behalf else None, reason=comment, at=evaluation.submitted_at,
           data={"evaluation": evaluation.pk, "overall": overall, "for_proposal": slot.proposal.pk})
    if overall == Satisfaction.UNSATISFIED:
        _open_rehandling(a, p, actor=actor, evaluation=evaluation, rules=rules)
    return evaluation


def _open_rehandling(a, p, *, actor, evaluation, rules) -> Assignment | None:
    """Once per unit: round 2 for the unit whose first-round reply was rated 不满意. A second 不满意
    calls for a meeting or explanation, which is not a new round."""
    if a.round != 1 or Assignment.objects.filter(proposal=p, unit=a.unit, round=2, active=True).exists():
        return None
    start = today()
    second = Assignment(
        proposal=p, unit=a.unit, role=a.role, round=2, status=AssignmentStatus.ASSIGNED, assigned_at=now(),
        assigned_by=None, due_date=add_months(start, rules.rehandling_months), previous=a,
    )
    save(second, actor=actor, action="rehandle")
    record(proposal=p, assignment=second, action="rehandle", from_status="", to_status=second.status, actor=actor,
           at=second.assigned_at, data={"evaluation": evaluation.pk, "first_round": a.pk, "due_date": second.due_date.isoformat()})
    notices.rehandling_opened(second)
    return second
