"""Duty-ledger entries of proposals: written once by the services, voided (never deleted) on withdrawal."""

from django.contrib.contenttypes.models import ContentType

from members.models import DutyEntry
from members.models.ledger import DutyKind
from proposals import services
from proposals.models import Proposal, ProposalSettings


def _standing(proposal):
    entries = DutyEntry.objects.standing().filter(
        source_type=ContentType.objects.get_for_model(Proposal), source_id=str(proposal.pk)
    )
    return sorted((e.member.name, e.kind) for e in entries)


def test_a_draft_earns_nothing(world):
    p = world.joint_draft()
    assert _standing(p) == []


def test_filing_writes_one_entry_per_signer(world):
    p = world.draft()
    services.proposal_invite_cosigners(proposal=p, actor=world.proposer.user, members=[world.cosigner, world.cosigner2])
    services.signer_confirm(signer=p.signers.get(member=world.cosigner), actor=world.cosigner.user)
    services.signer_decline(signer=p.signers.get(member=world.cosigner2), actor=world.cosigner2.user)
    services.proposal_submit(proposal=p, actor=world.proposer.user)
    assert _standing(p) == [("李明", DutyKind.PROPOSAL_COSIGNED), ("王芳", DutyKind.PROPOSAL_FILED)]
    entry = DutyEntry.objects.get(member=world.proposer)
    assert entry.title == p.title and entry.duty_date == world.today and entry.recorded_by == world.proposer.user


def test_revision_and_resubmission_do_not_count_twice(world):
    p = world.submitted(joint=True)
    services.proposal_return_for_revision(proposal=p, actor=world.reviewer, reason="补充")
    services.proposal_resubmit(proposal=p, actor=world.proposer.user)
    assert DutyEntry.objects.count() == 2
    assert _standing(p) == [("李明", DutyKind.PROPOSAL_COSIGNED), ("王芳", DutyKind.PROPOSAL_FILED)]


def test_a_co_signer_removed_during_revision_loses_the_entry(world):
    p = world.submitted(joint=True)
    services.proposal_return_for_revision(proposal=p, actor=world.reviewer, reason="补充")
    services.proposal_uninvite_cosigner(proposal=p, actor=world.proposer.user, member=world.cosigner, reason="本人要求退出")
    services.proposal_resubmit(proposal=p, actor=world.proposer.user)
    assert _standing(p) == [("王芳", DutyKind.PROPOSAL_FILED)]


def test_acceptance_credits_every_signer_by_default(world):
    p = world.accepted(joint=True)
    assert (("李明", DutyKind.PROPOSAL_ACCEPTED) in _standing(p)) and (("王芳", DutyKind.PROPOSAL_ACCEPTED) in _standing(p))
    assert len(_standing(p)) == 4


def test_acceptance_credits_the_first_proposer_only_when_the_setting_says_so(world):
    ProposalSettings.objects.filter(pk=world.settings.pk).update(accepted_credit="first")
    p = world.accepted(joint=True)
    accepted = [name for name, kind in _standing(p) if kind == DutyKind.PROPOSAL_ACCEPTED]
    assert accepted == ["王芳"]


def test_a_merged_proposal_earns_the_acceptance_entry_only_by_setting(world):
    case = world.accepted(title="主案")
    merged = services.proposal_merge(proposal=world.submitted(title="同题"), actor=world.reviewer, into=case)
    assert _standing(merged) == [("王芳", DutyKind.PROPOSAL_FILED)]
    ProposalSettings.objects.filter(pk=world.settings.pk).update(merge_earns_accepted_credit=True)
    other = services.proposal_merge(proposal=world.submitted(title="同题二"), actor=world.reviewer, into=case)
    assert _standing(other) == [("王芳", DutyKind.PROPOSAL_ACCEPTED), ("王芳", DutyKind.PROPOSAL_FILED)]


def test_a_rejected_proposal_keeps_its_filing_entry(world):
    p = world.submitted()
    services.proposal_reject(proposal=p, actor=world.reviewer, reject_reason=world.reject_reason())
    assert _standing(p) == [("王芳", DutyKind.PROPOSAL_FILED)]


def test_withdrawal_voids_the_entries_with_reversing_rows(world):
    p = world.submitted(joint=True)
    services.proposal_withdraw(proposal=p, actor=world.proposer.user, reason="问题已解决")
    assert _standing(p) == []
    rows = DutyEntry.objects.filter(source_id=str(p.pk))
    assert rows.count() == 4  # two entries and their two reversals: nothing deleted
    assert sum(r.quantity for r in rows) == 0
    assert set(rows.filter(reverses__isnull=False).values_list("reason", flat=True)) == {"问题已解决"}


def test_a_collective_proposal_earns_no_member_entries(world):
    account = world.collective_account()
    p = services.proposal_create_draft(actor=account, session=world.session, organisation=world.party, title="民盟提案",
                                       category=world.category, situation="a", suggestions="b")
    services.proposal_submit(proposal=p, actor=account)
    services.proposal_accept(proposal=p, actor=world.reviewer)
    assert _standing(p) == []
