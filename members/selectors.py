"""Reads of members/: querysets with their joins, so pages do a fixed number of queries."""

from members.models import DutyEntry, Member, RoleAssignment, TermMembership


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
