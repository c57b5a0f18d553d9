"""Reads of proposals/: what the services and the first screens need.

Time-based states (expired invitations, 未表态, the code a reply had on a past date, whether a case
was replied by a cut-off) are derived here from dates, never stored. The statistics (as of a cut-off, as
single aggregate queries) are in proposals.statistics; reports/ reads them from there.
"""

import datetime
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Subquery, Value, When
from django.utils import timezone

from cppcc import clock
from members import permissions as member_permissions
from members.models import RoleAssignment, Session, TermMembership
from members.models.roles import Role
from members.permissions import member_of
from proposals.models import (
    Assignment, Evaluation, Extension, Proposal, ProposalSettings, Publication, Reply, Satisfaction, Signer,
)
from proposals.workflow import CASES, EDITABLE, TRANSITIONS, ReplyStatus, Status, flags

PRIMARY_ROLES = (Assignment.Role.SINGLE, Assignment.Role.LEAD, Assignment.Role.SPLIT)
UNIT_DONE = TRANSITIONS["sign_and_send"].assignment_target  # a unit's work on the assignment is done
COLLECTIVE_SCOPE = {"party": "party_id", "sector": "sector_id", "special_committee": "special_committee_id"}


def settings_for(committee) -> ProposalSettings:
    """The committee's proposal rules, created with the defaults on first use."""
    committee_id = getattr(committee, "pk", committee)
    obj, _created = ProposalSettings.objects.get_or_create(committee_id=committee_id)
    return obj


def local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment)


# ---- signers and proposals


def first_signer(proposal) -> Signer | None:
    return proposal.signers.filter(position=Signer.Position.FIRST).select_related("member").first()


def confirmed_signers(proposal) -> list[Signer]:
    return list(proposal.signers.filter(status=Signer.State.CONFIRMED).select_related("member").order_by("order", "pk"))


def invitation_deadline(proposal, settings=None) -> datetime.date | None:
    """The last day a co-signing invitation can be answered, or None when there is none."""
    from proposals.models import Kind

    settings = settings or settings_for(proposal.committee_id)
    if proposal.kind == Kind.PLENARY and settings.cosign_by_filing_deadline:
        return proposal.session.filing_deadline
    return None


def sessions_open_for_filing(sessions, day: datetime.date):
    """Of `sessions`, those a proposal may still be filed for on `day`: every session whose plenary
    filing deadline has not passed (open, or opening later), and in each committee the newest session
    whose window has opened (between-session proposals are filed for it all year, issue #11). A session
    superseded by a later one is closed and never offered."""
    rows = list(sessions)
    current = {}
    for s in rows:
        if s.filing_opens <= day and (s.committee_id not in current or s.filing_opens > current[s.committee_id].filing_opens):
            current[s.committee_id] = s
    keep = {s.pk for s in rows if s.filing_deadline >= day} | {s.pk for s in current.values()}
    return sessions.filter(pk__in=keep)


def filing_window_open(session, day: datetime.date) -> bool:
    return session.filing_opens <= day <= session.filing_deadline


def invitation_expired(signer, today: datetime.date) -> bool:
    deadline = invitation_deadline(signer.proposal)
    return signer.status == Signer.State.INVITED and deadline is not None and today > deadline


def proposals_for_member(member):
    """Proposals the member signed or is invited to sign, newest first."""
    return (
        Proposal.objects.filter(signers__member=member, signers__status__in=[Signer.State.INVITED, Signer.State.CONFIRMED])
        .select_related("session", "session__term", "category", "merged_into")
        .order_by("-created_at", "-pk")
    )


def proposals_for_organisation(*, party=None, sector=None, special_committee=None):
    """Collective proposals of one organisation."""
    scope = {k: v for k, v in {"party": party, "sector": sector, "special_committee": special_committee}.items() if v is not None}
    return Proposal.objects.filter(**scope).select_related("session", "session__term", "category").order_by("-created_at", "-pk")


