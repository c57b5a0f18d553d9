"""Reads of members/: querysets with their joins, so pages do a fixed number of queries."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, FilteredRelation, OuterRef, Q
from django.urls import NoReverseMatch
from django.utils import timezone

from members.models import DutyEntry, Member, RoleAssignment, Term, TermMembership
from members.models.roles import UNIT_ROLES
from members.models.ledger import DutyKind, kind_group
from members.periods import cutoff_moment


def member_for_user(user):
    return Member.objects.select_related("committee").filter(user=user).first()


def memberships_of(member):
    return list(
        TermMembership.objects.filter(member=member)
        .select_related("term", "sector", "party")
        .prefetch_related("special_committees")
        .order_by("-term__number")
    )


def role_assignments_of(user):
    return list(
        RoleAssignment.objects.active()
        .filter(user=user)
        .select_related("committee", "unit", "party", "sector", "special_committee")
    )


def duty_entries(member, as_of=None):
    qs = DutyEntry.objects.filter(member=member)
    return qs.as_of(as_of) if as_of else qs.standing()


# ---- the duty record (履职档案) of one member, and participation per member for the reports


@dataclass(frozen=True)
class TermSpan:
    """A term and the days it covers: to its end date, or (left open) to the day before the next term."""

    term: Term
    start: datetime.date
    end: datetime.date | None

    def holds(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def term_spans(committee_id) -> list[TermSpan]:
    """The committee's terms, oldest first, each with its effective last day (one query)."""
    terms = list(Term.objects.filter(committee_id=committee_id).order_by("start_date", "number"))
    spans = []
    for index, term in enumerate(terms):
        following = terms[index + 1] if index + 1 < len(terms) else None
        end = term.end_date
        if following is not None and (end is None or end >= following.start_date):
            end = following.start_date - datetime.timedelta(days=1)
        spans.append(TermSpan(term, term.start_date, end))
    return spans


def _span_of(spans, day):
    for span in reversed(spans):
        if span.holds(day):
            return span
    return None


def _source_objects(entries) -> dict:
    """{(source_type_id, source_id): object} with one query per source type, whatever the number of entries."""
    wanted = defaultdict(set)
    for entry in entries:
        if entry.source_type_id and entry.source_id:
            wanted[entry.source_type_id].add(entry.source_id)
    found = {}
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()  # cached after the first read
        if model is None:  # the model is gone; the entry keeps its title
            continue
        try:
            objects = list(model._default_manager.filter(pk__in=ids))
        except (ValueError, ValidationError):  # a source id the model's key cannot hold
            continue
        for obj in objects:
            found[(type_id, str(obj.pk))] = obj
    return found


def public_url(obj) -> str:
    """The source's own page (get_absolute_url), or "" when it has none."""
    method = getattr(obj, "get_absolute_url", None)
    return method() if callable(method) else ""


def attach_sources(entries, url_for=public_url) -> None:
    """Set `entry.source_object` and `entry.source_url` (url_for(object), "" when none) on every entry.

    Links are resolved generically through the content type, so members/ needs neither proposals
    nor consultations: any model with get_absolute_url() (or whatever `url_for` reads) gets a link.
    """
    objects = _source_objects(entries)
    for entry in entries:
        obj = objects.get((entry.source_type_id, entry.source_id))
        entry.source_object = obj
        try:
            entry.source_url = (url_for(obj) or "") if obj is not None else ""
        except NoReverseMatch:
            entry.source_url = ""


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    count: int


@dataclass
class DutySection:
    """The entries of one year within one term (a year that spans two terms gives two sections)."""

    year: int
    span: TermSpan | None
    membership: TermMembership | None
    entries: list = field(default_factory=list)

    @property
    def term(self):
        return self.span.term if self.span else None


@dataclass
class DutyRecord:
    member: Member
    moment: datetime.datetime  # the cut-off the record was read at
    year: int | None
    term: Term | None
    terms: list  # TermSpan of the member's committee, newest first (filter choices)
    years: list  # years with any entry of the member, newest first (filter choices)
    sections: list  # DutySection, newest first
    counts: dict  # kind -> number of standing entries (every kind, zeros included)
    group_counts: dict  # kind group -> number of standing entries
    corrections: list  # reversing entries (each with .reverses: the entry it voided), newest first

    @property
    def entries(self):
        return [entry for section in self.sections for entry in section.entries]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def kind_counts(self) -> list:
        """(kind, label, count) for the kinds the member has, in DutyKind order."""
        return [KindCount(kind, label, self.counts[kind]) for kind, label in DutyKind.choices if self.counts[kind]]


