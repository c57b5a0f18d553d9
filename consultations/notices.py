"""Inbox notices of consultations: who is told what, through cppcc.inbox.queue like every app's notices.

Queued to run after the commit, and not at all while the past is replayed (the demo's year of meetings);
texts are composed then, in the site's language, from lazy texts and their parameters.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cppcc import inbox
from cppcc.models import Message
from members.models.roles import Role, RoleAssignment


def queue(*, user_ids, title, params, body="", url="", source=None) -> None:
    inbox.queue(users=user_ids, kind=Message.Kind.GENERAL, title=title, body=body, url=url, source=source,
                params=params)


def invited(activity, invitations) -> None:
    """The newly invited members are told what, who organises it and when; they answer in the portal."""
    when = activity.first_starts_at
    queue(
        user_ids=[i.member.user_id for i in invitations], source=activity, url=activity.get_absolute_url(),
        title=_("Invitation: %(topic)s"),
        body=_("%(kind)s, organised by %(organiser)s, from %(when)s. Answer in the portal; ask for leave there if "
               "you cannot attend."),
        params={"topic": activity.topic, "kind": activity.kind.name, "organiser": activity.organiser_label,
                "when": timezone.localtime(when).strftime("%Y-%m-%d %H:%M") if when else ""},
    )


def leave_requested(invitation) -> None:
    """The activity's organisers (the secretariat, and the organising special committee's staff) decide it."""
    activity = invitation.activity
    assignments = RoleAssignment.objects.active().filter(committee_id=activity.committee_id)
    q = Q(role=Role.SECRETARIAT)
    q |= Q(role=Role.SPECIAL_STAFF) & (Q(special_committee__isnull=True) | Q(special_committee_id=activity.organiser_id))
    user_ids = list(assignments.filter(q).values_list("user_id", flat=True))
    queue(
        user_ids=user_ids, source=activity, url=reverse("activities_admin:inspect", args=[activity.pk]),
        title=_("Leave requested: %(name)s, %(topic)s"), body="%(reason)s",
        params={"name": invitation.member.name, "topic": activity.topic, "reason": invitation.leave_reason},
    )


def leave_decided(invitation, *, approved: bool) -> None:
    activity = invitation.activity
    queue(
        user_ids=[invitation.member.user_id], source=activity, url=activity.get_absolute_url(),
        title=_("Leave approved: %(topic)s") if approved else _("Leave refused: %(topic)s"),
        body="%(reason)s" if invitation.decision_reason else "",
        params={"topic": activity.topic, "reason": invitation.decision_reason},
    )
