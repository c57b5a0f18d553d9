"""Proposal statistics (docs/domain.md#statistics) for a report period, as of a cut-off (截至).

Stable API (reports/ reads it; names and fields do not change, new fields may be added):

    overview(period, as_of=None) -> Overview                 every headline figure, rates as cppcc.rates.Rate
    by_proposer_type(period, as_of=None) -> list[GroupRow]   委员 (individual + joint), 党派团体, 界别, 专委会
    by_category(period, as_of=None) -> list[GroupRow]        the committee's categories, in their order
    by_sector(period, as_of=None) -> list[GroupRow]          first signer's sector at filing / the sector
    by_party(period, as_of=None) -> list[GroupRow]           first signer's party at filing / the party
    by_unit(period, as_of=None) -> list[UnitRow]             per handling unit (co-handling counts there)
    by_member(period, as_of=None) -> dict[member_id, MemberProposals]   led, co-signed, accepted per member
    case_rows(period, as_of=None, *, cases_only=False) -> Iterator[dict]   one row per received proposal
    overdue_assignments(committee, as_of=None, *, period=None) -> QuerySet[Assignment]
        annotated `due_at` (due date with the extensions granted by the cut-off) and `days_overdue` (int)
    awaiting_signature(committee, as_of=None, *, period=None) -> QuerySet[Reply]   annotated `waiting_since`
    evaluations_due(committee, as_of=None, *, period=None) -> QuerySet[Reply]
        sent replies still missing evaluations, annotated `missing` (slots not rated) and `past_limit` (未表态)
    received(period, as_of=None) -> QuerySet[Proposal]      the proposals a figure counts, annotated `state`

`period` is a members.periods.Period (one session, or one calendar year); `as_of` is a date (the end of
that day in Beijing), an aware datetime, or None (now), turned into one instant by
members.periods.cutoff_moment. Every row dataclass has a `label` (translated) and a `key`.

How "as of the cut-off" is read from the dated facts, so that anything recorded later (a reply, an
evaluation, a code correction, an accepted return, an extension) leaves the figures of an earlier
cut-off unchanged:

- received: submitted (Proposal.submitted_at, the date of the submit event) at or before the cut-off;
  drafts, and proposals withdrawn as drafts, were never received.
- a proposal's state: the to_status of its last state-changing proposal event (workflow.TRANSITIONS
  with subject PROPOSAL and a target) at or before the cut-off; its outcome column is
  workflow.STATE_FLAGS[state].report_bucket (退回修改 counts as 审查中). The buckets add up to received.
- an assignment is active while assigned at or before the cut-off and not returned (return accepted) by
  then; a reply counts once sent by then (Reply.sent_at); a co-handling opinion once sent by then.
- the due date at the cut-off is the new date of the last extension granted by then, else the
  original due date.
- a reply's result code at the cut-off: the CodeCorrection rows dated by then (B → A later keeps B).
- a case is replied (办复) when every active single, lead or split assignment of round 1 has a sent
  round-1 reply; on time (按时办复) when every one of those replies was sent on or before its due date.
- a case's code (采纳率): the code of its replied primary unit (single or lead); for a split case the
  best or worst (ResultCode.order, lower is better) by ProposalSettings.split_case_code. It counts as
  adopted when ResultCode.is_adopted, or also opens_follow_up (A+B) with adoption_counts_in_plan; the
  rate is over replied cases. Round-1 replies only: re-handling outcomes are reported apart.
- satisfaction: the evaluations of the latest round of each reply chain. A round-1 reply's
  evaluations stop counting once its round-2 (re-handling) reply is rated or has passed its time
  limit. 未表态 counts expected evaluations (proposals.selectors.evaluation_slots: the first proposer
  or organisation, or every signer, of the case and of the proposals merged into it) missing after
  ProposalSettings.evaluation_days; it is left out of the rates, or counted as satisfied when
  no_response_counts_satisfied.
- participation (参与率): distinct members serving in the period (members.selectors.serving: a membership
  of the period's term(s) current in the period and started by the cut-off; a member of two terms in
  the year a term changes counts once) who filed or confirmed co-signing a received member proposal of
  the period / those members. by_member gives the same signers per member (the member sheet).
- sector and party (by_sector, by_party): for a member proposal, the first signer's sector and party
  as copied at filing (Signer.sector/party, so a later change of sector does not move old proposals);
  for a sector or party collective proposal, that organisation; other collective proposals are in a
  row of their own (key None).
- which proposals a period holds: a session, its proposals; a year, per ProposalSettings.year_counting:
  plenary proposals of the sessions whose plenary opens in the year plus between-session proposals
  submitted in the year (Beijing dates), or every proposal by its submission date.

Each figure group is one aggregate query (Exists/Subquery annotations, then aggregate or
values+annotate), so the number of queries does not grow with the number of proposals.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import (
    BooleanField, Case, Count, DateField, Exists, ExpressionWrapper, F, Func, IntegerField, OuterRef, Q, Subquery,
    Sum, Value, When,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cppcc.rates import Rate, rate
from members.periods import Period, cutoff_moment
from members.selectors import serving
from proposals.models import (
    Assignment, CodeCorrection, Evaluation, Kind, Proposal, ProposalEvent, ProposalSettings,
    ResultCode, Reply, Satisfaction, Signer,
)
from proposals.models.handling import active_q, answered_q, due_at, local_day, sent_reply
from proposals.models.proposal import MEMBER_TYPES, ProposerType
from proposals.selectors import PRIMARY_ROLES, settings_for
from proposals.workflow import CASES, PROPOSAL, REPLY, STATE_FLAGS, TRANSITIONS, ReplyStatus, Status

__all__ = [
    "Overview", "GroupRow", "UnitRow", "BUCKETS", "BUCKET_LABELS", "overview", "by_proposer_type", "by_category",
    "by_sector", "by_party", "by_unit", "case_rows", "overdue_assignments", "awaiting_signature", "evaluations_due",
    "received", "filter_replies_by_evaluation", "MemberProposals", "by_member",
]

# ---- the outcome columns (workflow.STATE_FLAGS.report_bucket), in the order reports print them

BUCKETS = (
    "accepted", "merged", "converted_opinion", "converted_social", "converted_letter", "rejected", "withdrawn",
    "reviewing",
)
BUCKET_LABELS = {
    "accepted": _("Accepted as cases (立案)"),
    "merged": _("Merged (并案)"),
    "converted_opinion": _("Converted to opinions for reference (转意见建议/作参考)"),
    "converted_social": _("Converted to public-opinion reports (转社情民意)"),
    "converted_letter": _("Treated as members' letters (作委员来信)"),
    "rejected": _("Not accepted (不予立案)"),
    "withdrawn": _("Withdrawn (撤案)"),
    "reviewing": _("Under review (审查中)"),
}
STATES_OF = {b: [s.value for s, f in STATE_FLAGS.items() if f.report_bucket == b] for b in BUCKETS}
CASE_STATES = sorted(s.value for s in CASES)
# Events whose to_status is a state of the proposal (actions that record without moving it are left out,
# and so are assignment and reply events, whose states share some names with the proposal's).
PROPOSAL_STATE_ACTIONS = sorted(k for k, t in TRANSITIONS.items() if t.subject == PROPOSAL and t.target is not None)
REPLY_STATE_ACTIONS = sorted(k for k, t in TRANSITIONS.items() if t.subject == REPLY and t.target is not None)

PROPOSER_GROUPS = (
    ("member", _("Members (委员)")),
    (ProposerType.PARTY.value, _("Parties and people's organisations (党派团体)")),
    (ProposerType.SECTOR.value, _("Sectors (界别)")),
    (ProposerType.SPECIAL_COMMITTEE.value, _("Special committees (专委会)")),
)
RATING_LABELS = {
    Satisfaction.SATISFIED: _("Satisfied (满意)"), Satisfaction.BASIC: _("Basically satisfied (基本满意)"),
    Satisfaction.UNSATISFIED: _("Not satisfied (不满意)"), "no_response": _("No response (未表态)"),
}


# ---- the results


@dataclass(frozen=True)
class Overview:
    """Every headline figure of a period as of the cut-off (counts are ints, rates cppcc.rates.Rate)."""

    label: str
    as_of: datetime.datetime
    day: datetime.date  # the cut-off's date in Beijing (截至)
    received: int = 0
    accepted: int = 0
    merged: int = 0
    converted_opinion: int = 0
    converted_social: int = 0
    converted_letter: int = 0
    rejected: int = 0
    withdrawn: int = 0
    reviewing: int = 0
    acceptance_rate: Rate = rate(0, 0)  # 立案率 = accepted / received
    assigned: int = 0  # cases with at least one active single, lead or split assignment
    assignments: int = 0  # active first-round assignments of every role
    replied: int = 0  # 办复 cases
    reply_rate: Rate = rate(0, 0)  # 办复率 = replied / accepted
    on_time: int = 0
    on_time_rate: Rate = rate(0, 0)  # 按时办复率 = replied on time / accepted
    adopted: int = 0
    adoption_rate: Rate = rate(0, 0)  # 采纳率 = adopted / replied
    adoption_counts_in_plan: bool = False  # True: adopted means A+B (say so in the report)
    satisfied: int = 0  # evaluations (未表态 added when it counts as satisfied)
    basic: int = 0
    unsatisfied: int = 0
    no_response: int = 0  # 未表态: expected evaluations missing after the time limit
    no_response_counts_satisfied: bool = False
    evaluated: int = 0  # the denominator of the three satisfaction rates
    pending_evaluations: int = 0  # expected evaluations still within the time limit
    satisfaction_rate: Rate = rate(0, 0)  # 满意率
    basic_rate: Rate = rate(0, 0)  # 基本满意率
    satisfied_or_basic_rate: Rate = rate(0, 0)  # 满意和基本满意率
    rehandled: int = 0  # cases reopened after 不满意 (重新办理)
    rehandling_assignments: int = 0
    rehandling_replied: int = 0
    rehandling_satisfied: int = 0
    rehandling_basic: int = 0
    rehandling_unsatisfied: int = 0
    participants: int = 0  # members who filed or co-signed
    members: int = 0
    participation_rate: Rate = rate(0, 0)  # 参与率
    overdue: int = 0  # active assignments of the period's cases past due without a reply

    @property
    def converted(self) -> int:
        return self.converted_opinion + self.converted_social + self.converted_letter

    def buckets(self) -> list[tuple[str, str, int]]:
        """(key, label, count) of every outcome column, which add up to `received`."""
        return [(b, BUCKET_LABELS[b], getattr(self, b)) for b in BUCKETS]


@dataclass(frozen=True)
class GroupRow:
    """One line of a breakdown (by proposer type, category, sector or party)."""

    key: object
    label: str
    received: int = 0
    accepted: int = 0
    merged: int = 0
    converted_opinion: int = 0
    converted_social: int = 0
    converted_letter: int = 0
    rejected: int = 0
    withdrawn: int = 0
    reviewing: int = 0
    replied: int = 0
    on_time: int = 0
    adopted: int = 0
    acceptance_rate: Rate = rate(0, 0)
    reply_rate: Rate = rate(0, 0)
    on_time_rate: Rate = rate(0, 0)
    adoption_rate: Rate = rate(0, 0)

    @property
    def converted(self) -> int:
        return self.converted_opinion + self.converted_social + self.converted_letter


@dataclass(frozen=True)
class UnitRow:
    """One handling unit: its first-round assignments (co-handling included), replies, delays and ratings."""

    key: int
    label: str
    assignments: int = 0  # active first-round assignments, every role
    single: int = 0
    split: int = 0
    lead: int = 0
    co: int = 0
    replied: int = 0  # replies sent, or co-handling opinions sent
    on_time: int = 0
    overdue: int = 0  # active assignments of any round past due without a reply
    rehandling: int = 0  # second-round assignments (re-handling after 不满意)
    satisfied: int = 0
    basic: int = 0
    unsatisfied: int = 0
    no_response: int = 0
    evaluated: int = 0
    reply_rate: Rate = rate(0, 0)
    on_time_rate: Rate = rate(0, 0)
    satisfaction_rate: Rate = rate(0, 0)
    satisfied_or_basic_rate: Rate = rate(0, 0)


# ---- the cut-off


@dataclass(frozen=True)
class Cut:
    """One instant and what the figures need to know about it."""

    moment: datetime.datetime
    day: datetime.date
    settings: ProposalSettings

    @property
    def no_response_before(self) -> datetime.datetime:
        """Replies sent before this instant have passed the evaluation time limit at the cut-off
        (selectors.evaluation_state: 未表态 once the local date is after sent date + evaluation_days)."""
        return local_start(self.day - datetime.timedelta(days=self.settings.evaluation_days))


def local_start(day: datetime.date) -> datetime.datetime:
    """The aware instant a Beijing day begins."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def cut(committee, as_of=None) -> Cut:
    moment = cutoff_moment(as_of)
    return Cut(moment=moment, day=timezone.localdate(moment), settings=settings_for(committee))


