"""Duty-ledger entries a proposal earns its signers, written through members.services only.

Filing earns PROPOSAL_FILED (first proposer) or PROPOSAL_COSIGNED (each co-signer confirmed when the
proposal is filed; a draft earns nothing); acceptance earns PROPOSAL_ACCEPTED (per the settings,
every signer or the first only; a merged proposal too if the settings say so); withdrawal voids
them. The ledger is idempotent per (member, proposal, kind group), so re-running never double-counts.
Collective proposals have no member signers and earn no member entries.
"""

from django.conf import settings as django_settings
from django.utils import translation
from django.utils.translation import gettext as _

from members.models.ledger import DutyKind
from members.services import duty_record, duty_void
from proposals.models import ProposalSettings, Signer
from proposals.selectors import local_date, settings_for


def _basis(signers_count: int) -> str:
    with translation.override(django_settings.LANGUAGE_CODE):
        if signers_count > 1:
            return _("joint proposal, %(n)d signers") % {"n": signers_count}
        return _("individual proposal")


def credit_filing(proposal, *, actor) -> None:
    day = local_date(proposal.submitted_at)
    signers = list(proposal.signers.select_related("member"))
    confirmed = [s for s in signers if s.status == Signer.State.CONFIRMED]
    for signer in signers:
        if signer.status == Signer.State.CONFIRMED:
            kind = DutyKind.PROPOSAL_FILED if signer.position == Signer.Position.FIRST else DutyKind.PROPOSAL_COSIGNED
            duty_record(
                member=signer.member, kind=kind, title=proposal.title, duty_date=day, source=proposal,
                basis=_basis(len(confirmed)), actor=actor,
            )
        else:  # removed during revision: the entry of the earlier filing no longer stands
            duty_void(member=signer.member, source=proposal, kind=DutyKind.PROPOSAL_COSIGNED, actor=actor,
                      reason=signer.get_status_display())


def credit_acceptance(proposal, *, actor, merged=False) -> None:
    rules = settings_for(proposal.committee_id)
    if merged and not rules.merge_earns_accepted_credit:
        return
    confirmed = list(proposal.signers.filter(status=Signer.State.CONFIRMED).select_related("member"))
    credited = confirmed
    if rules.accepted_credit == ProposalSettings.AcceptedCredit.FIRST:
        credited = [s for s in confirmed if s.position == Signer.Position.FIRST]
    for signer in credited:
        duty_record(
            member=signer.member, kind=DutyKind.PROPOSAL_ACCEPTED, title=proposal.title,
            duty_date=local_date(proposal.decided_at), source=proposal, basis=_basis(len(confirmed)), actor=actor,
        )


def void_credits(proposal, *, actor, reason: str) -> None:
    for signer in proposal.signers.select_related("member"):
        duty_void(member=signer.member, source=proposal, kind=DutyKind.PROPOSAL_FILED, actor=actor, reason=reason)
        duty_void(member=signer.member, source=proposal, kind=DutyKind.PROPOSAL_ACCEPTED, actor=actor, reason=reason)