def assignments_for_unit(unit, *, active_only=True):
    """A unit's assignments, soonest due first."""
    qs = Assignment.objects.filter(unit=unit)
    if active_only:
        qs = qs.filter(active=True)
    return qs.select_related("proposal", "proposal__session", "proposal__category", "unit").order_by("due_date", "pk")


def merged_into(case) -> list[Proposal]:
    return list(case.merged_proposals.filter(status=Status.MERGED).order_by("pk"))


# ---- who hears about what


def party_user_ids(proposal, *, with_merged=False) -> set[int]:
    """Users who speak for a proposal: its confirmed signers, or the collective account(s)."""
    proposals = [proposal] + (merged_into(proposal) if with_merged else [])
    ids = set()
    for p in proposals:
        if p.is_collective:
            scope = {name: getattr(p, attr) for name, attr in COLLECTIVE_SCOPE.items() if getattr(p, attr)}
            ids |= set(
                RoleAssignment.objects.active().filter(role=Role.COLLECTIVE, committee_id=p.committee_id, **scope)
                .values_list("user_id", flat=True)
            )
        else:
            ids |= set(
                p.signers.filter(status=Signer.State.CONFIRMED, member__user__isnull=False).values_list("member__user_id", flat=True)
            )
    return ids


def unit_staff_user_ids(unit) -> set[int]:
    return set(
        RoleAssignment.objects.active().filter(role__in=[Role.UNIT_LIAISON, Role.UNIT_LEADER], unit=unit)
        .values_list("user_id", flat=True)
    )


# ---- evaluations


class Slot(NamedTuple):
    """One expected evaluation of a reply: for `proposal`, by `member` (None: the organisation)."""

    proposal: Proposal
    member: object


def evaluation_slots(reply, settings=None) -> list[Slot]:
    """Who is asked to rate this reply: per setting the first proposer (or organisation) or every
    signer, of the case and of every proposal merged into it. A person is asked once."""
    case = reply.assignment.proposal
    settings = settings or settings_for(case.committee_id)
    slots, seen = [], set()
    for p in [case] + merged_into(case):
        if p.is_collective:
            slots.append(Slot(p, None))
            continue
        signers = confirmed_signers(p)
        if settings.evaluators == ProposalSettings.Evaluators.FIRST:
            signers = [s for s in signers if s.position == Signer.Position.FIRST]
        for s in signers:
            if s.member_id not in seen:
                seen.add(s.member_id)
                slots.append(Slot(p, s.member))
    return slots


def evaluation_deadline(reply, settings=None) -> datetime.date | None:
    if reply.sent_at is None:
        return None
    settings = settings or settings_for(reply.assignment.proposal.committee_id)
    return local_date(reply.sent_at) + datetime.timedelta(days=settings.evaluation_days)


@dataclass
class SlotState:
    slot: Slot
    evaluation: Evaluation | None
    state: str  # "rated", "pending" or "no_response" (未表态)
    counts_as: str = ""  # the satisfaction the figure uses: the rating, or satisfied for 未表态 by setting


@dataclass
class EvaluationState:
    deadline: datetime.date | None
    slots: list[SlotState] = field(default_factory=list)

    def count(self, state) -> int:
        return sum(1 for s in self.slots if s.state == state)

    @property
    def complete(self) -> bool:
        return all(s.state != "pending" for s in self.slots)


def evaluation_state(reply, today: datetime.date) -> EvaluationState:
    """Each expected evaluation of the reply's round as of `today`: rated, pending, or 未表态 once the
    time limit has passed without one (derived, never set by a job)."""
    settings = settings_for(reply.assignment.proposal.committee_id)
    deadline = evaluation_deadline(reply, settings)
    evaluations = [
        e for e in Evaluation.objects.filter(reply=reply, round=reply.round).select_related("evaluator")
        if local_date(e.submitted_at) <= today
    ]
    state = EvaluationState(deadline=deadline)
    for slot in evaluation_slots(reply, settings):
        found = next(
            (e for e in evaluations
             if (e.evaluator_id == slot.member.pk if slot.member else e.evaluator_id is None and e.proposal_id == slot.proposal.pk)),
            None,
        )
        if found:
            state.slots.append(SlotState(slot, found, "rated", found.overall))
        elif deadline is not None and today > deadline:
            counts = Satisfaction.SATISFIED if settings.no_response_counts_satisfied else ""
            state.slots.append(SlotState(slot, None, "no_response", counts))
        else:
            state.slots.append(SlotState(slot, None, "pending"))
    return state