# ---- which proposals a period holds


def period_q(period: Period, settings: ProposalSettings) -> Q:
    """The proposals of the period, by session or by year (ProposalSettings.year_counting)."""
    q = Q(committee_id=period.committee.pk)
    if period.session is not None:
        return q & Q(session_id=period.session.pk)
    start, end = local_start(datetime.date(period.year, 1, 1)), local_start(datetime.date(period.year + 1, 1, 1))
    filed_in_year = Q(submitted_at__gte=start, submitted_at__lt=end)
    if settings.year_counting == ProposalSettings.YearCounting.SUBMITTED:
        return q & filed_in_year
    plenary_in_year = Q(
        kind=Kind.PLENARY, session__plenary_start__gte=datetime.date(period.year, 1, 1),
        session__plenary_start__lte=datetime.date(period.year, 12, 31),
    )
    return q & (plenary_in_year | Q(kind=Kind.BETWEEN) & filed_in_year)


def _period_proposals(period: Period, c: Cut):
    """Received by the cut-off (submitted; drafts never are), without annotations (for `__in`)."""
    return Proposal.objects.filter(period_q(period, c.settings), submitted_at__isnull=False, submitted_at__lte=c.moment)


def state_at(moment) -> Subquery:
    """The proposal's state at `moment`: the to_status of its last state-changing proposal event by then."""
    return Subquery(
        ProposalEvent.objects.filter(proposal=OuterRef("pk"), action__in=PROPOSAL_STATE_ACTIONS, at__lte=moment)
        .order_by("-at", "-pk").values("to_status")[:1]
    )