def _kinds_and_groups():
    kinds = list(DutyKind.values)
    groups = list(dict.fromkeys(kind_group(kind) for kind in DutyKind))
    return kinds, groups


def _span_by_term(spans, term):
    """The span of a Term or a term pk among the committee's spans (None: not one of its terms)."""
    term_pk = getattr(term, "pk", term)
    return next((s for s in spans if str(s.term.pk) == str(term_pk)), None)


def _window(qs, *, spans, year, term):
    """Restrict entries to a year and/or a term's days (an unknown term gives nothing)."""
    if year is not None:
        qs = qs.filter(duty_date__year=int(year))
    if term is not None:
        span = _span_by_term(spans, term)
        if span is None:
            return qs.none()
        qs = qs.filter(duty_date__gte=span.start)
        if span.end is not None:
            qs = qs.filter(duty_date__lte=span.end)
    return qs


def duty_record(member, *, year=None, term=None, as_of=None, url_for=public_url, corrections=False) -> DutyRecord:
    """A member's duty record as of a cut-off: standing entries by year and term, counts by kind.

    - `year` (int) and `term` (a Term of the member's committee, or its pk) narrow the entries by
      duty date; a term covers its start date to its end date, or to the day before the next term
      starts. A term of another committee matches nothing.
    - `as_of`: a date (the end of that day in Beijing), an aware datetime, or None (now). An entry
      counts if it was recorded by then and not voided by then (DutyEntryQuerySet.as_of).
    - Voided entries and their reversals are never listed as duties; with `corrections=True` the
      reversals recorded by the cut-off come back in `.corrections` (for the secretariat's view).
    - Each entry gets `.source_object` and `.source_url` (`url_for(source)`, default the source's
      get_absolute_url()), fetched with one query per source type (members/ imports no other app).
    - Counts by kind and by kind group come from one aggregate query.
    The number of queries does not depend on the number of entries.
    """
    moment = cutoff_moment(as_of)
    spans = term_spans(member.committee_id)
    every = DutyEntry.objects.filter(member=member)
    standing = _window(every.as_of(moment), spans=spans, year=year, term=term)

    kinds, groups = _kinds_and_groups()
    aggregates = standing.order_by().aggregate(
        **{f"k_{kind}": Count("pk", filter=Q(kind=kind)) for kind in kinds},
        **{f"g_{group}": Count("pk", filter=Q(kind_group=group)) for group in groups},
    )
    counts = {kind: aggregates[f"k_{kind}"] for kind in kinds}
    group_counts = {group: aggregates[f"g_{group}"] for group in groups}

    entries = list(standing.select_related("recorded_by").order_by("-duty_date", "-recorded_at", "-pk"))
    reversals = []
    if corrections:
        reversals = list(
            _window(every.filter(reverses__isnull=False, recorded_at__lte=moment), spans=spans, year=year, term=term)
            .select_related("reverses", "reverses__recorded_by", "recorded_by")
            .order_by("-recorded_at", "-pk")
        )
    attach_sources(entries + reversals, url_for=url_for)

    memberships = {
        m.term_id: m for m in TermMembership.objects.filter(member=member).select_related("sector", "party")
    }
    sections = []
    for entry in entries:
        span = _span_of(spans, entry.duty_date)
        key = (entry.duty_date.year, span.term.pk if span else None)
        if not sections or (sections[-1].year, sections[-1].term.pk if sections[-1].term else None) != key:
            sections.append(DutySection(
                year=entry.duty_date.year, span=span,
                membership=memberships.get(span.term.pk) if span else None,
            ))
        sections[-1].entries.append(entry)

    years = sorted({d.year for d in every.dates("duty_date", "year")}, reverse=True)
    return DutyRecord(
        member=member, moment=moment, year=int(year) if year is not None else None,
        term=span.term if term is not None and (span := _span_by_term(spans, term)) else None,
        terms=list(reversed(spans)), years=years, sections=sections, counts=counts,
        group_counts=group_counts, corrections=reversals,
    )


