"""Access rows of consultations/: the admin's activities, plan, suggestions and rules, and the member portal
(/portal/activities/).

`extend` builds, through the services and in both committees, an activity held on 10 January 2026 with one
sitting: users["member"] (own committee) invited with a leave request waiting for the organiser, a suggestion,
a plan item; the rule rows are the committee's defaults. The access world's special-committee staff has no
special committee in its role, so it organises every activity of the committee, as the secretariat does.
Administrators read everything but take no decisions (as in proposals/).
"""

import datetime

from django.utils import timezone

from consultations import services
from consultations.models import ActivityKind, ConsultationSettings, PlanItem
from cppcc import clock
from members.models.roles import Role
from tests import factories
from tests.access.table import outcome
from tests.access.world import ROLES

VIEWERS = ("secretariat", "special_staff", "chair", "admin")  # not the auditor (三员分立)
MANAGERS = ("secretariat", "special_staff")
RULE_EDITORS = ("secretariat", "admin")
PLAN_EDITORS = ("secretariat", "special_staff", "admin")
SUPERUSER = ("admin",)
NOBODY = ()
MEMBERS = ("member", "cosigner", "other_member")
ADMIN_PEOPLE = ("secretariat", "reviewer", "special_staff", "chair", "auditor", "admin", "security_admin")


def _moment(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _build(committee, clerk, member, objects, tag):
    services.kinds_install_defaults(committee)
    kind = ActivityKind.objects.get(committee=committee, code="counterpart")
    day = datetime.date(2026, 1, 10)
    with clock.acting_at(_moment(day - datetime.timedelta(days=7), 10)):
        plan = PlanItem.objects.create(committee=committee, year=2026, topic=f"医疗市场秩序{tag}", kind=kind, month=1)
        activity = services.activity_create(
            actor=clerk, committee=committee, kind=kind, topic=f"医疗市场秩序对口协商{tag}", starts_at=_moment(day, 9),
            ends_at=_moment(day, 12), place="三楼会议室", plan_item=plan,
        )
        (invitation,) = services.invite(activity=activity, actor=clerk, members=[member])
        services.leave_request(invitation=invitation, actor=member.user, reason="出差")
        suggestion = services.suggestion_record(activity=activity, actor=clerk, text="加强药品监管")
    objects.update({
        "ac_activity": activity, "ac_sitting": activity.sittings.get(), "ac_invitation": invitation,
        "ac_suggestion": suggestion, "ac_plan": plan, "ac_kind": kind,
        "ac_settings": ConsultationSettings.objects.get(committee=committee),
    })


def extend(users, own, other):
    _build(own["committees"], users["secretariat"], users["member"].member, own, "")
    other_clerk = factories.user_with_role(Role.SECRETARIAT, other["committees"], username="access_other_consult")
    other_member = factories.user_with_role(Role.MEMBER, other["committees"], username="access_other_consult_member")
    _build(other["committees"], other_clerk, other_member.member, other, "乙")


def portal(shown, *, admin_people_to_admin=False):
    """Portal page: `shown` see it, anonymous visitors log in; people of the admin may be sent there."""
    result = {}
    for role in ROLES:
        if role == "anon":
            result[role] = "L"
        elif role in shown:
            result[role] = "O"
        elif admin_people_to_admin and role in ADMIN_PEOPLE:
            result[role] = "A"
        else:
            result[role] = "N"
    return result


def _viewset(ns, key, *, viewers, adders=NOBODY, editors=NOBODY, other_editors=NOBODY, inspect=False):
    rows = [
        (f"{ns}:index", None, outcome(viewers)),
        (f"{ns}:index_results", None, outcome(viewers)),
        (f"{ns}:add", None, outcome(adders)),
        (f"{ns}:edit", f"{key}:own", outcome(editors)),
        (f"{ns}:edit", f"{key}:other", outcome(other_editors)),
        (f"{ns}:delete", f"{key}:own", outcome(NOBODY)),
        (f"{ns}:delete", f"{key}:other", outcome(NOBODY)),
        (f"{ns}:history", f"{key}:own", outcome(viewers)),
        (f"{ns}:history", f"{key}:other", outcome(SUPERUSER)),
        (f"{ns}:history_results", f"{key}:own", outcome(viewers)),
        (f"{ns}:usage", f"{key}:own", outcome(viewers)),
        (f"{ns}:usage", f"{key}:other", outcome(SUPERUSER)),
    ]
    if inspect:
        rows += [(f"{ns}:inspect", f"{key}:own", outcome(viewers)),
                 (f"{ns}:inspect", f"{key}:other", outcome(SUPERUSER))]
    return rows


def _action(name, key, allowed=MANAGERS):
    return [(name, f"{key}:own", outcome(allowed)), (name, f"{key}:other", outcome(NOBODY))]


def rows():
    rows = []
    rows += _viewset("activities_admin", "ac_activity", viewers=VIEWERS, adders=MANAGERS, editors=MANAGERS, inspect=True)
    rows += _viewset("consultation_plan", "ac_plan", viewers=VIEWERS, adders=PLAN_EDITORS, editors=PLAN_EDITORS,
                     other_editors=SUPERUSER)
    rows += _viewset("activity_suggestions", "ac_suggestion", viewers=VIEWERS)
    rows += _viewset("activity_kinds", "ac_kind", viewers=VIEWERS, adders=RULE_EDITORS, editors=RULE_EDITORS,
                     other_editors=SUPERUSER)
    rows += _viewset("consultation_settings", "ac_settings", viewers=VIEWERS, adders=RULE_EDITORS,
                     editors=RULE_EDITORS, other_editors=SUPERUSER)
    rows += [("activities_admin:calendar", None, outcome(VIEWERS))]
    for name in ("sitting_add", "invite", "speech", "suggestion", "instruction", "place", "document", "proposal_link"):
        rows += _action(f"activities_admin:{name}", "ac_activity")
    for name in ("attendance", "sitting_close", "sign_in_screen"):
        rows += _action(f"activities_admin:{name}", "ac_sitting")
    for name in ("adopt", "follow_up"):
        rows += _action(f"activities_admin:{name}", "ac_suggestion")
    rows += _action("activities_admin:leave_decide", "ac_invitation")
    # Reading pages: every reader of the committee; another committee's only for administrators.
    rows += [
        ("activities_admin:sign_in_sheet", "ac_sitting:own", outcome(VIEWERS)),
        ("activities_admin:sign_in_sheet", "ac_sitting:other", outcome(SUPERUSER)),
        ("activities_admin:attendance_export", "ac_activity:own", outcome(VIEWERS)),
        ("activities_admin:attendance_export", "ac_activity:other", outcome(SUPERUSER)),
    ]
    # The portal: members only; admin people are sent to the admin from the member-only pages.
    rows += [
        ("activities:list", None, portal(MEMBERS, admin_people_to_admin=True)),
        ("activities:sign_in", None, portal(MEMBERS, admin_people_to_admin=True)),
        ("activities:sign_in_sitting", "ac_sitting:own", portal(MEMBERS, admin_people_to_admin=True)),
        ("activities:sign_in_sitting", "ac_sitting:other", portal(NOBODY, admin_people_to_admin=True)),
        ("activities:detail", "ac_activity:own", portal(("member",) + VIEWERS)),
        ("activities:detail", "ac_activity:other", portal(SUPERUSER)),
        ("activities:answer", "ac_invitation:own", portal(("member",))),
        ("activities:answer", "ac_invitation:other", portal(NOBODY)),
        ("activities:leave", "ac_invitation:own", portal(("member",))),
        ("activities:leave", "ac_invitation:other", portal(NOBODY)),
    ]
    return rows