def received(period: Period, as_of=None):
    """The proposals a figure of the period counts at the cut-off, each annotated with its `state` then."""
    c = cut(period.committee, as_of)
    return _period_proposals(period, c).annotate(state=state_at(c.moment))


# ---- assignments, replies and codes at a cut-off (the expressions every figure shares)


def code_at(moment):
    """A reply's result code id at `moment` after the corrections dated by then (selectors.reply_code_as_of)."""
    corrected = CodeCorrection.objects.filter(reply=OuterRef("pk"), at__lte=moment).order_by("-at", "-pk").values("new_code")[:1]
    original = CodeCorrection.objects.filter(reply=OuterRef("pk")).order_by("at", "pk").values("old_code")[:1]
    return Coalesce(Subquery(corrected), Subquery(original), F("result_code"), output_field=IntegerField())


def _primary(moment):
    """The case's active single, lead and split assignments of round 1 (OuterRef: the proposal)."""
    return Assignment.objects.filter(proposal=OuterRef("pk"), round=1, role__in=PRIMARY_ROLES).filter(active_q(moment))


def _case_code(c: Cut) -> Subquery:
    """The case's code: its replied primary unit's, the best or worst of them for a split case."""
    m = c.moment
    replies = (
        Reply.objects.filter(
            assignment__proposal=OuterRef("pk"), assignment__round=1, assignment__role__in=PRIMARY_ROLES, round=1,
            status=ReplyStatus.SENT, sent_at__lte=m,
        ).filter(active_q(m, "assignment__"))
        .annotate(code_id=code_at(m))
        .annotate(code_rank=Subquery(ResultCode.objects.filter(pk=OuterRef("code_id")).values("order")[:1]))
    )
    best = c.settings.split_case_code == ProposalSettings.SplitCaseCode.BEST
    order = ("code_rank", "code_id") if best else ("-code_rank", "-code_id")
    return Subquery(replies.order_by(*order).values("code_id")[:1], output_field=IntegerField())