@dataclass(frozen=True)
class ParticipationRow:
    """One member's duties in a period (see `participation`)."""

    member_id: int
    member_number: str
    name: str
    sector: str
    party: str
    is_standing: bool
    term_id: int
    proposals_led: int  # PROPOSAL_FILED: first proposer of a filed proposal
    proposals_cosigned: int  # PROPOSAL_COSIGNED
    proposals_accepted: int  # PROPOSAL_ACCEPTED (credited as the proposal settings say)
    attended: int  # ATTENDED: sittings present (meetings, consultations, inspections...)
    excused: int  # EXCUSED: absent with leave (请假)
    absent: int  # ABSENT: absent without leave
    late: int  # LATE: late or left early
    speeches: int  # SPEECH + WRITTEN_SPEECH
    written_speeches: int  # WRITTEN_SPEECH (included in `speeches`)
    activities: int  # ACTIVITY: took part in an activity (no sitting recorded)
    trainings: int  # TRAINING
    opinion_reports: int  # OPINION_REPORT
    by_kind: dict  # every DutyKind value -> count

    @property
    def filed_or_cosigned(self) -> bool:
        """Filed or co-signed at least one proposal dated in the period (the ledger's view; the 参与率 counts
        a member's proposals by the proposals' own period: proposals.statistics.by_member)."""
        return bool(self.proposals_led or self.proposals_cosigned)


PARTICIPATION_FIELDS = {
    "proposals_led": [DutyKind.PROPOSAL_FILED],
    "proposals_cosigned": [DutyKind.PROPOSAL_COSIGNED],
    "proposals_accepted": [DutyKind.PROPOSAL_ACCEPTED],
    "attended": [DutyKind.ATTENDED],
    "excused": [DutyKind.EXCUSED],
    "absent": [DutyKind.ABSENT],
    "late": [DutyKind.LATE],
    "speeches": [DutyKind.SPEECH, DutyKind.WRITTEN_SPEECH],
    "written_speeches": [DutyKind.WRITTEN_SPEECH],
    "activities": [DutyKind.ACTIVITY],
    "trainings": [DutyKind.TRAINING],
    "opinion_reports": [DutyKind.OPINION_REPORT],
}


def serving(period, as_of=None):
    """The members serving in a period, as of a cut-off: one TermMembership per member.

    This is the one roster of a period: the denominator of the participation rate (参与率, counted by
    proposals.statistics) and the rows of the member sheet (`participation`). A member serves in the
    period with a membership of the period's term(s) that started on or before the period's last day
    (and on or before the cut-off date) and did not end before the period's first day. A session
    period's term is the session's; a year period's terms are those whose days (start date to end
    date, or to the day before the next term) overlap the year. A member with memberships of two such
    terms (the year a term changes) is one row, the later term's membership (its sector, party and
    standing-committee flag): counted once.

    Queries: none until evaluated (one for the committee's terms when the period is a year, one to find
    the next session when it is a session).
    """
    moment = cutoff_moment(as_of)
    last_day = min(period.end, timezone.localtime(moment).date())
    if period.session is not None:
        term_ids = [period.session.term_id]
    else:
        term_ids = [
            s.term.pk for s in term_spans(period.committee.pk)
            if s.start <= period.end and (s.end is None or s.end >= period.start)
        ]
    current = Q(term_id__in=term_ids, start_date__lte=last_day) & (
        Q(end_date__isnull=True) | Q(end_date__gte=period.start)
    )
    later = TermMembership.objects.filter(
        current, member_id=OuterRef("member_id"), term__start_date__gt=OuterRef("term__start_date"),
    )
    return TermMembership.objects.filter(current, member__committee_id=period.committee.pk).exclude(Exists(later))


