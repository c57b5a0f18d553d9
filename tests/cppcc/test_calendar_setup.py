"""The calendar is there from the first migrate (the years whose 调休 schedule is shipped), and the admin
home tells the office which of this year and next has no entries."""

import datetime

import pytest
from django.apps import apps
from django.urls import reverse

from cppcc import calendar_setup
from cppcc.models import CalendarDay
from members.models.roles import Role
from tests import factories


def test_the_shipped_years_are_those_with_official_make_up_workdays():
    years = calendar_setup.shipped_years(datetime.date(2026, 12, 3))
    assert years[-1] == 2026 and 2025 in years  # holidays 0.108 carries 2026's schedule, not 2027's
    assert 2027 not in years


def test_migrate_seeds_the_shipped_years_once(db, settings):
    settings.CALENDAR_SEED_ON_MIGRATE = True
    added = calendar_setup.seed_after_migrate(apps.get_app_config("cppcc"))
    assert added > 0
    national_day_make_up = CalendarDay.objects.get(date=datetime.date(2026, 10, 10))
    assert national_day_make_up.is_workday
    assert not CalendarDay.objects.get(date=datetime.date(2026, 10, 1)).is_workday
    # Again: nothing new, and an edit by the office stays.
    CalendarDay.objects.filter(date=datetime.date(2026, 10, 1)).update(name="国庆节（已核对）")
    assert calendar_setup.seed_after_migrate(apps.get_app_config("cppcc")) == 0
    assert CalendarDay.objects.get(date=datetime.date(2026, 10, 1)).name == "国庆节（已核对）"
    # Other apps' post_migrate signals do not seed; the setting turns it off.
    CalendarDay.objects.all().delete()
    assert calendar_setup.seed_after_migrate(apps.get_app_config("members")) == 0
    settings.CALENDAR_SEED_ON_MIGRATE = False
    assert calendar_setup.seed_after_migrate(apps.get_app_config("cppcc")) == 0
    assert not CalendarDay.objects.exists()


def test_missing_years_are_this_and_next_without_entries(db):
    today = datetime.date(2026, 12, 3)
    assert calendar_setup.missing_years(today) == [2026, 2027]
    CalendarDay.objects.create(date=datetime.date(2026, 10, 1), is_workday=False, name="国庆节")
    assert calendar_setup.missing_years(today) == [2027]


@pytest.mark.parametrize("with_calendar", [False, True])
def test_the_admin_home_warns_the_office(client, db, with_calendar):
    committee = factories.committee()
    clerk = factories.user_with_role(Role.SECRETARIAT, committee)
    this_year = datetime.date.today().year
    if with_calendar:
        for year in (this_year, this_year + 1):
            CalendarDay.objects.create(date=datetime.date(year, 1, 1), is_workday=False, name="元旦")
    client.force_login(clerk)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert ("calendar-warning-heading" in page) is (not with_calendar)
    if not with_calendar:
        assert str(this_year + 1) in page and reverse("calendar:index") in page