def _adopting_codes(c: Cut):
    counts = Q(is_adopted=True)
    if c.settings.adoption_counts_in_plan:
        counts |= Q(opens_follow_up=True)
    return ResultCode.objects.filter(counts, committee_id=c.settings.committee_id)


def _with_case_figures(qs, c: Cut):
    """Proposals annotated with `state` and, for cases, whether they are assigned, replied, on time and adopted."""
    m = c.moment
    primary_due = _primary(m).annotate(due_at=due_at(m))
    return qs.annotate(
        state=state_at(m),
        has_primary=Exists(_primary(m)),
        unreplied=Exists(_primary(m).filter(~Exists(sent_reply(m)))),
        late=Exists(primary_due.filter(
            ~Exists(sent_reply(m).annotate(day=local_day("sent_at")).filter(day__lte=OuterRef("due_at")))
        )),
        case_code=_case_code(c),
    ).annotate(
        adopting=Exists(_adopting_codes(c).filter(pk=OuterRef("case_code"))),
    )


REPLIED = Q(state__in=CASE_STATES, has_primary=True, unreplied=False)


def _case_counts() -> dict:
    """The aggregates every breakdown row shares (over proposals annotated by _with_case_figures)."""
    counts = {"received": Count("pk")}
    for bucket in BUCKETS:
        counts[bucket] = Count("pk", filter=Q(state__in=STATES_OF[bucket]))
    counts["replied"] = Count("pk", filter=REPLIED)
    counts["on_time"] = Count("pk", filter=REPLIED & Q(late=False))
    counts["adopted"] = Count("pk", filter=REPLIED & Q(adopting=True))
    return counts


def _group_row(key, label, values: dict) -> GroupRow:
    v = {name: int(values.get(name) or 0) for name in ["received", *BUCKETS, "replied", "on_time", "adopted"]}
    return GroupRow(
        key=key, label=str(label), **v,
        acceptance_rate=rate(v["accepted"], v["received"]), reply_rate=rate(v["replied"], v["accepted"]),
        on_time_rate=rate(v["on_time"], v["accepted"]), adoption_rate=rate(v["adopted"], v["replied"]),
    )


# ---- evaluations


def _eval_count(moment, *overall):
    qs = Evaluation.objects.filter(reply=OuterRef("pk"), round=OuterRef("round"), submitted_at__lte=moment)
    if overall:
        qs = qs.filter(overall__in=overall)
    return Coalesce(
        Subquery(qs.order_by().values("reply").annotate(n=Count("pk")).values("n")[:1]), 0, output_field=IntegerField(),
    )


def _slots(moment, *, first_only: bool):
    """How many evaluations the reply expects (selectors.evaluation_slots, as one expression): the first
    proposer, or every confirmed signer, counted once per person, of the case and of the proposals merged
    into it by `moment`, plus one per collective proposal among them (OuterRef: the reply)."""
    case = OuterRef("assignment__proposal_id")
    merged = Q(merged_into_id=case, status=Status.MERGED, decided_at__lte=moment)
    # `proposal_id IN (the case and what merged into it)`: an OR across the join made PostgreSQL scan
    # the signer table once per reply (quadratic at national size); this form uses the indexes.
    outer = OuterRef(case)  # one level deeper than `case`
    cases = Proposal.objects.filter(
        Q(pk=outer) | Q(merged_into_id=outer, status=Status.MERGED, decided_at__lte=moment)
    ).values("pk")
    signers = Signer.objects.filter(
        proposal_id__in=cases, status=Signer.State.CONFIRMED, proposal__proposer_type__in=MEMBER_TYPES,
    )
    if first_only:
        signers = signers.filter(position=Signer.Position.FIRST)
    people = signers.order_by().values("proposal__committee_id").annotate(n=Count("member", distinct=True)).values("n")[:1]
    organisations = (
        Proposal.objects.filter(Q(pk=case) | merged).exclude(proposer_type__in=MEMBER_TYPES)
        .order_by().values("committee_id").annotate(n=Count("pk")).values("n")[:1]
    )
    return (
        Coalesce(Subquery(people), 0, output_field=IntegerField())
        + Coalesce(Subquery(organisations), 0, output_field=IntegerField())
    )


def _superseded(moment, past_limit: Q):
    """A later round of the reply's chain (re-handling) has been rated, or has passed its time limit."""
    later = Reply.objects.filter(
        assignment__previous=OuterRef("assignment"), assignment__round__gt=OuterRef("round"), round__gt=OuterRef("round"),
        status=ReplyStatus.SENT, sent_at__lte=moment,
    ).filter(
        past_limit
        | Exists(Evaluation.objects.filter(reply=OuterRef("pk"), round=OuterRef("round"), submitted_at__lte=moment))
    )
    return Exists(later)


def _with_evaluation_figures(replies, c: Cut, *, slots=None, no_response_before=None):
    """Sent replies annotated with their evaluations by the cut-off: counts per rating, `missing`
    (expected but not rated), `past_limit` (the time limit has passed: missing ones are 未表态) and
    `superseded` (a later round of the chain stands instead). `slots` and `no_response_before` default
    to the cut-off's committee settings (filter_replies_by_evaluation passes per-committee ones)."""
    m = c.moment
    if slots is None:
        slots = _slots(m, first_only=c.settings.evaluators == ProposalSettings.Evaluators.FIRST)
    limit = Q(sent_at__lt=c.no_response_before) if no_response_before is None else no_response_before
    return replies.filter(status=ReplyStatus.SENT, sent_at__lte=m).annotate(
        n_satisfied=_eval_count(m, Satisfaction.SATISFIED),
        n_basic=_eval_count(m, Satisfaction.BASIC),
        n_unsatisfied=_eval_count(m, Satisfaction.UNSATISFIED),
        n_rated=_eval_count(m),
        n_slots=slots,
        superseded=_superseded(m, limit),
        past_limit=ExpressionWrapper(limit, output_field=BooleanField()),
    ).annotate(
        missing=Greatest(F("n_slots") - F("n_rated"), Value(0), output_field=IntegerField()),
    )


