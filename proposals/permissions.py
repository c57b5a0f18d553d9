"""Who may do and see what in proposals/.

`has_capability` answers the capability names of workflow.TRANSITIONS; `authorise` raises
PermissionDenied with a message saying who may act. Any step may instead be recorded by the
committee's secretariat on someone's behalf (代录, from paper), which the services mark as such.
At the bottom: who may read the private files attached to proposals, replies, evaluations and
co-handling opinions (registered with cppcc.files).
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from cppcc.files import register_file_access
from members import permissions as member_permissions
from members.permissions import member_of
from members.models.roles import Role
from proposals.models import Assignment, CoOpinion, Evaluation, Proposal, Reply, Signer
from proposals.workflow import Capability, flags

REVIEW_ROLES = {Role.SECRETARIAT, Role.REVIEWER}
# Read everything of their committee (the supervision office reads cases and replies, not drafts).
STAFF_READERS = {Role.SECRETARIAT, Role.REVIEWER, Role.CHAIR, Role.ADMIN}  # not the auditor (三员分立)


def _assignments(user):
    return member_permissions.assignments(user)


def roles_in(user, committee_id) -> set:
    return {a.role for a in _assignments(user) if a.committee_id == committee_id}


def proposal_of(obj) -> Proposal:
    if isinstance(obj, Proposal):
        return obj
    if isinstance(obj, (Signer, Assignment, Evaluation)):
        return obj.proposal
    if isinstance(obj, (Reply, CoOpinion)):
        return obj.assignment.proposal
    raise TypeError(f"no proposal for {type(obj).__name__}")


def unit_id_of(obj):
    if isinstance(obj, Assignment):
        return obj.unit_id
    if isinstance(obj, (Reply, CoOpinion)):
        return obj.assignment.unit_id
    raise TypeError(f"no unit for {type(obj).__name__}")


# ---- who is who


def is_secretariat(user, committee_id) -> bool:
    return Role.SECRETARIAT in roles_in(user, committee_id)


def is_reviewer(user, committee_id) -> bool:
    return bool(REVIEW_ROLES & roles_in(user, committee_id))


def is_collective_account(user, *, committee_id, party_id=None, sector_id=None, special_committee_id=None) -> bool:
    """The user speaks for this party, sector or special committee (a collective proposer account)."""
    for a in _assignments(user):
        if a.role != Role.COLLECTIVE or a.committee_id != committee_id:
            continue
        if (party_id and a.party_id == party_id) or (sector_id and a.sector_id == sector_id) or (
            special_committee_id and a.special_committee_id == special_committee_id
        ):
            return True
    return False


def is_collective_for(user, proposal) -> bool:
    return proposal.is_collective and is_collective_account(
        user, committee_id=proposal.committee_id, party_id=proposal.party_id, sector_id=proposal.sector_id,
        special_committee_id=proposal.special_committee_id,
    )


def is_first_proposer(user, proposal) -> bool:
    member = member_of(user)
    return member is not None and proposal.signers.filter(member=member, position=Signer.Position.FIRST).exists()


def is_proposer(user, proposal) -> bool:
    """The proposal's owner: its first proposer, or for a collective proposal the organisation's account."""
    return is_collective_for(user, proposal) if proposal.is_collective else is_first_proposer(user, proposal)


def is_signer(user, proposal) -> bool:
    """A confirmed or invited signer (invited members read the proposal to decide)."""
    member = member_of(user)
    return member is not None and proposal.signers.filter(
        member=member, status__in=[Signer.State.CONFIRMED, Signer.State.INVITED]
    ).exists()


def is_party(user, proposal) -> bool:
    return is_collective_for(user, proposal) or is_signer(user, proposal)


def is_unit_staff(user, unit_id) -> bool:
    return unit_id in member_permissions.unit_ids(user)


def is_unit_leader(user, unit_id) -> bool:
    return any(a.role == Role.UNIT_LEADER and a.unit_id == unit_id for a in _assignments(user))


def evaluator_slot(user, reply, slots=None):
    """The evaluation this user is asked to give for the reply, or None."""
    from proposals.selectors import evaluation_slots

    member = member_of(user)
    for slot in slots if slots is not None else evaluation_slots(reply):
        if slot.member is not None and member is not None and slot.member.pk == member.pk:
            return slot
        if slot.member is None and is_collective_for(user, slot.proposal):
            return slot
    return None


# ---- capabilities of the transition table

_CHECKS = {
    Capability.PROPOSER: lambda user, obj: is_proposer(user, proposal_of(obj)),
    Capability.INVITED_SIGNER: lambda user, obj: isinstance(obj, Signer) and obj.member.user_id == user.pk,
    Capability.REVIEWER: lambda user, obj: is_reviewer(user, proposal_of(obj).committee_id),
    Capability.SECRETARIAT: lambda user, obj: is_secretariat(user, proposal_of(obj).committee_id),
    Capability.UNIT_STAFF: lambda user, obj: is_unit_staff(user, unit_id_of(obj)),
    Capability.UNIT_LEADER: lambda user, obj: is_unit_leader(user, unit_id_of(obj)),
    Capability.EVALUATOR: lambda user, obj: evaluator_slot(user, obj) is not None,
}


def _refusal(capability) -> str:
    return {
        Capability.PROPOSER: _("Only the first proposer (or the proposing organisation) may do this."),
        Capability.INVITED_SIGNER: _("Only the invited member may answer this invitation."),
        Capability.REVIEWER: _("Only the proposal committee's reviewers or the secretariat may do this."),
        Capability.SECRETARIAT: _("Only the secretariat of the committee may do this."),
        Capability.UNIT_STAFF: _("Only the staff of the assigned handling unit may do this."),
        Capability.UNIT_LEADER: _("Only a leader of the assigned handling unit may sign the reply."),
        Capability.EVALUATOR: _("You are not asked to evaluate this reply."),
    }[capability]


def has_capability(user, capability, obj) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(_CHECKS[capability](user, obj))


def authorise(user, capability, obj, *, on_behalf=False) -> None:
    """Raise PermissionDenied unless the user holds the capability, or records it on behalf as the secretariat."""
    if on_behalf:
        if not is_secretariat(user, proposal_of(obj).committee_id):
            raise PermissionDenied(_("Only the secretariat of the committee may record a step on someone's behalf."))
        return
    if not has_capability(user, capability, obj):
        raise PermissionDenied(_refusal(capability))


def require_secretariat(user, committee_id) -> None:
    if not is_secretariat(user, committee_id):
        raise PermissionDenied(_refusal(Capability.SECRETARIAT))


# ---- reading


def _assigned_unit_ids(proposal, *, active_only=True) -> set:
    qs = proposal.assignments.all()
    if active_only:
        qs = qs.filter(active=True)
    return set(qs.values_list("unit_id", flat=True))


def is_special_staff_for(user, proposal) -> bool:
    """Special-committee staff of the special committee the proposal speaks for (a collective proposal
    in its name); staff granted for no one special committee serve them all (as in consultations)."""
    if proposal.special_committee_id is None:
        return False
    return any(
        a.role == Role.SPECIAL_STAFF and a.committee_id == proposal.committee_id
        and a.special_committee_id in (None, proposal.special_committee_id)
        for a in _assignments(user)
    )


def can_view_proposal(user, proposal) -> bool:
    """Its own people, the committee's staff readers, special-committee staff for their special committee's
    proposals; once it is a case, its units and the supervision office."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or is_party(user, proposal):
        return True
    roles = roles_in(user, proposal.committee_id)
    if proposal.submitted_at is None:  # a draft is seen by its proposers and the secretariat only
        return Role.SECRETARIAT in roles
    if roles & STAFF_READERS or is_special_staff_for(user, proposal):
        return True
    if flags(proposal.status).is_case:
        return Role.SUPERVISION in roles or bool(member_permissions.unit_ids(user) & _assigned_unit_ids(proposal))
    return False


