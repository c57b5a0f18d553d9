"""Admin and portal screens of consultations: pages, actions through the forms, refusals, query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultations import services
from consultations.models import Activity, Attendance, Invitation
from cppcc import clock
from members.models import DutyEntry
from members.models.roles import Role
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(world):
    """A consultation that met this morning: the teachers invited, one excused, speeches and suggestions."""
    activity = world.activity(day=world.today - datetime.timedelta(days=1))
    services.invite(activity=activity, actor=world.secretariat, sector=world.education)
    return activity


def test_admin_activity_pages_render_for_the_organiser(client, world, held):
    client.force_login(world.secretariat)
    sitting = held.sittings.get()
    suggestion = services.suggestion_record(activity=held, actor=world.secretariat, text="加强监管")
    invitation = held.invitations.first()
    pages = [
        reverse("activities_admin:index"), reverse("activities_admin:add"), reverse("activities_admin:calendar"),
        reverse("activities_admin:inspect", args=[held.pk]), reverse("activities_admin:edit", args=[held.pk]),
        reverse("activities_admin:invite", args=[held.pk]), reverse("activities_admin:sitting_add", args=[held.pk]),
        reverse("activities_admin:attendance", args=[sitting.pk]), reverse("activities_admin:sitting_close", args=[sitting.pk]),
        reverse("activities_admin:sign_in_screen", args=[sitting.pk]), reverse("activities_admin:sign_in_sheet", args=[sitting.pk]),
        reverse("activities_admin:speech", args=[held.pk]), reverse("activities_admin:suggestion", args=[held.pk]),
        reverse("activities_admin:adopt", args=[suggestion.pk]), reverse("activities_admin:follow_up", args=[suggestion.pk]),
        reverse("activities_admin:instruction", args=[held.pk]), reverse("activities_admin:place", args=[held.pk]),
        reverse("activities_admin:document", args=[held.pk]), reverse("activities_admin:proposal_link", args=[held.pk]),
        reverse("consultation_plan:index"), reverse("consultation_plan:add"), reverse("activity_suggestions:index"),
        reverse("activity_kinds:index"), reverse("consultation_settings:index"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
    # Action forms with dates load Wagtail's date picker (its script comes with the form's media).
    for url in (reverse("activities_admin:sitting_add", args=[held.pk]), reverse("activities_admin:instruction", args=[held.pk])):
        assert "date-time-chooser.js" in client.get(url).content.decode(), url
    sheet = client.get(reverse("activities_admin:sign_in_sheet", args=[sitting.pk])).content.decode()
    assert "王老师" in sheet and "李老师" in sheet and "教育界" in sheet
    screen = client.get(reverse("activities_admin:sign_in_screen", args=[sitting.pk])).content.decode()
    assert sitting.sign_in_code in screen and "<svg" in screen
    # No leave request yet: the decision page sends the organiser back with a message.
    response = client.get(reverse("activities_admin:leave_decide", args=[invitation.pk]))
    assert response.status_code == 302


def test_create_invite_and_mark_through_the_admin(client, world):
    client.force_login(world.secretariat)
    day = world.today - datetime.timedelta(days=2)
    response = client.post(reverse("activities_admin:add"), {
        "committee": world.committee.pk, "kind": world.kind("counterpart").pk, "topic": "药品市场对口协商",
        "organiser": world.health_committee.pk, "starts_at": f"{day} 09:00", "ends_at": f"{day} 12:00",
        "place": "三楼会议室",
    })
    activity = Activity.objects.get(topic="药品市场对口协商")
    assert response.status_code == 302 and response["Location"] == reverse("activities_admin:inspect", args=[activity.pk])
    client.post(reverse("activities_admin:invite", args=[activity.pk]), {"way": "sector", "sector": world.education.pk})
    assert activity.invitations.count() == 2
    sitting = activity.sittings.get()
    rows = {a.member.name: a for a in Attendance.objects.filter(sitting=sitting).select_related("member")}
    response = client.post(reverse("activities_admin:attendance", args=[sitting.pk]), {
        f"a{rows['王老师'].pk}": "present", f"a{rows['李老师'].pk}": "absent", "reason": ""})
    assert response.status_code == 302
    # Correcting without a reason is refused and named; with a reason it goes through.
    response = client.post(reverse("activities_admin:attendance", args=[sitting.pk]), {
        f"a{rows['王老师'].pk}": "present", f"a{rows['李老师'].pk}": "excused", "reason": ""})
    assert response.status_code == 200 and "李老师" in response.content.decode()
    response = client.post(reverse("activities_admin:attendance", args=[sitting.pk]), {
        f"a{rows['王老师'].pk}": "present", f"a{rows['李老师'].pk}": "excused", "reason": "补请假条"})
    assert response.status_code == 302
    assert DutyEntry.objects.standing().get(member=world.teacher2, kind_group="attendance").kind == "excused"
    export = client.get(reverse("activities_admin:attendance_export", args=[activity.pk]))
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxml")
    response = client.post(reverse("activities_admin:edit", args=[activity.pk]), {
        "topic": "药品市场秩序对口协商", "kind": world.kind("counterpart").pk, "organiser": world.health_committee.pk,
        "questionnaires": 220, "problems_found": 14, "description": "", "invited_leaders": "", "minutes": "",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    activity.refresh_from_db()
    assert (activity.topic, activity.questionnaires) == ("药品市场秩序对口协商", 220)
    assert activity.events.filter(action="updated").exists()


def test_other_committee_and_readers(client, world, held, other_committee, role_user):
    chair = role_user(Role.CHAIR)
    client.force_login(chair)
    assert client.get(reverse("activities_admin:inspect", args=[held.pk])).status_code == 200
    refused = client.get(reverse("activities_admin:invite", args=[held.pk]))
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # Wagtail's refusal
    stranger = factories.user_with_role(Role.SECRETARIAT, other_committee)
    client.force_login(stranger)
    assert client.get(reverse("activities_admin:inspect", args=[held.pk])).status_code == 404  # another committee's activity does not exist for them
    assert client.get(reverse("activities_admin:invite", args=[held.pk])).status_code == 404


def test_portal_answer_leave_and_sign_in(client, world):
    activity = world.activity(day=world.today + datetime.timedelta(days=2))
    mine, _theirs = services.invite(activity=activity, actor=world.secretariat, sector=world.education)
    client.force_login(world.teacher.user)
    page = client.get(reverse("activities:list")).content.decode()
    assert activity.topic in page
    response = client.post(reverse("activities:leave", args=[mine.pk]), {"reason": ""})
    assert response.status_code == 200
    client.post(reverse("activities:leave", args=[mine.pk]), {"reason": "外出培训"})
    mine.refresh_from_db()
    assert mine.state == Invitation.State.LEAVE_REQUESTED
    detail = client.get(reverse("activities:detail", args=[activity.pk])).content.decode()
    assert "外出培训" in detail
    # Someone else's invitation is not there at all; nor is an activity one was not invited to.
    assert client.get(reverse("activities:leave", args=[_theirs.pk])).status_code == 404
    client.force_login(world.doctor.user)
    assert client.get(reverse("activities:detail", args=[activity.pk])).status_code == 404

    sitting = activity.sittings.get()
    client.force_login(world.teacher2.user)
    with clock.acting_at(sitting.starts_at - datetime.timedelta(days=1)):
        response = client.post(reverse("activities:sign_in"), {"code": sitting.sign_in_code})
    assert "not open now" in response.content.decode() or "签到" in response.content.decode()
    with clock.acting_at(sitting.starts_at - datetime.timedelta(minutes=5)):
        response = client.post(reverse("activities:sign_in"), {"code": "9999999"})
        assert response.status_code == 200
        response = client.post(reverse("activities:sign_in_sitting", args=[sitting.pk]) + "?code=x",
                               {"code": sitting.sign_in_code, "via": "qr"})
        assert response.status_code == 302
        again = client.post(reverse("activities:sign_in"), {"code": sitting.sign_in_code})
    assert again.status_code == 200
    attendance = Attendance.objects.get(sitting=sitting, member=world.teacher2)
    assert (attendance.status, attendance.method) == ("present", "qr")


def _grow(world, n):
    body = factories.unit(world.committee)
    for i in range(n):
        activity = world.activity(topic=f"活动{i}", day=world.today - datetime.timedelta(days=i % 30 + 1))
        services.invite(activity=activity, actor=world.secretariat, members=[world.teacher])
        services.suggestion_record(activity=activity, actor=world.secretariat, text=f"建议{i}", addressed_to=body)
        services.speech_record(activity=activity, actor=world.secretariat, member=world.teacher, title=f"发言{i}")


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


LISTS = ["/admin/activities/", "/admin/activities/?export=xlsx", "/admin/activity-suggestions/",
         "/admin/consultation-plan/", "/admin/activities/calendar/"]


@pytest.mark.parametrize("url", LISTS)
def test_admin_lists_keep_their_query_count(client, world, url):
    client.force_login(world.secretariat)
    _grow(world, 10)
    _count(client, url)  # warms the process's caches (the first admin page of a process reads more)
    small = _count(client, url)
    _grow(world, 50)  # 60 rows: more than a page, so every per-row path is walked at least 50 times
    assert _count(client, url) == small, url


def test_portal_list_keeps_its_query_count(client, world):
    client.force_login(world.teacher.user)
    _grow(world, 10)
    _count(client, reverse("activities:list"))  # warms the process's caches
    small = _count(client, reverse("activities:list"))
    _grow(world, 50)
    assert _count(client, reverse("activities:list")) == small


def test_a_double_clicked_new_activity_creates_one(client, world):
    """Issue #10 item 6: the second POST of the same form (same one-time token) makes nothing new and is
    sent to the activity the first one made."""
    client.force_login(world.secretariat)
    page = client.get(reverse("activities_admin:add")).content.decode()
    token = page.split('name="once_token" value="', 1)[1].split('"', 1)[0]
    day = world.today - datetime.timedelta(days=2)
    data = {"committee": world.committee.pk, "kind": world.kind("counterpart").pk, "topic": "医保对口协商",
            "organiser": world.health_committee.pk, "starts_at": f"{day} 09:00", "ends_at": f"{day} 12:00",
            "once_token": token}
    first = client.post(reverse("activities_admin:add"), data)
    second = client.post(reverse("activities_admin:add"), data)
    (activity,) = Activity.objects.filter(topic="医保对口协商")
    assert first["Location"] == second["Location"] == reverse("activities_admin:inspect", args=[activity.pk])
    data["once_token"] = client.get(reverse("activities_admin:add")).context["form"].initial["once_token"]
    client.post(reverse("activities_admin:add"), data)  # the form shown again: a new token, a new activity
    assert Activity.objects.filter(topic="医保对口协商").count() == 2
