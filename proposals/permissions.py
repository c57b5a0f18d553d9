"""Who may do and see what in proposals/: every "may this person do this now?" is answered here.

`has_capability` answers the capability names of workflow.TRANSITIONS; `authorise` raises
PermissionDenied with a message saying who may act. Any step may instead be recorded by the
committee's secretariat on someone's behalf (代录, from paper), which the services mark as such.
A workflow step is asked one way: `may` (the table allows it from the record's state and the person
holds its capability) for a button, `require` (the same, raising) for a page or a service about to act.
Then the other questions (printing forms, the ledger import, reminders, the unit portal) and, at the
bottom, who may read the private files attached to proposals, replies, evaluations, co-handling
opinions and paper templates (registered with cppcc.files).
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from cppcc.files import register_file_access
from members import permissions as member_permissions
from members.permissions import member_of
from members.models.roles import Role
from proposals import workflow
from proposals.errors import TransitionError
from proposals.models import Assignment, CoOpinion, Evaluation, PaperTemplate, Proposal, Reply, Signer
from proposals.workflow import TRANSITIONS, Capability, ReplyStatus, flags

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


# ---- may this person take this workflow step now? (the table, then the capability)


def _states(transition, obj) -> tuple:
    """The record's state in the action's subject machine, and the assignment's when the action asks it."""
    state = proposal_of(obj).status if transition.subject == workflow.PROPOSAL else obj.status
    assignment_state = obj.assignment.status if transition.assignment_sources is not None else None
    return state, assignment_state


def may(user, action, obj, *, on_behalf=False) -> bool:
    """The table allows `action` from obj's state and the user holds its capability (or, on behalf,
    is the committee's secretariat): the question behind every button and action link."""
    transition = TRANSITIONS[action]
    state, assignment_state = _states(transition, obj)
    try:
        workflow.check(action, state, assignment_state=assignment_state)
    except TransitionError:
        return False
    if on_behalf:
        return is_secretariat(user, proposal_of(obj).committee_id)
    return has_capability(user, transition.capability, obj)


def require(user, action, obj, *, on_behalf=False, states=None, table_first=False) -> workflow.Transition:
    """`may`, raising: PermissionDenied (who may act) or TransitionError (not from this state).

    A page asks the capability first, so a person who may not act is refused whatever the state; a
    service (services.base.begin) asks the table first and passes `states` as it read them from its
    locked rows (state, assignment state)."""
    transition = TRANSITIONS[action]
    state, assignment_state = states if states is not None else _states(transition, obj)
    if not table_first:
        authorise(user, transition.capability, obj, on_behalf=on_behalf)
    workflow.check(action, state, assignment_state=assignment_state)
    if table_first:
        authorise(user, transition.capability, obj, on_behalf=on_behalf)
    return transition


def may_reply_on_behalf(user, assignment) -> bool:
    """A paper reply (signed and sealed) recorded for the unit: an open assignment that replies to the proposer."""
    return (
        assignment.active and assignment.role != Assignment.Role.CO
        and may(user, "draft_reply", assignment, on_behalf=True)
    )


def may_remind(user, assignment) -> bool:
    """The 催办 button: the committee's secretariat, an overdue open assignment, not reminded today."""
    from proposals.services.handling import remind_refusal

    return is_secretariat(user, assignment.proposal.committee_id) and remind_refusal(assignment) is None


# ---- the other questions: the admin's lists, the unit portal, the ledger import, printed forms


def staff_committee_ids(user) -> set:
    """Committees where the user reads proposals in the admin (secretariat, reviewers, chairs, admins)."""
    return {a.committee_id for a in _assignments(user) if a.role in STAFF_READERS}


def secretariat_committee_ids(user) -> set:
    return {a.committee_id for a in _assignments(user) if a.role == Role.SECRETARIAT}


def reviewer_committee_ids(user) -> set:
    return {a.committee_id for a in _assignments(user) if a.role in REVIEW_ROLES}


def supervised_committee_ids(user) -> set:
    return {a.committee_id for a in _assignments(user) if a.role == Role.SUPERVISION}


def may_see_dashboard(user) -> bool:
    """The admin's proposal figures (home panel and dashboard): the model's view permission and a
    committee whose proposals the user reads."""
    from wagtail.permissions import policy_registry

    policy = policy_registry.get_by_type(Proposal)
    return policy.user_has_permission(user, "view") and (user.is_superuser or bool(staff_committee_ids(user)))


def may_see_paper_forms(user) -> bool:
    """The admin's paper-forms page: administrators, and the staff readers of a committee."""
    from members.models import Committee

    if user.is_superuser or member_permissions.is_administrator(user):
        return Committee.objects.exists()
    return Committee.objects.filter(pk__in=staff_committee_ids(user)).exists()


def may_use_unit_portal(user) -> bool:
    """Unit staff and the supervision office."""
    return bool(member_permissions.unit_ids(user) or supervised_committee_ids(user))


def may_open_ledger_import(user) -> bool:
    """The import page: the secretariat of some committee (each session is checked by may_import_ledger)."""
    return member_permissions.has_role(user, Role.SECRETARIAT)


def may_import_ledger(user, committee) -> bool:
    """The ledger is the secretariat's: the committee's secretariat imports it (administrators take no
    workflow decisions, as everywhere in proposals/)."""
    return bool(getattr(user, "is_authenticated", False)) and committee is not None and is_secretariat(user, committee.pk)


def _staff_reader(user, committee_id) -> bool:
    return bool(roles_in(user, committee_id) & STAFF_READERS)


def may_print_proposal(user, proposal) -> bool:
    """The committee's staff readers (a draft: the secretariat only), the proposer, co-signers and the
    organisation's account."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or is_party(user, proposal):
        return True
    if proposal.submitted_at is None:
        return is_secretariat(user, proposal.committee_id)
    return _staff_reader(user, proposal.committee_id)


def may_print_case_list(user, session) -> bool:
    return getattr(user, "is_authenticated", False) and (user.is_superuser or _staff_reader(user, session.committee_id))


def may_print_unit_list(user, unit) -> bool:
    """Staff readers, the unit's own staff and the supervision office (which reads every unit's cases)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or _staff_reader(user, unit.committee_id) or is_unit_staff(user, unit.pk):
        return True
    return Role.SUPERVISION in roles_in(user, unit.committee_id)


def may_print_evaluation(user, reply) -> bool:
    """A sent reply's form: staff readers, and those asked to evaluate it."""
    if not getattr(user, "is_authenticated", False) or reply.status != ReplyStatus.SENT:
        return False
    if user.is_superuser or _staff_reader(user, reply.assignment.proposal.committee_id):
        return True
    return evaluator_slot(user, reply) is not None


def may_manage_templates(user, committee_id) -> bool:
    return getattr(user, "is_authenticated", False) and (
        member_permissions.is_administrator(user) or is_secretariat(user, committee_id)
    )


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


@register_file_access(PaperTemplate)
def can_read_template_file(user, template) -> bool:
    """An uploaded template: the committee's staff readers (it holds no personal data)."""
    return _staff_reader(user, template.committee_id) or member_permissions.is_administrator(user)