@register_file_access(Proposal)
def can_read_proposal_file(user, proposal) -> bool:
    """The paper scan and attachments: whoever may read the proposal, by the same rule (drafts included)."""
    roles = roles_in(user, proposal.committee_id)
    if is_party(user, proposal):
        return True
    if proposal.submitted_at is None:  # a draft's files, like its page: its proposers and the secretariat
        return Role.SECRETARIAT in roles
    if roles & STAFF_READERS or is_special_staff_for(user, proposal):
        return True
    return flags(proposal.status).is_case and (
        Role.SUPERVISION in roles or bool(member_permissions.unit_ids(user) & _assigned_unit_ids(proposal))
    )


@register_file_access(Reply)
def can_read_reply_file(user, reply) -> bool:
    """The letter and the sealed scan: the proposers of the case (and of proposals merged into it),
    the replying unit, the committee's staff readers and the supervision office."""
    from proposals.selectors import merged_into

    case = reply.assignment.proposal
    roles = roles_in(user, case.committee_id)
    if roles & (STAFF_READERS | {Role.SUPERVISION}) or is_unit_staff(user, reply.assignment.unit_id):
        return True
    return any(is_party(user, p) for p in [case] + merged_into(case))


@register_file_access(Evaluation)
def can_read_evaluation_file(user, evaluation) -> bool:
    """The scanned evaluation form: the proposers it speaks for and the committee's staff readers."""
    return bool(roles_in(user, evaluation.proposal.committee_id) & STAFF_READERS) or is_party(user, evaluation.proposal)


@register_file_access(CoOpinion)
def can_read_co_opinion_file(user, opinion) -> bool:
    """A co-handling opinion: the co-handling unit, the lead unit, staff readers and supervision."""
    assignment = opinion.assignment
    roles = roles_in(user, assignment.proposal.committee_id)
    if roles & (STAFF_READERS | {Role.SUPERVISION}) or is_unit_staff(user, assignment.unit_id):
        return True
    lead_units = set(
        Assignment.objects.filter(proposal_id=assignment.proposal_id, role=Assignment.Role.LEAD, active=True)
        .values_list("unit_id", flat=True)
    )
    return bool(member_permissions.unit_ids(user) & lead_units)