# ---- replies and cases as of a moment


def reply_code_as_of(reply, moment: datetime.datetime):
    """The result code the reply had at `moment` (None before it was sent), after the corrections
    dated up to then; later corrections do not reach back."""
    if reply.sent_at is None or reply.sent_at > moment:
        return None
    corrections = list(reply.code_corrections.select_related("old_code", "new_code").order_by("at", "pk"))
    code = corrections[0].old_code if corrections else reply.result_code
    for correction in corrections:
        if correction.at > moment:
            break
        code = correction.new_code
    return code


def active_primary_assignments(proposal, as_of: datetime.datetime):
    """First-round single, lead and split assignments standing at `as_of` (returns accepted by then drop out)."""
    return (
        Assignment.objects.filter(proposal=proposal, round=1, role__in=PRIMARY_ROLES, assigned_at__lte=as_of)
        .exclude(Q(return_accepted=True) & Q(return_decided_at__lte=as_of))
    )


def case_is_replied(proposal, as_of: datetime.datetime) -> bool:
    """Replied (办复) at `as_of`: every standing single, lead or split assignment has a sent
    first-round reply by then; co-handling opinions do not count here."""
    sent = Reply.objects.filter(assignment=OuterRef("pk"), round=1, status=ReplyStatus.SENT, sent_at__lte=as_of)
    assignments = active_primary_assignments(proposal, as_of).annotate(replied=Exists(sent))
    return assignments.exists() and not assignments.filter(replied=False).exists()


def handling_stage(proposal, as_of: datetime.datetime) -> str:
    """Where a case stands with its units at `as_of`: "unassigned", "handling", "replied" or
    "rehandling" (a second round not yet replied); "" for a proposal that is not a case."""
    if not flags(proposal.status).is_case:
        return ""
    if not active_primary_assignments(proposal, as_of).exists():
        return "unassigned"
    sent = Reply.objects.filter(assignment=OuterRef("pk"), status=ReplyStatus.SENT, sent_at__lte=as_of)
    reopened = Assignment.objects.filter(proposal=proposal, round=2, active=True, assigned_at__lte=as_of)
    if reopened.annotate(replied=Exists(sent)).filter(replied=False).exists():
        return "rehandling"
    return "replied" if case_is_replied(proposal, as_of) else "handling"


def open_reply(assignment) -> Reply | None:
    """The reply being prepared for the assignment's round (draft or awaiting signature)."""
    return assignment.replies.filter(round=assignment.round).exclude(status=ReplyStatus.SENT).first()


def opinions_missing(assignment) -> list[Assignment]:
    """For a lead unit: the co-handling assignments of the same round whose opinion has not arrived
    (the lead may still send its reply; the page warns first). Empty for any other role."""
    if assignment.role != Assignment.Role.LEAD:
        return []
    return list(
        Assignment.objects.filter(proposal_id=assignment.proposal_id, round=assignment.round, active=True,
                                  role=Assignment.Role.CO, co_opinion__isnull=True)
        .select_related("unit").order_by("pk")
    )


def sent_reply(assignment) -> Reply | None:
    return assignment.replies.filter(round=assignment.round, status=ReplyStatus.SENT).first()


# ---- the timeline of a proposal

# Steps between a unit and the secretariat, or inside a unit, that are not the proposer's business:
# reply drafts and their signature round, co-handling opinions, returns, and reviewers' stage opinions.
INTERNAL_ACTIONS = frozenset({
    "draft_reply", "submit_for_signature", "send_back", "send_co_opinion",
    "request_return", "accept_return", "refuse_return", "review_stage",
})