def _evaluation_sums(prefix="") -> dict:
    standing = Q(superseded=False)
    return {
        f"{prefix}satisfied": Sum("n_satisfied", filter=standing),
        f"{prefix}basic": Sum("n_basic", filter=standing),
        f"{prefix}unsatisfied": Sum("n_unsatisfied", filter=standing),
        f"{prefix}no_response": Sum("missing", filter=standing & Q(past_limit=True)),
        f"{prefix}pending": Sum("missing", filter=standing & Q(past_limit=False)),
    }


def _satisfaction(values: dict, settings: ProposalSettings, prefix="") -> dict:
    """The three rates over the evaluations returned (未表态 left out, or counted as satisfied)."""
    satisfied, basic, unsatisfied, no_response = (
        int(values.get(prefix + k) or 0) for k in ("satisfied", "basic", "unsatisfied", "no_response")
    )
    if settings.no_response_counts_satisfied:
        satisfied += no_response
    evaluated = satisfied + basic + unsatisfied
    return {
        "satisfied": satisfied, "basic": basic, "unsatisfied": unsatisfied, "no_response": no_response,
        "evaluated": evaluated, "satisfaction_rate": rate(satisfied, evaluated), "basic_rate": rate(basic, evaluated),
        "satisfied_or_basic_rate": rate(satisfied + basic, evaluated),
    }


# ---- overdue


class DaysFrom(Func):
    """Whole days from a date expression to a later one: `DaysFrom(later, earlier)` (PostgreSQL and SQLite)."""

    output_field = IntegerField()
    arity = 2

    def as_sql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler, connection, template="CAST(julianday(%(expressions)s) AS INTEGER)", arg_joiner=") - julianday(",
            **extra,
        )


def _overdue(qs, c: Cut):
    """The overdue rule at the cut-off (AssignmentQuerySet.overdue), annotated `days_overdue`."""
    return qs.overdue(c.day, at=c.moment).annotate(
        days_overdue=DaysFrom(Value(c.day, output_field=DateField()), F("due_at"))
    )


def overdue_assignments(committee, as_of=None, *, period: Period | None = None):
    """The committee's overdue assignments at the cut-off (the period's cases only, given `period`),
    longest overdue first, annotated `due_at` and `days_overdue`."""
    c = cut(committee, as_of)
    qs = Assignment.objects.filter(proposal__committee_id=getattr(committee, "pk", committee))
    if period is not None:
        qs = qs.filter(proposal__in=_period_proposals(period, c).values("pk"))
    return _overdue(qs, c).select_related("proposal", "unit").order_by("-days_overdue", "unit__code", "pk")


# ---- the figures


def overview(period: Period, as_of=None) -> Overview:
    """Every headline figure of the period at the cut-off, in a fixed handful of aggregate queries."""
    c = cut(period.committee, as_of)
    m, settings = c.moment, c.settings
    proposals = _period_proposals(period, c)
    pks = proposals.values("pk")

    # 1. outcomes and cases
    figures = _with_case_figures(proposals, c).aggregate(
        **_case_counts(), assigned=Count("pk", filter=Q(state__in=CASE_STATES, has_primary=True)),
    )
    figures = {k: int(v or 0) for k, v in figures.items()}

    # 2. assignments and overdue (every role; overdue of any round)
    active = Assignment.objects.filter(proposal__in=pks)
    handling = active.filter(active_q(m)).aggregate(assignments=Count("pk", filter=Q(round=1)))
    overdue = _overdue(Assignment.objects.filter(proposal__in=pks), c).aggregate(n=Count("pk"))["n"]

    # 3. satisfaction over the latest round of each reply chain
    ratings = _with_evaluation_figures(Reply.objects.filter(assignment__proposal__in=pks), c).aggregate(**_evaluation_sums())
    satisfaction = _satisfaction(ratings, settings)

    # 4. re-handling: cases reopened after 不满意 by the cut-off, and their second rounds
    second = Assignment.objects.filter(proposal__in=pks, round=2).filter(active_q(m)).annotate(
        n_satisfied=_round_two_count(m, Satisfaction.SATISFIED), n_basic=_round_two_count(m, Satisfaction.BASIC),
        n_unsatisfied=_round_two_count(m, Satisfaction.UNSATISFIED), replied=Exists(sent_reply(m)),
    ).aggregate(
        cases=Count("proposal", distinct=True), assignments=Count("pk"),
        n_replied=Count("pk", filter=Q(replied=True)),
        satisfied=Sum("n_satisfied"), basic=Sum("n_basic"), unsatisfied=Sum("n_unsatisfied"),
    )

    # 5. participation
    people = participation(period, c, proposals)

    return Overview(
        label=str(period.label), as_of=m, day=c.day,
        **{k: figures[k] for k in ["received", *BUCKETS, "replied", "on_time", "adopted", "assigned"]},
        acceptance_rate=rate(figures["accepted"], figures["received"]),
        assignments=int(handling["assignments"] or 0),
        reply_rate=rate(figures["replied"], figures["accepted"]),
        on_time_rate=rate(figures["on_time"], figures["accepted"]),
        adoption_rate=rate(figures["adopted"], figures["replied"]),
        adoption_counts_in_plan=settings.adoption_counts_in_plan,
        no_response_counts_satisfied=settings.no_response_counts_satisfied,
        pending_evaluations=int(ratings.get("pending") or 0),
        **satisfaction,
        rehandled=int(second["cases"] or 0), rehandling_assignments=int(second["assignments"] or 0),
        rehandling_replied=int(second["n_replied"] or 0), rehandling_satisfied=int(second["satisfied"] or 0),
        rehandling_basic=int(second["basic"] or 0), rehandling_unsatisfied=int(second["unsatisfied"] or 0),
        participants=people[0], members=people[1], participation_rate=rate(*people),
        overdue=int(overdue or 0),
    )


