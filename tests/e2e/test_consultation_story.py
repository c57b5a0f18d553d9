"""A special-committee counterpart consultation in a real Chromium, each person in their own browser.

The secretariat creates the consultation and invites a sector; one member asks for leave and the organiser
approves it; another signs in with the code (a wrong code, a second sign-in and a sitting outside its window
are refused with a clear message); a speech and three suggestions are recorded, one adopted; both members'
duty record pages (/portal/duty/) show the right entries; marking the excused member present afterwards
replaces the entry without a duplicate.
"""

import datetime
import re

import pytest
from django.utils import timezone, translation

from consultations import services
from consultations.models import Activity, Attendance, Invitation, Suggestion
from members.models import DutyEntry
from members.models.ledger import DutyKind
from members.models.roles import Role
from tests import factories
from tests.consultations.conftest import World
from tests.e2e.helpers import SCREENSHOTS, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def label(kind) -> str:
    with translation.override("zh-hans"):
        return str(DutyKind(kind).label)


def test_counterpart_consultation_leave_sign_in_and_duty_record(live_server, browser):
    committee = factories.committee("政协紫阳县委员会")
    clerk = factories.user_with_role(Role.SECRETARIAT, committee, username="story-clerk")
    world = World(committee, clerk)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
    # Starts in 20 minutes: sign-in is already open (it opens 60 minutes before the start).
    start = timezone.localtime() + datetime.timedelta(minutes=20)
    start = start.replace(second=0, microsecond=0)
    end = start + datetime.timedelta(hours=3)
    # Another sitting tomorrow, to try a sign-in outside its window.
    tomorrow = world.activity(day=world.today + datetime.timedelta(days=1), topic="明天的座谈会", organiser=None)
    services.invite(activity=tomorrow, actor=clerk, sector=world.education)
    contexts = []

    def person(user, path, **args):
        context, page = log_in(browser, live_server, user, path, **args)
        contexts.append(context)
        return page

    try:
        # 1. The secretariat creates the consultation and invites the education sector.
        office = person(clerk, "/admin/activities/")
        office.goto(f"{live_server.url}/admin/activities/new/")
        office.select_option('select[name="kind"]', str(world.kind("counterpart").pk))
        office.fill('input[name="topic"]', "关于规范民办教育的专委会对口协商")
        office.select_option('select[name="organiser"]', str(world.health_committee.pk))
        office.fill('input[name="starts_at"]', start.strftime("%Y-%m-%d %H:%M"))
        office.fill('input[name="ends_at"]', end.strftime("%Y-%m-%d %H:%M"))
        office.locator('input[name="ends_at"]').press("Escape")  # closes the date picker, which can cover the button
        office.fill('input[name="place"]', "县政协三楼会议室")
        office.locator("button.consultation-action-submit").click()
        office.wait_for_url(re.compile(r"/admin/activities/inspect/\d+/$"))
        activity = Activity.objects.get(topic="关于规范民办教育的专委会对口协商")
        sitting = activity.sittings.get()
        assert activity.first_starts_at == start
        office.goto(f"{live_server.url}/admin/activities/invite/{activity.pk}/")
        office.check('input[name="way"][value="sector"]')
        office.select_option('select[name="sector"]', str(world.education.pk))
        office.locator("button.consultation-action-submit").click()
        office.wait_for_url(re.compile(rf"/admin/activities/inspect/{activity.pk}/$"))
        assert set(activity.invitations.values_list("member__name", flat=True)) == {"王老师", "李老师"}

        # 2. 王老师 asks for leave in the portal, on the phone.
        teacher = person(world.teacher.user, "/portal/activities/", **phone)
        invitation = Invitation.objects.get(activity=activity, member=world.teacher)
        teacher.locator(f'li[data-invitation="{invitation.pk}"] a[href$="/leave/"]').click()
        teacher.fill('textarea[name="reason"]', "参加市教育局培训")
        teacher.locator('form.leave-form button[type="submit"]').click()
        teacher.wait_for_url(re.compile(rf"/portal/activities/{activity.pk}/$"))
        assert "参加市教育局培训" in teacher.content()

        # 3. The organiser approves it from the activity's page.
        office.goto(f"{live_server.url}/admin/activities/inspect/{activity.pk}/")
        office.locator(f'a[href$="/leave/{invitation.pk}/"]').click()
        office.check('input[name="decision"][value="approve"]')
        office.locator("button.consultation-action-submit").click()
        office.wait_for_url(re.compile(rf"/admin/activities/inspect/{activity.pk}/$"))
        invitation.refresh_from_db()
        assert invitation.state == Invitation.State.EXCUSED

        # 4. 李老师 signs in with the code: wrong code, outside the window, then right, then twice.
        teacher2 = person(world.teacher2.user, "/portal/activities/", **phone)
        teacher2.goto(f"{live_server.url}/portal/activities/sign-in/")
        wrong = "000000" if sitting.sign_in_code != "000000" else "111111"
        teacher2.fill('input[name="code"]', wrong)
        teacher2.locator('form.code-form button[type="submit"]').click()
        errors = teacher2.locator(".errorlist, .form-errors").all_inner_texts()
        assert any("签到码" in e or "code" in e.lower() for e in errors), errors
        later = tomorrow.sittings.get()
        teacher2.goto(f"{live_server.url}/portal/activities/sign-in/{later.pk}/")
        teacher2.fill('input[name="code"]', later.sign_in_code)
        teacher2.locator('form.code-form button[type="submit"]').click()
        text = " ".join(teacher2.locator(".errorlist, .form-errors").all_inner_texts())
        opens = timezone.localtime(later.starts_at - datetime.timedelta(minutes=60)).strftime("%Y-%m-%d %H:%M")
        assert opens in text, text  # "sign-in is open from ... to ..."
        teacher2.goto(f"{live_server.url}/portal/activities/sign-in/")
        teacher2.fill('input[name="code"]', sitting.sign_in_code)
        teacher2.locator('form.code-form button[type="submit"]').click()
        teacher2.wait_for_url(re.compile(rf"/portal/activities/{activity.pk}/$"))
        teacher2.screenshot(path=str(SCREENSHOTS / "consultation-signed-in.png"), full_page=True)
        teacher2.goto(f"{live_server.url}/portal/activities/sign-in/")
        teacher2.fill('input[name="code"]', sitting.sign_in_code)
        teacher2.locator('form.code-form button[type="submit"]').click()
        twice = " ".join(teacher2.locator(".errorlist, .form-errors").all_inner_texts())
        assert timezone.localtime(Attendance.objects.get(sitting=sitting, member=world.teacher2).signed_in_at).strftime("%H:%M") in twice

        # 5. A speech and three suggestions; one adopted.
        office.goto(f"{live_server.url}/admin/activities/speech/{activity.pk}/")
        office.select_option('select[name="member"]', str(world.teacher2.pk))
        office.check('input[name="mode"][value="oral"]')
        office.fill('input[name="title"]', "规范民办学校收费")
        office.locator("button.consultation-action-submit").click()
        office.wait_for_url(re.compile(rf"/admin/activities/inspect/{activity.pk}/$"))
        for text in ("建立民办学校年检制度", "规范收费公示", "加强师资培训"):
            office.goto(f"{live_server.url}/admin/activities/suggestion/{activity.pk}/")
            office.fill('textarea[name="text"]', text)
            office.locator("button.consultation-action-submit").click()
            office.wait_for_url(re.compile(rf"/admin/activities/inspect/{activity.pk}/$"))
        first = Suggestion.objects.get(activity=activity, number=1)
        office.locator(f'a[href$="/adopt/{first.pk}/"]').click()
        office.check('input[name="adopted"][value="yes"]')
        office.locator("button.consultation-action-submit").click()
        office.wait_for_url(re.compile(rf"/admin/activities/inspect/{activity.pk}/$"))
        assert list(activity.suggestions.values_list("adoption", flat=True)) == ["adopted", "pending", "pending"]
        office.screenshot(path=str(SCREENSHOTS / "consultation-admin-page.png"), full_page=True)

        # 6. Both duty record pages show the right entries.
        teacher.goto(f"{live_server.url}/portal/duty/")
        page = teacher.content()
        assert activity.topic in page and label(DutyKind.EXCUSED) in page
        teacher2.goto(f"{live_server.url}/portal/duty/")
        page = teacher2.content()
        for kind in (DutyKind.ATTENDED, DutyKind.SPEECH, DutyKind.ACTIVITY):
            assert label(kind) in page, kind
        assert "规范民办学校收费" in page

        # 7. 王老师 was there after all: marked present, the excused entry is replaced, not doubled.
        office.goto(f"{live_server.url}/admin/activities/attendance/{sitting.pk}/")
        row = Attendance.objects.get(sitting=sitting, member=world.teacher)
        office.select_option(f'select[name="a{row.pk}"]', "present")
        office.fill('input[name="reason"]', "实际到会")
        office.locator("button.consultation-action-submit").click()
        office.wait_for_url(re.compile(rf"/admin/activities/attendance/{sitting.pk}/$"))
        teacher.goto(f"{live_server.url}/portal/duty/")
        page = teacher.content()
        assert label(DutyKind.ATTENDED) in page and label(DutyKind.EXCUSED) not in page
        standing = DutyEntry.objects.standing().filter(member=world.teacher, kind_group="attendance")
        assert [e.kind for e in standing] == [DutyKind.ATTENDED]
        teacher.screenshot(path=str(SCREENSHOTS / "consultation-duty-record.png"), full_page=True)
    finally:
        for context in contexts:
            context.close()