def timeline(proposal, *, for_proposer=False) -> list:
    """The proposal's dated events, oldest first, with actor, on-behalf member and unit in one query.

    Each event gets `to_label`, the label of the state it moved its subject to ("" when the state did
    not change), and `actor_name`: the member's name for a member, else the user's full name or
    username. `for_proposer=True` leaves out the unit's and the review's internal steps.
    """
    from proposals.models import ProposalEvent
    from proposals.workflow import ASSIGNMENT, PROPOSAL, TRANSITIONS, state_choices

    events = (
        ProposalEvent.objects.filter(proposal=proposal)
        .select_related("actor__member", "on_behalf_of", "assignment__unit")
        .order_by("at", "pk")
    )
    if for_proposer:
        events = events.exclude(action__in=INTERNAL_ACTIONS)
    result = []
    for event in events:
        subject = TRANSITIONS[event.action].subject if event.action in TRANSITIONS else PROPOSAL
        if event.action == "rehandle":
            subject = ASSIGNMENT
        event.actor_name = _actor_name(event.actor)
        event.to_label = ""
        if event.to_status and event.to_status != event.from_status:
            try:
                event.to_label = state_choices(subject)(event.to_status).label
            except ValueError:
                event.to_label = event.to_status
        result.append(event)
    return result


def _actor_name(user) -> str:
    if user is None:
        return ""
    member = getattr(user, "member", None)  # joined above; None when the user is not a member
    return member.name if member is not None else (user.get_full_name() or user.get_username())


# ---- published cases (the public pages, proposals.public, and the drafting hint read the same rule)


def standing_publication(ref="pk"):
    return Publication.objects.filter(proposal=OuterRef(ref), withdrawn_at__isnull=True)


def public_q() -> Q:
    """A case the public may read: accepted (立案) and published, not taken down."""
    return Q(status__in=CASES) & Q(Exists(standing_publication()))


# ---- the member portal: who files, and the similar-proposal hint while drafting


PROPOSAL_JOINS = ("session__term", "category", "party", "sector", "special_committee", "merged_into", "reject_reason")


class Filer:
    """The person at the keyboard as a proposer: their member row and their collective-account roles."""

    def __init__(self, user):
        self.user = user
        self.member = member_of(user)
        self.collective = [a for a in member_permissions.assignments(user) if a.role == Role.COLLECTIVE]

    def __bool__(self):
        return self.member is not None or bool(self.collective)

    @property
    def committee_id(self):
        return self.member.committee_id if self.member is not None else self.collective[0].committee_id

    def sessions(self):
        """Sessions the person may file for: of the terms the member sits in, or of the account's committee."""
        q = Q(pk__in=[])
        if self.member is not None:
            q |= Q(committee_id=self.member.committee_id,
                   term__in=TermMembership.objects.filter(member=self.member).values("term"))
        if self.collective:
            q |= Q(committee_id__in={a.committee_id for a in self.collective})
        return Session.objects.filter(q).select_related("term").order_by("-plenary_start", "-pk")

    def proposals(self):
        """Proposals I signed (first or confirmed co-signer) or my organisation files, newest first."""
        q = Q(pk__in=[])
        if self.member is not None:
            q |= Q(pk__in=Signer.objects.filter(member=self.member, status=Signer.State.CONFIRMED).values("proposal_id"))
        for a in self.collective:
            scope = {f"{name}_id": getattr(a, f"{name}_id") for name in ("party", "sector", "special_committee")
                     if getattr(a, f"{name}_id")}
            q |= Q(committee_id=a.committee_id, **scope)
        first = Signer.objects.filter(proposal=OuterRef("pk"), position=Signer.Position.FIRST).values("member__name")[:1]
        qs = (
            Proposal.objects.filter(q)
            .select_related(*PROPOSAL_JOINS)
            .annotate(
                first_name=Subquery(first),
                pending_count=Count("signers", filter=Q(signers__status=Signer.State.INVITED)),
                cosigner_count=Count("signers", filter=Q(signers__status=Signer.State.CONFIRMED,
                                                         signers__position=Signer.Position.COSIGNER)),
            )
            .order_by("-created_at", "-pk")
        )
        if self.member is not None:
            mine = Signer.objects.filter(proposal=OuterRef("pk"), member=self.member).values("position")[:1]
            qs = qs.annotate(my_position=Subquery(mine))
        return qs

    def invitations(self):
        """Co-signing invitations waiting for my answer, each marked expired when its deadline passed."""
        if self.member is None:
            return []
        first = Signer.objects.filter(proposal=OuterRef("proposal_id"), position=Signer.Position.FIRST).values("member__name")[:1]
        invitations = list(
            Signer.objects.filter(member=self.member, status=Signer.State.INVITED, position=Signer.Position.COSIGNER,
                                  proposal__status__in=EDITABLE)
            .select_related("proposal__session__term", "proposal__category")
            .annotate(first_name=Subquery(first))
            .order_by("-invited_at", "-pk")
        )
        if invitations:
            rules = settings_for(self.committee_id)
            today = clock.today()
            for s in invitations:
                s.deadline = invitation_deadline(s.proposal, rules)
                s.expired = s.deadline is not None and today > s.deadline
        return invitations