def participation(period, as_of=None) -> list[ParticipationRow]:
    """Per member of the committee, what the duty ledger holds for a period, as of a cut-off.

    Who is listed: the members `serving` in the period, once each (the later term's sector, party and
    standing-committee flag); members with no entry are listed with zeros (they count in the
    denominator of the participation rate).

    What is counted: standing ledger entries of the member (recorded by the cut-off and not voided by
    then; reversals never count) whose duty_date falls within Period.start..Period.end. Each field of
    ParticipationRow is a number of entries (not points): proposals_led, proposals_cosigned,
    proposals_accepted, attended, excused, absent, late, speeches (oral and written), written_speeches,
    activities, trainings, opinion_reports; `by_kind` has every DutyKind. A proposal gives its first
    proposer PROPOSAL_FILED and each confirmed co-signer PROPOSAL_COSIGNED, once each (the ledger is
    unique per member, source and kind group). These proposal counts go by the entry's date; the
    reports count a member's proposals by the period the proposal belongs to (DOMAIN's year rule: a
    session's plenary proposals filed in December count in the year of its plenary), from
    proposals.statistics.by_member, which also gives the participation rate's numerator.

    `as_of`: a date (end of that day in Beijing), an aware datetime, or None (now).
    Rows come ordered by sector (its order, then name) and member number.
    Queries: one for the committee's terms, one aggregate for all rows (plus one to find the next
    session when the period is a session), whatever the number of members.
    """
    moment = cutoff_moment(as_of)
    first_day = period.start
    # Not "window": Django does not quote a FilteredRelation alias and WINDOW is reserved in PostgreSQL.
    duty_window = FilteredRelation(
        "member__duty_entries",
        condition=Q(
            member__duty_entries__committee_id=period.committee.pk,
            member__duty_entries__duty_date__gte=first_day,
            member__duty_entries__duty_date__lte=period.end,
            member__duty_entries__reverses__isnull=True,
            member__duty_entries__recorded_at__lte=moment,
        ) & (Q(member__duty_entries__voided_at__isnull=True) | Q(member__duty_entries__voided_at__gt=moment)),
    )
    kinds = list(DutyKind.values)
    annotations = {f"k_{kind}": Count("duty_window", filter=Q(duty_window__kind=kind)) for kind in kinds}
    rows = (
        serving(period, moment)
        .annotate(duty_window=duty_window)
        .values(
            "member_id", "member__member_number", "member__name", "sector__name", "sector__order",
            "party__name", "is_standing", "term_id",
        )
        .annotate(**annotations)
        .order_by("sector__order", "sector__name", "member__member_number")
    )
    result = []
    for row in rows:
        by_kind = {kind: row[f"k_{kind}"] for kind in kinds}
        result.append(ParticipationRow(
            member_id=row["member_id"], member_number=row["member__member_number"], name=row["member__name"],
            sector=row["sector__name"], party=row["party__name"], is_standing=row["is_standing"],
            term_id=row["term_id"], by_kind=by_kind,
            **{name: sum(by_kind[k] for k in wanted) for name, wanted in PARTICIPATION_FIELDS.items()},
        ))
    return result


# ---- logins (the secretariat's 账号开通 list, members/onboarding_views.py)

UNUSABLE_PASSWORD = "!"  # django.contrib.auth.hashers.UNUSABLE_PASSWORD_PREFIX: a login made, never activated


def login_state(user) -> str:
    """none: no login; disabled; waiting: made but the person has not set a password; active."""
    if user is None:
        return "none"
    if not user.is_active:
        return "disabled"
    return "active" if user.has_usable_password() else "waiting"


def _login_state_q(state, prefix="user__"):
    """The same states as `login_state`, asked of the database (so a filter never loads every row)."""
    waiting = Q(**{f"{prefix}password__startswith": UNUSABLE_PASSWORD})
    if state == "none":
        return Q(**{f"{prefix}isnull": True})
    if state == "disabled":
        return Q(**{f"{prefix}is_active": False})
    live = Q(**{f"{prefix}is_active": True})
    return live & waiting if state == "waiting" else live & ~waiting


def login_members(committee_ids, *, state="", q=""):
    """Members of these committees with their logins, by committee and member number."""
    members = Member.objects.filter(committee_id__in=committee_ids).select_related("user")
    if q:
        members = members.filter(Q(name__icontains=q) | Q(member_number__icontains=q))
    if state:
        members = members.filter(_login_state_q(state))
    return members.order_by("committee_id", "member_number")


def login_unit_contacts(committee_ids, *, state="", q=""):
    """The units' liaisons and leaders (active unit roles) with their logins, by unit code."""
    contacts = (RoleAssignment.objects.active().filter(committee_id__in=committee_ids, role__in=list(UNIT_ROLES))
                .select_related("user", "unit"))
    if q:
        contacts = contacts.filter(Q(unit__name__icontains=q) | Q(unit__code__icontains=q)
                                   | Q(user__first_name__icontains=q) | Q(user__last_name__icontains=q))
    if state:
        contacts = contacts.filter(_login_state_q(state))
    return contacts.order_by("unit__code", "role", "user__username")
