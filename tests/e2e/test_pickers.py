"""The searchable pickers in Chromium (issue #11): the secretariat invites a named member to an activity
by typing part of a sector and picking from the answers (the page never lists every member), and a
member filters the grouped handling units of the filing form by a few characters of a name. Both
under the Content-Security-Policy: their scripts are static files loaded as form media."""

import datetime

import pytest
from django.utils import timezone

from consultations import services as consultation_services
from consultations.models import ActivityKind, Invitation
from members.models import Body
from members.models.roles import Role
from tests import factories
from tests.e2e.helpers import log_in
from tests.proposals.conftest import World

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _errors(page):
    failures = []
    page.on("pageerror", lambda error: failures.append(str(error)))
    page.on("console", lambda m: failures.append(m.text) if "Content Security Policy" in m.text else None)
    return failures


def test_the_secretariat_picks_a_named_member_by_sector(live_server, browser):
    committee = factories.committee("政协紫阳县委员会")
    world = World(committee, factories.user_with_role(Role.SECRETARIAT, committee))
    medicine = factories.sector(committee, "医药卫生界")
    doctor = world.member("张医生", sector=medicine)
    for i in range(30):  # a committee of many members: none of them is listed on the page
        world.member(f"委员{i:02d}")
    kind = ActivityKind.objects.filter(committee=committee, active=True).order_by("pk").first()
    start = timezone.make_aware(datetime.datetime.combine(world.today + datetime.timedelta(days=7), datetime.time(9)))
    activity = consultation_services.activity_create(
        actor=world.secretariat, committee=committee, kind=kind, topic="关于医疗市场秩序的对口协商",
        starts_at=start, ends_at=start + datetime.timedelta(hours=3), place="县政协三楼会议室",
    )
    path = f"/admin/activities/invite/{activity.pk}/"
    context, page = log_in(browser, live_server, world.secretariat, path)
    failures = _errors(page)
    try:
        page.wait_for_load_state("networkidle")
        assert page.locator('select[name="members"] option').count() == 0  # no list of every member
        page.check('input[name="way"][value="members"]')
        search = page.locator(".member-picker__input")
        search.fill("医药")
        result = page.locator(".member-picker__result", has_text="张医生")
        result.wait_for(timeout=5000)
        assert "医药卫生界" in result.inner_text() and page.locator(".member-picker__result").count() == 1
        search.press("Enter")  # picks the first answer; does not submit the form
        page.locator(".member-picker__chip", has_text="张医生").wait_for(timeout=5000)
        assert page.url.endswith(path)
        page.locator("button.consultation-action-submit").click()
        page.wait_for_url(f"**/admin/activities/inspect/{activity.pk}/")
        assert list(Invitation.objects.filter(activity=activity).values_list("member_id", flat=True)) == [doctor.pk]
        assert failures == [], failures
    finally:
        context.close()


def test_a_member_filters_the_grouped_units(live_server, browser):
    committee = factories.committee("政协紫阳县委员会")
    world = World(committee, factories.user_with_role(Role.SECRETARIAT, committee))
    town = Body.objects.create(committee=committee, code="T01", name="城关镇人民政府", kind=Body.Kind.TOWNSHIP)
    for i in range(25):
        Body.objects.create(committee=committee, code=f"G{i:02d}", name=f"县第{i}局", kind=Body.Kind.GOVERNMENT)
    context, page = log_in(browser, live_server, world.proposer.user, "/portal/proposals/new/")
    failures = _errors(page)
    try:
        page.wait_for_load_state("networkidle")
        box = page.locator(".grouped-choices__filter")
        box.fill("城关")
        visible = page.locator(".grouped-choices__option:visible")
        assert visible.count() == 1 and "城关镇人民政府" in visible.inner_text()
        assert page.locator(".grouped-choices__group:visible").count() == 1  # the other kinds' groups are hidden
        visible.locator("input").check()
        box.fill("")
        units = Body.objects.filter(committee=committee, is_handling_unit=True).count()
        assert page.locator(".grouped-choices__option:visible").count() == units
        assert page.locator(f'input[name="suggested_units"][value="{town.pk}"]').is_checked()
        assert failures == [], failures
    finally:
        context.close()