def hint_scope(filer) -> tuple[Q, Q]:
    """Proposals the filer may read (proposals.permissions.can_view_proposal for a member or a collective
    account: those they sign or are invited to sign, their organisation's) and the committee's published cases."""
    q = Q(pk__in=[])
    committees = set()
    if filer.member is not None:
        committees.add(filer.member.committee_id)
        q |= Q(Exists(Signer.objects.filter(proposal=OuterRef("pk"), member=filer.member,
                                            status__in=[Signer.State.CONFIRMED, Signer.State.INVITED])))
    for a in filer.collective:
        committees.add(a.committee_id)
        scope = {f"{name}_id": getattr(a, f"{name}_id") for name in ("party", "sector", "special_committee")
                 if getattr(a, f"{name}_id")}
        if scope:
            q |= Q(committee_id=a.committee_id, **scope)
    return q, public_q() & Q(committee_id__in=committees)


def similar_proposals(filer, title, *, exclude=None) -> list[Proposal]:
    """Up to search.HINT_LIMIT proposals like `title` that the filer may read, best first, each marked
    `mine` (readable as the filer's own) or else published."""
    from proposals import search

    own_q, published_q = hint_scope(filer)
    qs = Proposal.objects.filter(own_q | published_q).select_related("session__term")
    if exclude:
        qs = qs.exclude(pk=exclude)
    rows = search.similar(qs, title)
    if not rows:
        return []
    own = set(Proposal.objects.filter(own_q, pk__in=[r.pk for r in rows]).values_list("pk", flat=True))
    for r in rows:
        r.mine = r.pk in own
    return rows


# ---- the unit portal: which assignments a person sees


def visible_assignments(user):
    """The user's units' assignments, and every assignment of the committees the user supervises."""
    from proposals.permissions import supervised_committee_ids

    return Assignment.objects.filter(
        Q(unit_id__in=member_permissions.unit_ids(user)) | Q(proposal__committee_id__in=supervised_committee_ids(user))
    )


def unit_listing(user):
    """The active assignments the user sees, annotated for the list, unreplied first, soonest due first."""
    stage = Reply.objects.filter(assignment=OuterRef("pk"), round=OuterRef("round"))
    return (
        visible_assignments(user).filter(active=True)
        .select_related("proposal", "unit")
        .annotate(
            awaiting=Exists(stage.filter(status=ReplyStatus.AWAITING_SIGNATURE)),
            drafted=Exists(stage.filter(status=ReplyStatus.DRAFT)),
            extended=Exists(Extension.objects.filter(assignment=OuterRef("pk"))),
            done=Case(When(status=UNIT_DONE, then=Value(1)), default=Value(0), output_field=IntegerField()),
        )
        .order_by("done", "due_date", "pk")
    )
