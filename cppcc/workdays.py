"""Working-day arithmetic on the editable calendar (return windows, publication deadlines)."""

import datetime

from cppcc.models import CalendarDay

ONE_DAY = datetime.timedelta(days=1)


class Calendar:
    """The exceptions between two dates, read once; then every question is answered in memory."""

    def __init__(self, start: datetime.date, end: datetime.date):
        self.exceptions = dict(
            CalendarDay.objects.filter(date__range=(start, end)).values_list("date", "is_workday")
        )

    def is_workday(self, day: datetime.date) -> bool:
        if day in self.exceptions:
            return self.exceptions[day]
        return day.weekday() < 5

    def add_workdays(self, start: datetime.date, count: int) -> datetime.date:
        """The date `count` working days after `start` (start itself not counted)."""
        day, left = start, count
        while left > 0:
            day += ONE_DAY
            if self.is_workday(day):
                left -= 1
        return day


def is_workday(day: datetime.date) -> bool:
    return Calendar(day, day).is_workday(day)


def add_workdays(start: datetime.date, count: int) -> datetime.date:
    """The date `count` working days after `start` (start itself not counted): the last day of a window."""
    return Calendar(start, start + datetime.timedelta(days=count * 3 + 30)).add_workdays(start, count)


def workdays_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end`."""
    if end <= start:
        return 0
    calendar = Calendar(start, end)
    day, count = start, 0
    while day < end:
        day += ONE_DAY
        count += calendar.is_workday(day)
    return count
