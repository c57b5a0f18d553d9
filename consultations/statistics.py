"""Consultation figures for a report period, as of a cut-off (docs/domain.md#consultation-figures).

API (the reports app reads only these; every function takes a `members.periods.Period` and an optional
cut-off `as_of` — a date (end of that Beijing day), an aware datetime, or None for now):

    by_kind(period, as_of=None)  -> list[KindRow]     one row per ActivityKind of the committee (order, pk),
                                                       kinds with nothing in the period included (zeros)
    by_group(period, as_of=None) -> list[GroupRow]    one row per kind group that has kinds
                                                       (consultation, inspection, research, supervision, other)
    totals(period, as_of=None)   -> Figures           the whole committee
    plan_completion(committee, year, as_of=None) -> list[PlanRow]   the annual plan and what was held

Every row is a `Figures` (KindRow adds kind_id/code/name/group, GroupRow adds group/label):
    activities       activities held: first sitting in the period and started by the cut-off
    sittings         sittings of those activities that started by the cut-off
    participants     distinct members counted present at one of those sittings (as of the cut-off)
    expected         (invited member, held sitting) pairs: who should have been there
    present          of those, counted present (present, late or left early at or above the two-thirds
                     threshold when ConsultationSettings says so; below it counts as absent)
    excused          of those, excused (请假 approved); absent = expected - present - excused
    attendance_rate  cppcc.rates.Rate(present, expected) — 出席率; str() gives "98.8%" / "100%" / "—"
    speeches         speeches recorded by the cut-off (written_speeches: of which written)
    suggestions      suggestions recorded by the cut-off
    adopted          suggestions whose standing adoption decision at the cut-off is "adopted"
    instructions     leaders' written instructions (批示) recorded and given by the cut-off
    places           places visited (itinerary rows: towns, villages, sites); towns, villages split out
    reports          reports produced (documents of kind "report") by the cut-off
    questionnaires   questionnaires collected (sum over the activities)
    problems         problems found (sum over the activities)
    proposals        proposals that came out of the activities (links made by the cut-off)

Which activities a period holds: a year holds the activities whose first sitting (Activity.starts_on)
falls in the year; a session holds those whose first sitting falls between period.start and period.end.
States that change (attendance, leave decisions, adoption) are read from ActivityEvent rows that stood
at the cut-off (recorded at or before it, not superseded by then), so a later correction never changes
a past report. Each grouping is ONE query (correlated subqueries on the driving row), whatever the
number of activities.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from cppcc.rates import Rate, rate
from members.periods import Period, cutoff_moment

from .models import (
    Activity, ActivityEvent, ActivityKind, Attendance, Document, EventAction, KindGroup, Place, PlanItem,
    Sitting, Speech, Suggestion, Instruction,
)

METRICS = (
    "activities", "sittings", "participants", "expected", "present", "excused", "speeches", "written_speeches",
    "suggestions", "adopted", "instructions", "places", "towns", "villages", "reports", "questionnaires",
    "problems", "proposals",
)


@dataclass
class Figures:
    activities: int = 0
    sittings: int = 0
    participants: int = 0
    expected: int = 0
    present: int = 0
    excused: int = 0
    speeches: int = 0
    written_speeches: int = 0
    suggestions: int = 0
    adopted: int = 0
    instructions: int = 0
    places: int = 0
    towns: int = 0
    villages: int = 0
    reports: int = 0
    questionnaires: int = 0
    problems: int = 0
    proposals: int = 0

    @property
    def absent(self) -> int:
        return self.expected - self.present - self.excused

    @property
    def attendance_rate(self) -> Rate:
        return rate(self.present, self.expected)

    @property
    def adoption_rate(self) -> Rate:
        return rate(self.adopted, self.suggestions)


@dataclass
class KindRow(Figures):
    kind_id: int = 0
    code: str = ""
    name: str = ""
    group: str = ""


@dataclass
class GroupRow(Figures):
    group: str = ""
    label: str = ""


@dataclass
class PlanRow:
    plan_item_id: int
    topic: str
    kind: str
    organiser: str
    month: int | None
    held: int  # activities of the item held by the cut-off
    done: bool = field(init=False)

    def __post_init__(self):
        self.done = self.held > 0


# ---- the filters


def _period_q(period: Period, prefix: str = "") -> Q:
    p = prefix
    q = Q(**{f"{p}committee_id": period.committee.pk, f"{p}starts_on__gte": period.start})
    if period.end != datetime.date.max:
        q &= Q(**{f"{p}starts_on__lte": period.end})
    return q


def _held_activities_q(period, moment, prefix=""):
    """Activities of the period recorded and begun by the cut-off."""
    p = prefix
    return _period_q(period, p) & Q(**{f"{p}created_at__lte": moment, f"{p}first_starts_at__lte": moment})


def _standing(moment) -> Q:
    return Q(at__lte=moment) & (Q(superseded_at__isnull=True) | Q(superseded_at__gt=moment))


def _count(queryset, column="pk", distinct=False):
    """A correlated COUNT as a scalar subquery (grouped on a constant, so one row comes back)."""
    return Coalesce(
        Subquery(
            queryset.order_by().annotate(_one=Value(1)).values("_one")
            .annotate(n=Count(column, distinct=distinct)).values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def _sum(queryset, column):
    return Coalesce(
        Subquery(
            queryset.order_by().annotate(_one=Value(1)).values("_one").annotate(n=Sum(column)).values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def _expressions(period, moment, link: dict) -> dict:
    """Metric name -> subquery; `link` maps a path prefix ('' for Activity) to the outer-row condition.

    `link` is a function of the path to Activity: link(prefix) -> Q tying the row to the outer row.
    """
    def acts(prefix):
        return _held_activities_q(period, moment, prefix) & link(prefix)

    attendance_events = ActivityEvent.objects.filter(
        _standing(moment), action=EventAction.ATTENDANCE, attendance__isnull=False,
        attendance__sitting__starts_at__lte=moment,
    ).filter(acts("activity__"))
    present = attendance_events.filter(counted=Attendance.Counted.PRESENT)
    adoption = ActivityEvent.objects.filter(_standing(moment), action=EventAction.ADOPTION,
                                            to_state=Suggestion.Adoption.ADOPTED).filter(acts("activity__"))
    return {
        "activities": _count(Activity.objects.filter(acts(""))),
        "sittings": _count(Sitting.objects.filter(acts("activity__"), starts_at__lte=moment)),
        "participants": _count(present, "attendance__member_id", distinct=True),
        "expected": _count(attendance_events),
        "present": _count(present),
        "excused": _count(attendance_events.filter(counted=Attendance.Counted.EXCUSED)),
        "speeches": _count(Speech.objects.filter(acts("activity__"), recorded_at__lte=moment)),
        "written_speeches": _count(Speech.objects.filter(acts("activity__"), recorded_at__lte=moment,
                                                         mode=Speech.Mode.WRITTEN)),
        "suggestions": _count(Suggestion.objects.filter(acts("activity__"), recorded_at__lte=moment)),
        "adopted": _count(adoption, "suggestion_id", distinct=True),
        "instructions": _count(Instruction.objects.filter(acts("activity__"), recorded_at__lte=moment)),
        "places": _count(Place.objects.filter(acts("activity__"), recorded_at__lte=moment)),
        "towns": _count(Place.objects.filter(acts("activity__"), recorded_at__lte=moment, kind=Place.Kind.TOWN)),
        "villages": _count(Place.objects.filter(acts("activity__"), recorded_at__lte=moment,
                                                kind=Place.Kind.VILLAGE)),
        "reports": _count(Document.objects.filter(acts("activity__"), created_at__lte=moment,
                                                  kind=Document.Kind.REPORT)),
        "questionnaires": _sum(Activity.objects.filter(acts("")), "questionnaires"),
        "problems": _sum(Activity.objects.filter(acts("")), "problems_found"),
        "proposals": _count(ActivityEvent.objects.filter(acts("activity__"), action=EventAction.PROPOSAL_LINKED,
                                                         at__lte=moment), "proposal_id", distinct=True),
    }


def _figures(row: dict, cls=Figures, **extra):
    return cls(**{m: int(row.get(m) or 0) for m in METRICS}, **extra)


def by_kind(period: Period, as_of=None) -> list[KindRow]:
    """One row per activity kind of the committee, in the kinds' order (one query)."""
    moment = cutoff_moment(as_of)
    exprs = _expressions(period, moment, lambda p: Q(**{f"{p}kind_id": OuterRef("pk")}))
    rows = (
        ActivityKind.objects.filter(committee_id=period.committee.pk)
        .order_by("order", "pk").values("pk", "code", "name", "group").annotate(**exprs)
    )
    return [_figures(r, KindRow, kind_id=r["pk"], code=r["code"], name=r["name"], group=r["group"]) for r in rows]


