"""Filing: the window, the length cap, co-signing, the sector/party snapshot, collective proposals,
paper recorded on behalf, and the review outcomes a proposer is told about."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cppcc.files import user_can_read
from cppcc.models import PrivateFile
from members.models import Session
from proposals import services
from proposals.errors import TransitionError
from proposals.models import Kind, OpinionReport, ProposalSettings, ProposerType, Signer
from proposals.selectors import invitation_expired, proposals_for_member
from proposals.workflow import TRANSITIONS, Status
from tests import factories

from .conftest import pdf

DAY = datetime.timedelta(days=1)


def _move_window(session, opens, deadline):
    Session.objects.filter(pk=session.pk).update(filing_opens=opens, filing_deadline=deadline)
    session.refresh_from_db()


# ---- the window


def test_plenary_proposals_are_filed_within_the_sessions_window(world):
    p = world.draft()
    _move_window(world.session, world.today - 20 * DAY, world.today - DAY)
    with pytest.raises(TransitionError) as info:
        services.proposal_submit(proposal=p, actor=world.proposer.user)
    assert str(world.session.filing_deadline) in str(info.value)
    p.refresh_from_db()
    assert p.status == Status.DRAFT and p.receipt_number == ""
    _move_window(world.session, world.today + DAY, world.today + 5 * DAY)
    with pytest.raises(TransitionError):
        services.proposal_submit(proposal=p, actor=world.proposer.user)
    _move_window(world.session, world.today, world.today)  # the deadline day itself still counts
    assert services.proposal_submit(proposal=p, actor=world.proposer.user).status == Status.SUBMITTED


def test_between_session_proposals_are_filed_any_time(world):
    _move_window(world.session, world.today - 20 * DAY, world.today - DAY)
    p = services.proposal_submit(proposal=world.draft(kind=Kind.BETWEEN), actor=world.proposer.user)
    assert p.status == Status.SUBMITTED and p.receipt_seq == 1


# ---- content


def test_the_length_cap_is_the_committees_setting(world):
    long_text = "字" * 2000
    with pytest.raises(ValidationError) as info:
        world.draft(situation=long_text, suggestions="建" * 501)
    assert "suggestions" in info.value.message_dict
    p = world.draft(situation=long_text, suggestions="建" * 500)  # exactly 2,500 together
    with pytest.raises(ValidationError):
        services.proposal_update_draft(proposal=p, actor=world.proposer.user, suggestions="建" * 501)
    ProposalSettings.objects.filter(pk=world.settings.pk).update(body_max_chars=3000)
    services.proposal_update_draft(proposal=p, actor=world.proposer.user, suggestions="建" * 1000)
    p.refresh_from_db()
    assert p.body_length == 3000


def test_a_draft_may_be_incomplete_but_not_its_submission(world):
    p = world.draft(title="", category=None)
    with pytest.raises(ValidationError) as info:
        services.proposal_submit(proposal=p, actor=world.proposer.user)
    assert {"title", "category"} <= set(info.value.message_dict)


def test_only_the_proposer_edits_and_only_while_editable(world):
    p = world.draft()
    with pytest.raises(PermissionDenied):
        services.proposal_update_draft(proposal=p, actor=world.cosigner.user, title="别人改的")
    services.proposal_update_draft(proposal=p, actor=world.proposer.user, title="改过的案由", suggested_units=[world.unit])
    p.refresh_from_db()
    assert p.title == "改过的案由" and list(p.suggested_units.all()) == [world.unit]
    assert p.history.first().history_change_reason == str(TRANSITIONS["update_draft"].label)
    services.proposal_submit(proposal=p, actor=world.proposer.user)
    with pytest.raises(TransitionError):
        services.proposal_update_draft(proposal=p, actor=world.proposer.user, title="提交后再改")


def test_a_member_files_only_in_their_own_name(world):
    with pytest.raises(PermissionDenied):
        services.proposal_create_draft(actor=world.cosigner.user, session=world.session, proposer=world.proposer, title="冒名")
    outsider = factories.member(world.committee, name="非本届委员", user=factories.user())
    with pytest.raises(ValidationError):
        services.proposal_create_draft(actor=outsider.user, session=world.session, title="不是本届的")


# ---- co-signing


def test_joint_invitations_are_confirmed_or_declined_by_the_invited(world):
    p = world.draft()
    services.proposal_invite_cosigners(proposal=p, actor=world.proposer.user, members=[world.cosigner, world.cosigner2])
    first, second = p.signers.filter(position="cosigner").order_by("order")
    assert (first.status, second.status) == ("invited", "invited")
    with pytest.raises(PermissionDenied):
        services.signer_confirm(signer=first, actor=world.cosigner2.user)
    services.signer_confirm(signer=first, actor=world.cosigner.user)
    services.signer_decline(signer=second, actor=world.cosigner2.user, reason="不熟悉此领域")
    with pytest.raises(TransitionError):
        services.signer_confirm(signer=second, actor=world.cosigner2.user)  # answered already
    submitted = services.proposal_submit(proposal=p, actor=world.proposer.user)
    assert submitted.proposer_type == ProposerType.JOINT
    assert list(p.signers.values_list("status", flat=True).order_by("order")) == ["confirmed", "confirmed", "declined"]
    assert p in proposals_for_member(world.cosigner) and p not in proposals_for_member(world.cosigner2)


def test_unanswered_invitations_block_submission_by_default(world):
    p = world.draft()
    services.proposal_invite_cosigners(proposal=p, actor=world.proposer.user, members=[world.cosigner])
    with pytest.raises(TransitionError) as info:
        services.proposal_submit(proposal=p, actor=world.proposer.user)
    assert world.cosigner.name in str(info.value)
    services.proposal_uninvite_cosigner(proposal=p, actor=world.proposer.user, member=world.cosigner)
    submitted = services.proposal_submit(proposal=p, actor=world.proposer.user)
    assert submitted.proposer_type == ProposerType.INDIVIDUAL


def test_unanswered_invitations_lapse_at_submission_when_the_setting_says_so(world):
    ProposalSettings.objects.filter(pk=world.settings.pk).update(unconfirmed_cosigners="drop")
    p = world.draft()
    services.proposal_invite_cosigners(proposal=p, actor=world.proposer.user, members=[world.cosigner])
    services.proposal_submit(proposal=p, actor=world.proposer.user)
    assert p.signers.get(member=world.cosigner).status == Signer.State.LAPSED


def test_co_signing_closes_with_the_filing_deadline_when_the_setting_says_so(world):
    p = world.draft()
    services.proposal_invite_cosigners(proposal=p, actor=world.proposer.user, members=[world.cosigner])
    signer = p.signers.get(member=world.cosigner)
    _move_window(world.session, world.today - 20 * DAY, world.today - DAY)
    signer.refresh_from_db()
    assert invitation_expired(signer, world.today)
    with pytest.raises(TransitionError):
        services.signer_confirm(signer=signer, actor=world.cosigner.user)
    with pytest.raises(TransitionError):
        services.proposal_invite_cosigners(proposal=p, actor=world.proposer.user, members=[world.cosigner2])
    ProposalSettings.objects.filter(pk=world.settings.pk).update(cosign_by_filing_deadline=False)
    assert services.signer_confirm(signer=signer, actor=world.cosigner.user).status == Signer.State.CONFIRMED


def test_only_members_of_the_sessions_term_are_invited(world):
    p = world.draft()
    outsider = factories.member(world.committee, name="往届委员", user=factories.user())
    with pytest.raises(ValidationError):
        services.proposal_invite_cosigners(proposal=p, actor=world.proposer.user, members=[outsider])


def test_signers_keep_the_sector_and_party_they_had_at_filing(world):
    economy = factories.sector(world.committee, "经济界")
    p = world.submitted(joint=True)
    signer = p.signers.get(member=world.cosigner)
    assert (signer.sector, signer.party) == (world.sector, world.party)
    world.cosigner.memberships.update(sector=economy)  # changes sector later in the term
    signer.refresh_from_db()
    assert signer.sector == world.sector


# ---- collective proposals


def test_a_collective_account_files_for_its_organisation(world):
    account = world.collective_account()
    p = services.proposal_create_draft(
        actor=account, session=world.session, organisation=world.party, title="民盟关于职业教育的提案",
        category=world.category, situation="现状", suggestions="建议",
    )
    assert p.proposer_type == ProposerType.PARTY and p.is_collective and p.signers.count() == 0
    with pytest.raises(ValidationError):
        services.proposal_invite_cosigners(proposal=p, actor=account, members=[world.cosigner])
    submitted = services.proposal_submit(proposal=p, actor=account)
    assert submitted.status == Status.SUBMITTED and submitted.proposer_type == ProposerType.PARTY


def test_nobody_else_files_for_an_organisation(world):
    other_party = factories.party(world.committee, "九三学社")
    for actor in (world.proposer.user, world.collective_account(party=other_party)):
        with pytest.raises(PermissionDenied):
            services.proposal_create_draft(actor=actor, session=world.session, organisation=world.party, title="x")


def test_a_sector_files_through_its_account(world):
    account = world.collective_account(sector=world.sector)
    p = services.proposal_create_draft(actor=account, session=world.session, organisation=world.sector, title="界别提案",
                                       category=world.category, situation="a", suggestions="b")
    assert p.proposer_type == ProposerType.SECTOR and p.sector == world.sector


# ---- paper recorded on behalf


def test_the_secretariat_records_a_paper_proposal_with_its_scan_and_co_signatures(world):
    p = services.proposal_record_on_behalf(
        actor=world.secretariat, session=world.session, scan=pdf("手写提案.pdf"), proposer=world.proposer,
        cosigners=[world.cosigner], title="关于乡村道路养护的提案", category=world.category, situation="道路破损",
        suggestions="设立养护基金",
    )
    assert p.status == Status.SUBMITTED and p.recorded_on_behalf and p.receipt_seq == 1
    assert p.proposer_type == ProposerType.JOINT and p.created_by == world.secretariat
    assert all(s.status == "confirmed" and s.recorded_on_behalf for s in p.signers.all())
    assert p.signers.get(member=world.cosigner).sector == world.sector
    events = list(p.events.order_by("pk"))
    assert [e.action for e in events] == ["create", "confirm_cosign", "submit"]
    assert all(e.on_behalf and e.actor == world.secretariat for e in events)
    assert events[1].on_behalf_of == world.cosigner and events[2].on_behalf_of == world.proposer
    scan = p.paper_scan
    assert scan.name == "手写提案.pdf" and scan.owner == p
    assert user_can_read(world.cosigner.user, scan) and user_can_read(world.reviewer, scan)
    assert not user_can_read(world.cosigner2.user, scan) and not user_can_read(world.liaison, scan)
    services.proposal_accept(proposal=p, actor=world.reviewer)
    services.assignment_create(proposal=p, actor=world.secretariat, units=[(world.unit, "single")])
    scan = PrivateFile.objects.get(pk=scan.pk)
    assert user_can_read(world.liaison, scan) and not user_can_read(world.liaison2, scan)


def test_only_the_secretariat_records_on_behalf_and_within_the_window(world):
    kwargs = dict(session=world.session, proposer=world.proposer, title="纸质", category=world.category,
                  situation="a", suggestions="b")
    with pytest.raises(PermissionDenied):
        services.proposal_record_on_behalf(actor=world.reviewer, scan=pdf(), **kwargs)
    with pytest.raises(TransitionError):
        services.proposal_record_on_behalf(actor=world.secretariat, scan=pdf(), received_on=world.today - 30 * DAY, **kwargs)
    # Received on paper on the deadline day, keyed in after it: still in time.
    _move_window(world.session, world.today - 20 * DAY, world.today - DAY)
    p = services.proposal_record_on_behalf(actor=world.secretariat, scan=pdf(), received_on=world.today - DAY, **kwargs)
    submit = p.events.get(action="submit")
    assert submit.data["received_on"] == (world.today - DAY).isoformat()
    assert submit.at == p.submitted_at  # the event and the record agree to the microsecond


def test_a_collective_paper_proposal_is_recorded_with_its_sealed_scan(world):
    p = services.proposal_record_on_behalf(
        actor=world.secretariat, session=world.session, scan=pdf("盖章提案.pdf"), organisation=world.party,
        title="民盟提案", category=world.category, situation="a", suggestions="b",
    )
    assert p.proposer_type == ProposerType.PARTY and p.recorded_on_behalf
    account = world.collective_account()
    assert user_can_read(account, p.paper_scan)


# ---- review outcomes and revision


def test_returned_for_revision_and_resubmitted_keeps_the_receipt_number(world):
    p = world.submitted()
    services.proposal_return_for_revision(proposal=p, actor=world.reviewer, reason="请一事一案")
    p.refresh_from_db()
    assert p.status == Status.RETURNED and p.reason == "请一事一案"
    services.proposal_update_draft(proposal=p, actor=world.proposer.user, suggestions="只保留第一条建议")
    with pytest.raises(ValidationError):  # kind is fixed once submitted
        services.proposal_update_draft(proposal=p, actor=world.proposer.user, kind=Kind.BETWEEN)
    again = services.proposal_resubmit(proposal=p, actor=world.proposer.user)
    assert again.status == Status.SUBMITTED and again.receipt_seq == 1
    assert [e.action for e in p.events.order_by("pk")][-3:] == ["return_for_revision", "update_draft", "resubmit"]


def test_review_stages_are_recorded_as_events(world):
    p = world.submitted()
    services.proposal_review_stage(proposal=p, actor=world.reviewer, stage="first", opinion="拟立案")
    services.proposal_review_stage(proposal=p, actor=world.reviewer, stage="second", opinion="同意立案")
    stages = p.events.filter(action="review_stage").order_by("pk")
    assert [(e.data["stage"], e.reason) for e in stages] == [("first", "拟立案"), ("second", "同意立案")]
    with pytest.raises(ValueError):
        services.proposal_review_stage(proposal=p, actor=world.reviewer, stage="fourth")


def test_rejection_needs_a_reason_from_the_committees_list(world):
    p = world.submitted()
    foreign = factories.committee()
    services.rules_install_defaults(foreign)
    from proposals.models import RejectReason

    with pytest.raises(ValidationError):
        services.proposal_reject(proposal=p, actor=world.reviewer, reject_reason=RejectReason.objects.filter(committee=foreign).first())
    reason = RejectReason.objects.get(committee=world.committee, text="内容空泛、没有具体建议的")
    services.proposal_reject(proposal=p, actor=world.reviewer, reject_reason=reason, reason="请补充具体措施")
    p.refresh_from_db()
    assert p.status == Status.REJECTED and p.reject_reason == reason
    assert p.reason == "内容空泛、没有具体建议的 请补充具体措施" and p.decided_at is not None


def test_merging_keeps_the_link_to_an_accepted_case(world):
    case = world.accepted(title="主案")
    p = world.submitted(title="同一事项")
    with pytest.raises(ValidationError):
        services.proposal_merge(proposal=p, actor=world.reviewer, into=world.submitted(title="未立案的"))
    services.proposal_merge(proposal=p, actor=world.reviewer, into=case)
    p.refresh_from_db()
    assert p.status == Status.MERGED and p.merged_into == case and list(case.merged_proposals.all()) == [p]


def test_converting_to_a_public_opinion_report_creates_the_report(world):
    p = world.submitted()
    services.proposal_convert(proposal=p, actor=world.reviewer, to="social", reason="更适合社情民意")
    report = OpinionReport.objects.get(source_proposal=p)
    assert report.status == OpinionReport.State.SUBMITTED and report.reporter == world.proposer
    assert report.title == p.title and "扶持龙头企业" in report.body and report.committee == world.committee
    letter = services.proposal_convert(proposal=world.submitted(title="来信"), actor=world.reviewer, to="letter")
    assert letter.status == Status.CONVERTED_LETTER and not OpinionReport.objects.filter(source_proposal=letter).exists()


def test_batch_actions_run_the_service_per_proposal_and_report_each(world):
    good = [world.submitted(title=f"好{i}") for i in range(2)]
    draft = world.draft(title="还是草稿")
    results = services.batch_apply("accept", [good[0], draft, good[1]], actor=world.reviewer)
    assert [r.ok for r in results] == [True, False, True]
    assert "Draft" in results[1].error or "草稿" in results[1].error
    assert [r.proposal.case_seq for r in results if r.ok] == [1, 2]
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    refused = services.batch_apply("reject", [world.submitted(title="x")], actor=world.liaison, reject_reason=world.reject_reason())
    assert not refused[0].ok and refused[0].error
