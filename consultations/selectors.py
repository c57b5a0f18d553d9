"""Reads of consultations/: each list is a fixed number of queries whatever its length."""

import datetime

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from cppcc import clock

from .models import Activity, Attendance, Invitation, Sitting, Suggestion

ACTIVITY_JOINS = ("kind", "organiser", "plan_item")
_MAX_WINDOW = datetime.timedelta(days=1)  # no sign-in window is wider than this


def upcoming_invitations(member, moment=None):
    """My invitations to activities not over yet, soonest first, with their sittings and my attendance."""
    moment = moment or clock.now()
    return list(
        Invitation.objects.filter(member=member)
        .filter(Q(activity__last_ends_at__isnull=True) | Q(activity__last_ends_at__gte=moment))
        .select_related(*(f"activity__{j}" for j in ACTIVITY_JOINS))
        .prefetch_related(Prefetch("activity__sittings", queryset=Sitting.objects.order_by("starts_at", "pk")))
        .order_by("activity__first_starts_at", "pk")
    )


def attended_activities(member, moment=None, limit=200):
    """Activities I was counted present at (at least one sitting), newest first."""
    present = Attendance.objects.filter(sitting__activity=OuterRef("pk"), member=member,
                                        counted=Attendance.Counted.PRESENT)
    return list(
        Activity.objects.filter(Exists(present)).select_related(*ACTIVITY_JOINS)
        .annotate(my_sittings=Count("sittings", filter=Q(sittings__attendances__member=member,
                                                          sittings__attendances__counted=Attendance.Counted.PRESENT)))
        .order_by("-starts_on", "-pk")[:limit]
    )


def attended_count(member) -> int:
    """How many activities I was counted present at (at least one sitting)."""
    present = Attendance.objects.filter(sitting__activity=OuterRef("pk"), member=member,
                                        counted=Attendance.Counted.PRESENT)
    return Activity.objects.filter(Exists(present)).count()


def past_invitations(member, moment=None, limit=200):
    """Invitations to activities that are over, with what I was counted as at each sitting."""
    moment = moment or clock.now()
    return list(
        Invitation.objects.filter(member=member, activity__last_ends_at__lt=moment)
        .select_related(*(f"activity__{j}" for j in ACTIVITY_JOINS))
        .annotate(
            present_count=Count("attendances", filter=Q(attendances__counted=Attendance.Counted.PRESENT)),
            excused_count=Count("attendances", filter=Q(attendances__counted=Attendance.Counted.EXCUSED)),
            sitting_count=Count("attendances"),
        )
        .order_by("-activity__starts_on", "-pk")[:limit]
    )


def open_attendances(member, moment, rules_for):
    """My attendance rows at sittings whose sign-in window is open now (not yet signed in)."""
    from .services import sign_in_open

    rows = (
        Attendance.objects.filter(member=member, status__in=[Attendance.Status.UNMARKED, Attendance.Status.EXCUSED,
                                                              Attendance.Status.ABSENT])
        .filter(sitting__starts_at__gte=moment - _MAX_WINDOW, sitting__starts_at__lte=moment + _MAX_WINDOW)
        .select_related("sitting__activity")
        .order_by("sitting__starts_at")
    )
    rules = {}  # one settings read per committee, not per row
    for a in rows:
        if a.committee_id not in rules:
            rules[a.committee_id] = rules_for(a.committee_id)
    return [a for a in rows if sign_in_open(a.sitting, moment, rules[a.committee_id])]


def activity_detail(activity_id):
    return (
        Activity.objects.select_related("committee", *ACTIVITY_JOINS)
        .prefetch_related("invited_bodies", "partner_bodies", "sectors", "proposals")
        .get(pk=activity_id)
    )


def sittings_with_counts(activity):
    """The sittings with expected / present / excused / absent / unmarked counts (one query)."""
    C = Attendance.Counted
    return list(
        activity.sittings.annotate(
            expected=Count("attendances"),
            present=Count("attendances", filter=Q(attendances__counted=C.PRESENT)),
            excused=Count("attendances", filter=Q(attendances__counted=C.EXCUSED)),
            absent=Count("attendances", filter=Q(attendances__counted=C.ABSENT)),
            unmarked=Count("attendances", filter=Q(attendances__counted=C.UNMARKED)),
        ).order_by("starts_at", "pk")
    )


def suggestions_of(activity):
    return list(Suggestion.objects.filter(activity=activity).select_related("addressed_to", "member")
                .prefetch_related("instructions").order_by("number", "pk"))