def _round_two_count(moment, overall):
    qs = Evaluation.objects.filter(reply__assignment=OuterRef("pk"), round=2, submitted_at__lte=moment, overall=overall)
    return Coalesce(
        Subquery(qs.order_by().values("reply__assignment").annotate(n=Count("pk")).values("n")[:1]), 0,
        output_field=IntegerField(),
    )


def _member_signers(period: Period, c: Cut):
    """Confirmed signers of the period's received member proposals, of the members serving in the period
    (the signers `participation` counts, row by row)."""
    proposals = _period_proposals(period, c)
    return Signer.objects.filter(
        status=Signer.State.CONFIRMED, proposal__in=proposals.values("pk"), proposal__proposer_type__in=MEMBER_TYPES,
        member_id__in=serving(period, c.moment).values("member_id"),
    )


def participation(period: Period, c: Cut, proposals=None) -> tuple[int, int]:
    """参与率's (numerator, denominator): members serving in the period (members.selectors.serving, each
    once) who filed or confirmed co-signing a received member proposal of the period, and all members
    serving in it. The one place the rate is counted: the dashboard, the workbook and the text read it
    through `overview`, and the member sheet's proposal columns (`by_member`) count the same signers."""
    proposals = proposals if proposals is not None else _period_proposals(period, c)
    signed = Signer.objects.filter(
        member=OuterRef("member"), status=Signer.State.CONFIRMED, proposal__in=proposals.values("pk"),
        proposal__proposer_type__in=MEMBER_TYPES,
    )
    values = serving(period, c.moment).aggregate(
        members=Count("member", distinct=True), participants=Count("member", distinct=True, filter=Q(Exists(signed))),
    )
    return int(values["participants"] or 0), int(values["members"] or 0)


@dataclass(frozen=True)
class MemberProposals:
    """One member's proposals in a period: led (first signer), co-signed, and of those accepted as cases."""

    led: int = 0
    cosigned: int = 0
    accepted: int = 0


def by_member(period: Period, as_of=None) -> dict:
    """{member_id: MemberProposals} for the members serving in the period who signed a received member
    proposal of it: the same proposals as every other figure (DOMAIN's year rule: a session's plenary
    proposals count in the year its plenary opens, wherever their filing date falls) and the same
    signers as the participation rate, so a member is in this dict exactly when counted in 参与率's
    numerator. `accepted` counts the member's proposals (led or co-signed) standing as cases (立案)
    at the cut-off, so accepted <= led + cosigned. One aggregate query."""
    c = cut(period.committee, as_of)
    accepted = Q(proposal_state__in=STATES_OF["accepted"])
    rows = (
        _member_signers(period, c).annotate(proposal_state=state_at_of_proposal(c.moment))
        .values("member_id").order_by()
        .annotate(
            led=Count("pk", filter=Q(position=Signer.Position.FIRST)),
            cosigned=Count("pk", filter=~Q(position=Signer.Position.FIRST)),
            accepted=Count("pk", filter=accepted),
        )
    )
    return {r["member_id"]: MemberProposals(r["led"], r["cosigned"], r["accepted"]) for r in rows}


def state_at_of_proposal(moment) -> Subquery:
    """state_at for a row that points to a proposal (a signer): its proposal's state at `moment`."""
    return Subquery(
        ProposalEvent.objects.filter(proposal=OuterRef("proposal_id"), action__in=PROPOSAL_STATE_ACTIONS, at__lte=moment)
        .order_by("-at", "-pk").values("to_status")[:1]
    )


def _grouped(period: Period, as_of, *, key, label, order) -> list[dict]:
    c = cut(period.committee, as_of)
    qs = _with_case_figures(_period_proposals(period, c), c).annotate(g_key=key, g_label=label, g_order=order)
    return list(qs.values("g_key", "g_label", "g_order").annotate(**_case_counts()).order_by("g_order", "g_label", "g_key"))


def by_proposer_type(period: Period, as_of=None) -> list[GroupRow]:
    """委员 (individual and joint), 党派团体, 界别, 专委会: always the four rows, in that order."""
    key = Case(When(proposer_type__in=MEMBER_TYPES, then=Value("member")), default=F("proposer_type"))
    rows = {r["g_key"]: r for r in _grouped(period, as_of, key=key, label=Value(""), order=Value(0))}
    return [_group_row(k, label, rows.get(k, {})) for k, label in PROPOSER_GROUPS]


