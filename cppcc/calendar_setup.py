"""The working-day calendar is there from the first `migrate`, and the office is told when a year is missing.

`holidays` knows each year's public holidays; the make-up workdays (调休) exist only for years whose
schedule the State Council has published and the installed `holidays` release carries. Those years are
the shipped ones: they are seeded after every migrate (idempotent; days the office edited are kept).
A later year is left empty on purpose: its holidays without their make-up Saturdays would be wrong,
so the admin home says which year needs the office's entry instead.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from cppcc.models import CalendarDay

# Seed this many years back from today (return windows and overdue counts of recent sessions).
YEARS_BACK = 5


def shipped_years(today: datetime.date | None = None) -> list[int]:
    """Years up to next year for which the installed `holidays` carries the official make-up workdays."""
    import holidays

    today = today or timezone.localdate()
    years = list(range(today.year - YEARS_BACK, today.year + 2))
    official = holidays.country_holidays("CN", years=years)
    with_schedule = {d.year for d in getattr(official, "weekend_workdays", ())}
    return [y for y in years if y in with_schedule]


def seed_after_migrate(app_config=None, using="default", **kwargs) -> int:
    """post_migrate: seed the shipped years once cppcc's tables exist (CALENDAR_SEED_ON_MIGRATE)."""
    from cppcc.services import calendar_seed

    if app_config is not None and app_config.label != "cppcc":
        return 0
    if not getattr(settings, "CALENDAR_SEED_ON_MIGRATE", True):
        return 0
    return calendar_seed(years=shipped_years())


def missing_years(today: datetime.date | None = None) -> list[int]:
    """This year and next year, those without a single calendar entry (one query)."""
    today = today or timezone.localdate()
    wanted = [today.year, today.year + 1]
    present = set(CalendarDay.objects.filter(date__year__in=wanted).values_list("date__year", flat=True).distinct())
    return [y for y in wanted if y not in present]
