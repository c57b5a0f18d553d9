"""Working days follow the editable calendar: holidays on weekdays are off, make-up weekend days are on."""

import datetime

import pytest

from cppcc.models import CalendarDay
from cppcc.services import calendar_seed
from cppcc.workdays import add_workdays, is_workday, workdays_between

D = datetime.date


@pytest.fixture
def seeded(db):
    return calendar_seed(years=[2025, 2026])


def test_seed_knows_holidays_and_make_up_workdays_and_is_idempotent(seeded):
    assert seeded > 20
    assert calendar_seed(years=[2025, 2026]) == 0
    assert not is_workday(D(2026, 10, 1))  # National Day, a Thursday
    assert is_workday(D(2026, 10, 10))  # Saturday make-up workday (docs/stack-notes.md#django-wagtail-and-library-pitfalls)
    assert is_workday(D(2025, 9, 28))  # Sunday make-up workday
    assert not is_workday(D(2026, 10, 11)) and is_workday(D(2026, 10, 12))  # plain Sunday, plain Monday
    assert CalendarDay.objects.get(date=D(2026, 10, 1)).name  # Chinese name kept


def test_return_window_spans_the_national_day_holiday(seeded):
    # Assigned Wed 2026-09-30; 10-01..10-07 are off, Thu 10-08 and Fri 10-09 work, Sat 10-10 is a make-up day.
    assert add_workdays(D(2026, 9, 30), 1) == D(2026, 10, 8)
    assert add_workdays(D(2026, 9, 30), 3) == D(2026, 10, 10)
    assert add_workdays(D(2026, 9, 30), 5) == D(2026, 10, 13)
    assert workdays_between(D(2026, 9, 30), D(2026, 10, 13)) == 5


def test_secretariat_corrections_win_over_the_seed(seeded):
    CalendarDay.objects.update_or_create(date=D(2026, 10, 12), defaults={"is_workday": False, "name": "临时放假"})
    assert not is_workday(D(2026, 10, 12))
    assert calendar_seed(years=[2026]) == 0
    assert not is_workday(D(2026, 10, 12))


def test_without_any_seed_weekends_are_off(db):
    assert add_workdays(D(2026, 11, 27), 1) == D(2026, 11, 30)  # Friday -> Monday
    assert workdays_between(D(2026, 11, 30), D(2026, 11, 30)) == 0


def test_secretariat_edits_the_calendar_in_the_admin(client, secretariat):
    client.force_login(secretariat)
    assert client.get("/admin/calendar/").status_code == 200
    response = client.post("/admin/calendar/new/", {"date": "2027-02-06", "is_workday": "on", "name": "调休上班"})
    assert response.status_code == 302
    assert is_workday(D(2027, 2, 6))