def by_group(period: Period, as_of=None) -> list[GroupRow]:
    """One row per kind group in use (one query; participants are distinct within the group)."""
    moment = cutoff_moment(as_of)
    exprs = _expressions(
        period, moment,
        lambda p: Q(**{f"{p}kind__group": OuterRef("group"), f"{p}committee_id": period.committee.pk}),
    )
    rows = (
        ActivityKind.objects.filter(committee_id=period.committee.pk)
        .order_by().values("group").annotate(n_kinds=Count("pk")).annotate(**exprs)
    )
    found = {r["group"]: r for r in rows}
    labels = dict(KindGroup.choices)
    return [_figures(found[g], GroupRow, group=g, label=str(labels[g])) for g in KindGroup.values if g in found]


def totals(period: Period, as_of=None) -> Figures:
    """The whole committee (one query)."""
    from members.models import Committee

    moment = cutoff_moment(as_of)
    exprs = _expressions(period, moment, lambda p: Q(**{f"{p}committee_id": OuterRef("pk")}))
    row = Committee.objects.filter(pk=period.committee.pk).values("pk").annotate(**exprs).first() or {}
    return _figures(row)


def plan_completion(committee, year: int, as_of=None) -> list[PlanRow]:
    """The annual consultation plan (年度协商计划) of `year` and how many activities of each item were held."""
    moment = cutoff_moment(as_of)
    held = _count(Activity.objects.filter(plan_item_id=OuterRef("pk"), created_at__lte=moment,
                                          first_starts_at__lte=moment))
    items = (
        PlanItem.objects.filter(committee=committee, year=year).select_related("kind", "organiser")
        .annotate(held=held).order_by("month", "order", "pk")
    )
    return [
        PlanRow(plan_item_id=i.pk, topic=i.topic, kind=str(i.kind), organiser=i.organiser_label, month=i.month,
                held=i.held)
        for i in items
    ]