def by_category(period: Period, as_of=None) -> list[GroupRow]:
    """The categories the period's proposals carry, in the committee's order."""
    rows = _grouped(
        period, as_of, key=F("category_id"), label=Coalesce(F("category__name"), Value("")),
        order=Coalesce(F("category__order"), Value(0)),
    )
    return [_group_row(r["g_key"], r["g_label"] or _("No category"), r) for r in rows]


def _first_signer(name):
    return Subquery(
        Signer.objects.filter(proposal=OuterRef("pk"), position=Signer.Position.FIRST).values(name)[:1]
    )


def _by_organisation(period, as_of, kind, none_label) -> list[GroupRow]:
    """Member proposals by the first signer's sector/party at filing; collective ones by their own."""
    rows = _grouped(
        period, as_of,
        key=Coalesce(_first_signer(f"{kind}_id"), F(f"{kind}_id"), output_field=IntegerField()),
        label=Coalesce(_first_signer(f"{kind}__name"), F(f"{kind}__name"), Value("")),
        order=Coalesce(_first_signer(f"{kind}__order"), F(f"{kind}__order"), Value(10**6), output_field=IntegerField()),
    )
    return [_group_row(r["g_key"], r["g_label"] if r["g_key"] is not None else none_label, r) for r in rows]


def by_sector(period: Period, as_of=None) -> list[GroupRow]:
    return _by_organisation(period, as_of, "sector", _("No sector (other collective proposals)"))


def by_party(period: Period, as_of=None) -> list[GroupRow]:
    return _by_organisation(period, as_of, "party", _("No party (other collective proposals)"))


def by_unit(period: Period, as_of=None) -> list[UnitRow]:
    """Per handling unit (docs/domain.md#办复率-per-unit: co-handling opinions count there): two aggregate
    queries, the assignments and the ratings of the unit's replies."""
    c = cut(period.committee, as_of)
    m = c.moment
    pks = _period_proposals(period, c).values("pk")
    assignments = (
        Assignment.objects.filter(proposal__in=pks).filter(active_q(m)).annotate(due_at=due_at(m))
        .annotate(
            answered=ExpressionWrapper(answered_q(m), output_field=BooleanField()),
            answered_on_time=ExpressionWrapper(answered_q(m, on_time=True), output_field=BooleanField()),
        )
    )
    first = Q(round=1)
    rows = (
        assignments.values("unit_id", "unit__name", "unit__code")
        .annotate(
            assignments=Count("pk", filter=first),
            **{role: Count("pk", filter=first & Q(role=role)) for role in Assignment.Role.values},
            replied=Count("pk", filter=first & Q(answered=True)),
            on_time=Count("pk", filter=first & Q(answered_on_time=True)),
            overdue=Count("pk", filter=Q(answered=False, due_at__lt=c.day)),  # AssignmentQuerySet.overdue(at=m) in one aggregate
            rehandling=Count("pk", filter=Q(round=2)),
        ).order_by("unit__code", "unit__name", "unit_id")
    )
    ratings = {
        r["assignment__unit_id"]: r for r in
        _with_evaluation_figures(Reply.objects.filter(assignment__proposal__in=pks), c)
        .values("assignment__unit_id").annotate(**_evaluation_sums()).order_by()
    }
    result = []
    for r in rows:
        s = _satisfaction(ratings.get(r["unit_id"], {}), c.settings)
        result.append(UnitRow(
            key=r["unit_id"], label=r["unit__name"],
            **{k: int(r[k] or 0) for k in ("assignments", "single", "split", "lead", "co", "replied", "on_time", "overdue", "rehandling")},
            **{k: s[k] for k in ("satisfied", "basic", "unsatisfied", "no_response", "evaluated", "satisfaction_rate",
                                 "satisfied_or_basic_rate")},
            reply_rate=rate(r["replied"], r["assignments"]), on_time_rate=rate(r["on_time"], r["assignments"]),
        ))
    return result


# ---- the case list


def case_rows(period: Period, as_of=None, *, cases_only=False) -> Iterator[dict]:
    """One dict per received proposal of the period (per case with `cases_only`), in case-number order:
    numbers, title, proposers, category, outcome, units with roles, result code, evaluation. A fixed
    number of queries (the proposals with their figures, signers, units, codes, ratings), whatever the size."""
    from django.db.models import Prefetch

    c = cut(period.committee, as_of)
    m = c.moment
    proposals = _period_proposals(period, c)
    pks = proposals.values("pk")
    qs = _with_case_figures(proposals, c).select_related("category", "party", "sector", "special_committee").prefetch_related(
        Prefetch(
            "signers",
            queryset=Signer.objects.filter(status=Signer.State.CONFIRMED).select_related("member").order_by("order", "pk"),
            to_attr="confirmed",
        ),
        Prefetch(
            "assignments",
            queryset=Assignment.objects.filter(active_q(m)).select_related("unit").order_by("round", "pk"),
            to_attr="standing",
        ),
    ).order_by(F("case_seq").asc(nulls_last=True), "receipt_seq", "pk")
    if cases_only:
        qs = qs.filter(state__in=CASE_STATES)
    codes = {code.pk: code for code in ResultCode.objects.filter(committee_id=period.committee.pk)}
    ratings = {
        r["assignment__proposal_id"]: r for r in
        _with_evaluation_figures(Reply.objects.filter(assignment__proposal__in=pks), c)
        .values("assignment__proposal_id").annotate(**_evaluation_sums()).order_by()
    }
    bucket_of = {s.value: f.report_bucket for s, f in STATE_FLAGS.items()}
    roles = dict(Assignment.Role.choices)
    for p in qs:
        bucket = bucket_of.get(p.state, "")
        is_case = p.state in CASE_STATES
        replied = is_case and p.has_primary and not p.unreplied
        code = codes.get(p.case_code) if replied else None
        units = [
            (a.unit.name, str(roles[a.role]) if a.round == 1 else str(_("%(role)s, re-handling") % {"role": roles[a.role]}))
            for a in p.standing
        ]
        r = ratings.get(p.pk, {})
        counts = {k: int(r.get(k) or 0) for k in ("satisfied", "basic", "unsatisfied", "no_response", "pending")}
        yield {
            "proposal_id": p.pk,
            "case_number": p.case_number if is_case else "",
            "receipt_number": p.receipt_number,
            "title": p.title,
            "proposers": "、".join(s.member.name for s in p.confirmed) if not p.is_collective else str(p.organisation or ""),
            "proposer_type": p.get_proposer_type_display(),
            "kind": p.get_kind_display(),
            "category": str(p.category or ""),
            "submitted": timezone.localdate(p.submitted_at),
            "outcome_key": bucket,
            "outcome": str(BUCKET_LABELS.get(bucket, "")),
            "is_case": is_case,
            "units": "、".join(f"{name}（{role}）" for name, role in units),
            "unit_list": units,
            "replied": replied,
            "on_time": bool(replied and not p.late),
            "result_code": code.code if code else "",
            "adopted": bool(replied and p.adopting),
            "evaluation": _evaluation_label(counts, c.settings),
            **counts,
        }


