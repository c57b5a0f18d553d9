"""Handling: single, split and lead + co-handling assignments, returns on the working-day calendar,
extensions, replies signed in the system or on paper, code corrections, follow-ups, evaluations,
未表态 and re-handling.

To stand at a later date, a test moves a stored date back (assigned_at, sent_at) instead of the clock.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from cppcc.files import user_can_read
from cppcc.models import CalendarDay, PrivateFile
from cppcc.workdays import add_workdays
from proposals import services
from proposals.errors import TransitionError
from proposals.models import Assignment, CodeCorrection, Extension, Kind, ProposalSettings, Reply
from proposals.selectors import (
    assignments_for_unit, case_is_replied, evaluation_state, handling_stage, reply_code_as_of,
)
from proposals.services.base import add_months
from proposals.workflow import AssignmentStatus, ReplyStatus

from tests import factories

from .conftest import pdf

DAY = datetime.timedelta(days=1)


def _assigned_on(assignment, day: datetime.date):
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    Assignment.objects.filter(pk=assignment.pk).update(assigned_at=moment)
    assignment.refresh_from_db()


def _sent_days_ago(reply, days):
    Reply.objects.filter(pk=reply.pk).update(sent_at=reply.sent_at - days * DAY)
    reply.refresh_from_db()


def _settings(world, **values):
    ProposalSettings.objects.filter(pk=world.settings.pk).update(**values)


# ---- assigning


def test_a_single_unit_is_due_after_the_months_of_the_proposals_kind(world):
    _p, (a,) = world.assigned()
    assert (a.role, a.round, a.status, a.active) == ("single", 1, AssignmentStatus.ASSIGNED, True)
    assert a.due_date == add_months(world.today, 3)
    _settings(world, reply_months_between=5)
    _p, (b,) = world.assigned(kind=Kind.BETWEEN, title="平时提案")
    assert b.due_date == add_months(world.today, 5)
    assert list(assignments_for_unit(world.unit)) == [a, b]


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2026, 11, 15), 3) == datetime.date(2027, 2, 15)


def test_split_units_reply_separately_and_the_case_is_replied_when_all_have(world):
    p, (a, b) = world.assigned(units=[(world.unit, "split"), (world.unit2, "split")])
    world.sent_reply(a)
    assert not case_is_replied(p, timezone.now())
    world.sent_reply(b)
    assert case_is_replied(p, timezone.now())


def test_lead_and_co_handling(world):
    p, (lead, co) = world.assigned(units=[(world.unit, "lead"), (world.unit2, "co")])
    assert co.due_date == world.today + 30 * DAY and lead.due_date == add_months(world.today, 3)
    with pytest.raises(TransitionError):
        world.reply_draft(co)  # co-handling units never reply to the proposer
    with pytest.raises(TransitionError):
        services.co_opinion_send(assignment=lead, actor=world.liaison, text="x")
    opinion = services.co_opinion_send(assignment=co, actor=world.liaison2, text="同意，建议增加经费", file=pdf("会办意见.pdf"))
    co.refresh_from_db()
    assert co.status == AssignmentStatus.REPLIED and opinion.file.owner == opinion
    assert user_can_read(world.liaison, opinion.file) and user_can_read(world.liaison2, opinion.file)
    assert not user_can_read(world.liaison3, opinion.file) and not user_can_read(world.proposer.user, opinion.file)
    assert not case_is_replied(p, timezone.now())  # the co-opinion does not count for the case
    world.sent_reply(lead)
    assert case_is_replied(p, timezone.now())


@pytest.mark.parametrize("roles", [["single", "single"], ["lead", "split"], ["co"], ["lead", "lead", "co"], ["single", "co"]])
def test_assignment_shapes_other_than_single_split_or_lead_plus_co_are_refused(world, roles):
    p = world.accepted()
    units = [world.unit, world.unit2, world.unit3]
    with pytest.raises(ValidationError):
        services.assignment_create(proposal=p, actor=world.secretariat, units=list(zip(units, roles)))
    assert not p.assignments.exists()


def test_a_unit_gets_a_case_once_and_only_current_units_of_the_committee(world):
    p, _ = world.assigned()
    with pytest.raises(ValidationError):
        services.assignment_create(proposal=p, actor=world.secretariat, units=[(world.unit, "single")])
    merged_away = factories.unit(world.committee, name="原工商局", valid_to=world.today - DAY)
    q = world.accepted(title="另一案")
    with pytest.raises(ValidationError):
        services.assignment_create(proposal=q, actor=world.secretariat, units=[(merged_away, "single")])


# ---- returns on the working-day calendar


def _boundary(count):
    """The earliest assignment date whose return window still includes today, and the day before it."""
    today = timezone.localdate()
    day = today
    while add_workdays(day - DAY, count) >= today:
        day -= DAY
    return day, day - DAY


def test_a_return_is_requested_within_the_working_day_window(world):
    last_in, first_out = _boundary(5)
    _p, (a,) = world.assigned()
    _assigned_on(a, first_out)
    with pytest.raises(TransitionError):
        services.assignment_request_return(assignment=a, actor=world.liaison, reason="不属本单位职责")
    _assigned_on(a, last_in)
    services.assignment_request_return(assignment=a, actor=world.liaison, reason="不属本单位职责")
    a.refresh_from_db()
    assert a.status == AssignmentStatus.RETURN_REQUESTED and a.return_reason == "不属本单位职责"


def test_a_holiday_in_the_calendar_lengthens_the_return_window(world):
    _last_in, first_out = _boundary(5)
    _p, (a,) = world.assigned()
    _assigned_on(a, first_out)
    workday = next(d for d in (first_out + n * DAY for n in range(1, 20)) if d.weekday() < 5)
    CalendarDay.objects.create(date=workday, is_workday=False, name="临时放假")
    services.assignment_request_return(assignment=a, actor=world.liaison, reason="不属本单位职责")


def test_an_accepted_return_drops_the_assignment_and_the_case_goes_to_the_new_unit(world):
    p, (a,) = world.assigned()
    services.assignment_request_return(assignment=a, actor=world.liaison, reason="属财政局职责")
    new = services.assignment_decide_return(assignment=a, actor=world.secretariat, accept=True, new_unit=world.unit2)
    a.refresh_from_db()
    assert (a.status, a.active, a.return_accepted) == (AssignmentStatus.RETURNED, False, True)
    assert (new.unit, new.role, new.previous, new.active) == (world.unit2, "single", a, True)
    assert list(assignments_for_unit(world.unit)) == [] and list(assignments_for_unit(world.unit2)) == [new]
    world.sent_reply(new)
    assert case_is_replied(p, timezone.now())  # the returned assignment dropped out


def test_a_refused_return_keeps_the_case_with_the_unit(world):
    _p, (a,) = world.assigned()
    services.assignment_request_return(assignment=a, actor=world.liaison, reason="不属本单位职责")
    with pytest.raises(PermissionDenied):
        services.assignment_decide_return(assignment=a, actor=world.liaison, accept=True)
    services.assignment_decide_return(assignment=a, actor=world.secretariat, accept=False, reason="属本单位职责")
    a.refresh_from_db()
    assert (a.status, a.active, a.return_accepted) == (AssignmentStatus.SIGNED, True, False)
    assert a.signed_at is not None


# ---- deadlines


def test_extensions_need_a_reason_and_stay_within_the_maximum(world):
    _p, (a,) = world.assigned()
    latest = add_months(world.today, 6)
    with pytest.raises(ValidationError):
        services.assignment_extend(assignment=a, actor=world.secretariat, new_due=a.due_date + 30 * DAY, reason="")
    with pytest.raises(ValidationError):
        services.assignment_extend(assignment=a, actor=world.secretariat, new_due=latest + DAY, reason="情况复杂")
    with pytest.raises(ValidationError):
        services.assignment_extend(assignment=a, actor=world.secretariat, new_due=a.due_date, reason="情况复杂")
    old = a.due_date
    services.assignment_extend(assignment=a, actor=world.secretariat, new_due=latest, reason="涉及多部门")
    a.refresh_from_db()
    assert a.due_date == latest
    ext = Extension.objects.get(assignment=a)
    assert (ext.old_due, ext.new_due, ext.reason, ext.actor) == (old, latest, "涉及多部门", world.secretariat)
    with pytest.raises(PermissionDenied):
        services.assignment_extend(assignment=a, actor=world.liaison, new_due=latest, reason="x")


# ---- replies


def test_a_reply_goes_through_the_leaders_signature(world):
    _p, (a,) = world.assigned()
    services.assignment_sign(assignment=a, actor=world.liaison)
    reply = world.reply_draft(a, letter=pdf("答复函.pdf"))
    services.reply_submit_for_signature(reply=reply, actor=world.liaison)
    with pytest.raises(TransitionError):
        world.reply_draft(a, text="等签发时再改")
    services.reply_send_back(reply=reply, actor=world.leader, reason="第二点要具体")
    world.reply_draft(a, text="修改后的答复")
    services.reply_submit_for_signature(reply=reply, actor=world.liaison)
    sent = services.reply_sign_and_send(reply=reply, actor=world.leader, document_number="教函〔2026〕3号")
    a.refresh_from_db()
    assert (sent.status, sent.signed_by, sent.signer_name, sent.document_number) == (
        ReplyStatus.SENT, world.leader, "局长县教育局", "教函〔2026〕3号")
    assert sent.text == "修改后的答复" and sent.round == 1 and a.status == AssignmentStatus.REPLIED
    assert sent.events.get(action="sign_and_send").at == sent.sent_at
    assert Reply.objects.filter(assignment=a).count() == 1
    letter = PrivateFile.objects.get(pk=sent.letter_id)
    assert user_can_read(world.proposer.user, letter) and user_can_read(world.leader, letter)
    assert not user_can_read(world.liaison2, letter) and not user_can_read(world.cosigner2.user, letter)


def test_a_reply_must_be_complete_before_it_is_signed(world):
    _p, (a,) = world.assigned()
    with pytest.raises(ValidationError):
        services.reply_save_draft(assignment=a, actor=world.liaison, methods=["fax"])
    reply = services.reply_save_draft(assignment=a, actor=world.liaison, text="只有正文")
    with pytest.raises(ValidationError) as info:
        services.reply_sign_and_send(reply=reply, actor=world.leader)
    assert {"result_code", "methods", "contact_person"} <= set(info.value.message_dict)
    reply = world.reply_draft(a, code="B", follow_up_due=None)
    with pytest.raises(ValidationError) as info:
        services.reply_submit_for_signature(reply=reply, actor=world.liaison)
    assert "follow_up_due" in info.value.message_dict


def test_a_paper_signature_is_recorded_by_the_liaison_with_the_sealed_scan(world):
    _p, (a,) = world.assigned()
    reply = world.reply_draft(a)
    with pytest.raises(ValidationError) as info:
        services.reply_record_paper_signature_and_send(reply=reply, actor=world.liaison, signer_name="", document_number="",
                                                       sealed_scan=None)
    assert {"signer_name", "document_number", "sealed_scan"} <= set(info.value.message_dict)
    sent = services.reply_record_paper_signature_and_send(
        reply=reply, actor=world.liaison, signer_name="张建国", document_number="教函〔2026〕5号", sealed_scan=pdf("盖章答复函.pdf"),
    )
    assert (sent.status, sent.signer_name, sent.signed_by) == (ReplyStatus.SENT, "张建国", None)
    scan = PrivateFile.objects.get(pk=sent.sealed_scan_id)
    assert scan.owner == sent and user_can_read(world.proposer.user, scan)
    a.refresh_from_db()
    assert a.status == AssignmentStatus.REPLIED and a.signed_at is not None  # sending implies receipt


def test_one_sent_reply_per_assignment_and_round(world):
    _p, (a,) = world.assigned()
    sent = world.sent_reply(a)
    with pytest.raises(TransitionError):
        services.reply_sign_and_send(reply=sent, actor=world.leader)
    with pytest.raises(TransitionError):
        world.reply_draft(a)  # the assignment is replied: no second draft
    with pytest.raises(IntegrityError), transaction.atomic():
        Reply.objects.create(assignment=a, round=1, status=ReplyStatus.SENT, text="重复")


# ---- codes and follow-up


def test_a_code_correction_is_a_dated_event_and_the_past_keeps_its_code(world):
    _p, (a,) = world.assigned()
    before_sending = timezone.now()
    reply = world.sent_reply(a, code="B")
    assert reply.follow_up_open
    sent_moment = timezone.now()
    with pytest.raises(ValidationError):
        services.reply_correct_code(reply=reply, actor=world.secretariat, new_code=world.code("A"), reason="")
    with pytest.raises(PermissionDenied):
        services.reply_correct_code(reply=reply, actor=world.liaison, new_code=world.code("A"), reason="已解决")
    services.reply_correct_code(reply=reply, actor=world.secretariat, new_code=world.code("A"), reason="项目已竣工")
    reply.refresh_from_db()
    correction = CodeCorrection.objects.get(reply=reply)
    assert (correction.old_code.code, correction.new_code.code, correction.actor) == ("B", "A", world.secretariat)
    assert reply.result_code.code == "A" and not reply.follow_up_open
    assert reply_code_as_of(reply, before_sending) is None
    assert reply_code_as_of(reply, sent_moment).code == "B"
    assert reply_code_as_of(reply, timezone.now()).code == "A"
    event = reply.events.get(action="correct_code")
    assert event.data == {"old_code": "B", "new_code": "A"} and event.reason == "项目已竣工"


def test_an_in_plan_reply_opens_a_follow_up_completed_by_the_unit(world):
    _p, (a,) = world.assigned()
    promised = world.today + 90 * DAY
    reply = world.sent_reply(a, code="B", follow_up_due=promised)
    assert reply.follow_up_due == promised and reply.follow_up_open
    with pytest.raises(ValidationError):
        services.follow_up_complete(reply=reply, actor=world.liaison, note="")
    services.follow_up_complete(reply=reply, actor=world.liaison, note="校舍已改造完成", new_code=world.code("A"))
    reply.refresh_from_db()
    assert not reply.follow_up_open and reply.follow_up_note == "校舍已改造完成" and reply.result_code.code == "A"
    assert reply.code_corrections.get().actor == world.liaison
    with pytest.raises(TransitionError):
        services.follow_up_complete(reply=reply, actor=world.liaison, note="再报一次")
    plain = world.sent_reply(world.assigned(title="A类")[1][0], code="A")
    with pytest.raises(TransitionError):
        services.follow_up_complete(reply=plain, actor=world.liaison, note="x")


# ---- evaluation


def test_the_first_proposer_evaluates_by_default(world):
    _p, (a,) = world.assigned(joint=True)
    reply = world.sent_reply(a)
    with pytest.raises(PermissionDenied):
        services.evaluation_submit(reply=reply, actor=world.cosigner.user, overall="satisfied")
    with pytest.raises(ValidationError):
        services.evaluation_submit(reply=reply, actor=world.proposer.user, overall="")
    evaluation = services.evaluation_submit(reply=reply, actor=world.proposer.user, overall="basic", comment="基本解决")
    assert (evaluation.evaluator, evaluation.round, evaluation.overall) == (world.proposer, 1, "basic")
    with pytest.raises(TransitionError):
        services.evaluation_submit(reply=reply, actor=world.proposer.user, overall="satisfied")
    state = evaluation_state(reply, world.today)
    assert [s.state for s in state.slots] == ["rated"] and state.complete


def test_every_signer_evaluates_when_the_setting_says_so(world):
    _settings(world, evaluators="all")
    _p, (a,) = world.assigned(joint=True)
    reply = world.sent_reply(a)
    services.evaluation_submit(reply=reply, actor=world.proposer.user, overall="satisfied")
    assert [s.state for s in evaluation_state(reply, world.today).slots] == ["rated", "pending"]
    services.evaluation_submit(reply=reply, actor=world.cosigner.user, overall="basic")
    assert evaluation_state(reply, world.today).complete
    with pytest.raises(PermissionDenied):
        services.evaluation_submit(reply=reply, actor=world.cosigner2.user, overall="satisfied")


def test_no_response_after_the_time_limit_is_derived_not_stored(world):
    _p, (a,) = world.assigned()
    reply = world.sent_reply(a)
    assert [s.state for s in evaluation_state(reply, world.today).slots] == ["pending"]
    _sent_days_ago(reply, 30)  # the limit's last day is today
    assert [s.state for s in evaluation_state(reply, world.today).slots] == ["pending"]
    _sent_days_ago(reply, 1)
    state = evaluation_state(reply, world.today)
    assert [(s.state, s.counts_as) for s in state.slots] == [("no_response", "")]
    assert [s.state for s in evaluation_state(reply, world.today - 2 * DAY).slots] == ["pending"]  # as of an earlier day
    with pytest.raises(TransitionError):
        services.evaluation_submit(reply=reply, actor=world.proposer.user, overall="unsatisfied")
    _settings(world, no_response_counts_satisfied=True)
    assert [s.counts_as for s in evaluation_state(reply, world.today).slots] == ["satisfied"]


def test_unsatisfied_opens_a_second_round_with_a_new_due_date(world):
    p, (a,) = world.assigned()
    reply = world.sent_reply(a)
    services.evaluation_submit(reply=reply, actor=world.proposer.user, overall="unsatisfied", comment="未解决")
    second = Assignment.objects.get(proposal=p, round=2)
    assert (second.unit, second.role, second.previous, second.status) == (world.unit, "single", a, AssignmentStatus.ASSIGNED)
    assert second.due_date == add_months(world.today, 3)
    assert p.events.filter(action="rehandle", assignment=second).exists()
    assert case_is_replied(p, timezone.now())  # the first round's reply still counts for 办复率
    again = world.sent_reply(second)
    assert again.round == 2
    services.evaluation_submit(reply=again, actor=world.proposer.user, overall="unsatisfied")
    assert not Assignment.objects.filter(proposal=p, round=3).exists()  # a second 不满意 is not a third round
    assert [e.round for e in again.evaluations.all()] == [2]


def test_the_proposer_of_a_merged_proposal_may_rate_the_cases_reply(world):
    case, (a,) = world.assigned()
    other = world.member("孙丽")
    merged = services.proposal_submit(proposal=world.draft(proposer=other, title="同题提案"), actor=other.user)
    services.proposal_merge(proposal=merged, actor=world.reviewer, into=case)
    reply = world.sent_reply(a, letter=pdf("答复函.pdf"))
    evaluation = services.evaluation_submit(reply=reply, actor=other.user, overall="satisfied")
    assert evaluation.proposal == merged and evaluation.evaluator == other
    assert len(evaluation_state(reply, world.today).slots) == 2
    assert user_can_read(other.user, PrivateFile.objects.get(pk=reply.letter_id))  # the reply reaches them too


def test_process_and_result_are_rated_separately_when_the_setting_says_so(world):
    _settings(world, rate_separately=True)
    _p, (a,) = world.assigned()
    reply = world.sent_reply(a)
    with pytest.raises(ValidationError):
        services.evaluation_submit(reply=reply, actor=world.proposer.user, overall="satisfied")
    evaluation = services.evaluation_submit(reply=reply, actor=world.proposer.user, process="satisfied", result="basic")
    assert (evaluation.process, evaluation.result, evaluation.overall) == ("satisfied", "basic", "basic")


def test_an_organisation_rates_its_collective_proposal_and_paper_forms_are_recorded(world):
    account = world.collective_account()
    p = services.proposal_create_draft(actor=account, session=world.session, organisation=world.party, title="民盟提案",
                                       category=world.category, situation="a", suggestions="b")
    services.proposal_submit(proposal=p, actor=account)
    services.proposal_accept(proposal=p, actor=world.reviewer)
    (a,) = services.assignment_create(proposal=p, actor=world.secretariat, units=[(world.unit, "single")])
    reply = world.sent_reply(a)
    with pytest.raises(PermissionDenied):
        services.evaluation_submit(reply=reply, actor=world.proposer.user, overall="satisfied")
    evaluation = services.evaluation_submit(reply=reply, actor=world.secretariat, on_behalf=True, for_proposal=p,
                                            overall="satisfied", scan=pdf("征询意见表.pdf"))
    assert evaluation.evaluator is None and evaluation.recorded_on_behalf and evaluation.proposal == p
    scan = PrivateFile.objects.get(pk=evaluation.scan_id)
    assert user_can_read(account, scan) and not user_can_read(world.liaison, scan)
    with pytest.raises(TransitionError):
        services.evaluation_submit(reply=reply, actor=account, overall="basic")


def test_case_is_replied_as_of_a_cut_off(world):
    p, (a,) = world.assigned()
    assert not case_is_replied(p, timezone.now())
    reply = world.sent_reply(a)
    assert not case_is_replied(p, reply.sent_at - DAY) and case_is_replied(p, reply.sent_at)
    unassigned = world.accepted(title="未交办")
    assert not case_is_replied(unassigned, timezone.now())


def test_the_handling_stage_of_a_case_is_derived_from_its_assignments(world):
    assert handling_stage(world.submitted(title="未立案"), timezone.now()) == ""
    p = world.accepted()
    assert handling_stage(p, timezone.now()) == "unassigned"
    (a,) = services.assignment_create(proposal=p, actor=world.secretariat, units=[(world.unit, "single")])
    assert handling_stage(p, timezone.now()) == "handling"
    reply = world.sent_reply(a)
    assert handling_stage(p, timezone.now()) == "replied"
    services.evaluation_submit(reply=reply, actor=world.proposer.user, overall="unsatisfied")
    assert handling_stage(p, timezone.now()) == "rehandling"
    world.sent_reply(Assignment.objects.get(proposal=p, round=2))
    assert handling_stage(p, timezone.now()) == "replied"
    assert handling_stage(p, a.assigned_at) == "handling"  # as of before the first reply
    assert handling_stage(p, a.assigned_at - DAY) == "unassigned"


def test_a_reply_is_not_signed_in_the_system_without_its_letter(world):
    _p, (a,) = world.assigned()
    reply = world.reply_draft(a, letter=None)
    with pytest.raises(ValidationError) as info:
        services.reply_sign_and_send(reply=reply, actor=world.leader)
    assert "letter" in info.value.message_dict
    reply.refresh_from_db()
    a.refresh_from_db()
    assert reply.status == ReplyStatus.DRAFT and reply.sent_at is None and a.status != AssignmentStatus.REPLIED
    assert not reply.events.filter(action="sign_and_send").exists()