def _evaluation_label(counts: dict, settings) -> str:
    """The lowest standing rating of the case (a case is as satisfied as its least satisfied evaluator)."""
    for key in (Satisfaction.UNSATISFIED, Satisfaction.BASIC, Satisfaction.SATISFIED):
        if counts[key.value]:
            return str(RATING_LABELS[key])
    if counts["no_response"]:
        return str(RATING_LABELS["no_response"])
    return ""


# ---- the secretariat's work lists


def awaiting_signature(committee, as_of=None, *, period: Period | None = None):
    """Replies waiting for the unit leader's signature at the cut-off (the state their last reply event
    gave them), oldest first, annotated `waiting_since`."""
    c = cut(committee, as_of)
    last = ProposalEvent.objects.filter(reply=OuterRef("pk"), action__in=REPLY_STATE_ACTIONS, at__lte=c.moment).order_by("-at", "-pk")
    qs = Reply.objects.filter(assignment__proposal__committee_id=getattr(committee, "pk", committee))
    if period is not None:
        qs = qs.filter(assignment__proposal__in=_period_proposals(period, c).values("pk"))
    return (
        qs.annotate(state_then=Subquery(last.values("to_status")[:1]), waiting_since=Subquery(last.values("at")[:1]))
        .filter(state_then=ReplyStatus.AWAITING_SIGNATURE)
        .select_related("assignment", "assignment__unit", "assignment__proposal")
        .order_by("waiting_since", "pk")
    )


def evaluations_due(committee, as_of=None, *, period: Period | None = None):
    """Sent replies whose evaluations are not all back at the cut-off (the latest round of each chain),
    annotated `missing` (how many), `past_limit` (True: they count as 未表态), oldest first."""
    c = cut(committee, as_of)
    qs = Reply.objects.filter(assignment__proposal__committee_id=getattr(committee, "pk", committee))
    if period is not None:
        qs = qs.filter(assignment__proposal__in=_period_proposals(period, c).values("pk"))
    return (
        _with_evaluation_figures(qs, c).filter(superseded=False, missing__gt=0)
        .select_related("assignment", "assignment__unit", "assignment__proposal")
        .order_by("sent_at", "pk")
    )


EVALUATION_STATES = (
    ("pending", _("Evaluation awaited (within the time limit)")),
    ("no_response", _("No response after the time limit (未表态)")),
    ("complete", _("Every evaluation returned")),
)


def filter_replies_by_evaluation(queryset, state: str, as_of=None):
    """Narrow a Reply queryset of any committees to the evaluation `state` at the cut-off (EVALUATION_STATES),
    each committee by its own time limit and evaluators setting (for the admin listing's filter)."""
    rules = list(ProposalSettings.objects.filter(
        committee_id__in=queryset.values("assignment__proposal__committee_id")
    ).values_list("committee_id", "evaluation_days", "evaluators"))
    moment = cutoff_moment(as_of)
    day = timezone.localdate(moment)
    default_days = ProposalSettings._meta.get_field("evaluation_days").default
    known = [committee_id for committee_id, _days, _who in rules]
    limit = Q(~Q(assignment__proposal__committee_id__in=known),
              sent_at__lt=local_start(day - datetime.timedelta(days=default_days)))
    for committee_id, days, _who in rules:
        limit |= Q(assignment__proposal__committee_id=committee_id, sent_at__lt=local_start(day - datetime.timedelta(days=days)))
    everyone = [committee_id for committee_id, _days, who in rules if who == ProposalSettings.Evaluators.ALL]
    slots = Case(
        When(assignment__proposal__committee_id__in=everyone, then=_slots(moment, first_only=False)),
        default=_slots(moment, first_only=True), output_field=IntegerField(),
    )
    c = Cut(moment=moment, day=day, settings=ProposalSettings())
    qs = _with_evaluation_figures(queryset, c, slots=slots, no_response_before=limit).filter(superseded=False)
    if state == "pending":
        return qs.filter(missing__gt=0, past_limit=False)
    if state == "no_response":
        return qs.filter(missing__gt=0, past_limit=True)
    if state == "complete":
        return qs.filter(missing=0)
    return queryset
