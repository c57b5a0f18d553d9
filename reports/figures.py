"""The shapes every report output is written from: overview rows, tables, charts, and the context.

An area (reports.areas) reads its app's statistics selectors once per context and returns these
shapes; the workbook, the draft text, the Word document and the dashboards only write them out.
So every figure a chair sees, in any of the four, comes from one call to one selector (one truth).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from cppcc.rates import Rate
from members.periods import Period, cutoff_moment

COUNT, RATE, TEXT, DATE, NUMBER = "count", "rate", "text", "date", "number"


@dataclass
class Context:
    """One period as of one cut-off date; selector results are memoised, so each is read once."""

    period: Period
    as_of: datetime.date
    today: datetime.date | None = None
    _memo: dict = field(default_factory=dict, repr=False)

    @property
    def moment(self) -> datetime.datetime:
        return cutoff_moment(self.as_of)

    @property
    def committee(self):
        return self.period.committee

    @property
    def is_current(self) -> bool:
        """The cut-off is today (or later): the text says 目前 rather than naming the date."""
        return self.today is None or self.as_of >= self.today

    def once(self, key, compute):
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def previous(self) -> "Context | None":
        """The period before, as of the same cut-off (what was known then about last year)."""
        earlier = self.period.previous()
        return Context(period=earlier, as_of=self.as_of, today=self.today) if earlier else None


@dataclass(frozen=True)
class OverviewRow:
    """One figure of the 总览 sheet: a stable key, its default Chinese label, the value (int, Rate, text)."""

    key: str
    default_label: str
    value: object
    kind: str = COUNT


@dataclass(frozen=True)
class Column:
    """A column of a table. The printed width fits the column's content; `wrap` marks a column of prose
    (a title, a list of names) whose text wraps onto more lines beyond `width` characters instead.
    `hidden`: kept in the file for programs that read it (a stable key), neither shown nor printed."""

    key: str
    heading: str
    kind: str = COUNT
    width: int | None = None
    wrap: bool = False
    hidden: bool = False


@dataclass(frozen=True)
class Chart:
    """A native chart of a table: `kind` bar or pie; categories from `category` column, series from `series`."""

    title: str
    category: str
    series: tuple
    kind: str = "bar"
    percent: bool = False


@dataclass
class Table:
    """A sheet of the workbook and a panel of the dashboards: columns, rows (lists of values), a chart."""

    key: str
    title: str
    columns: list
    rows: list
    chart: Chart | None = None
    landscape: bool = False
    note: str = ""

    def column_index(self, key) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def values(self, key) -> list:
        i = self.column_index(key)
        return [row[i] for row in self.rows]


def shown(value) -> str:
    """A value as the text, the dashboards and the comparison sheet write it."""
    if value is None:
        return "—"
    if isinstance(value, Rate):
        return str(value)
    if isinstance(value, datetime.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def chinese_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def percent_or_none(value):
    return value.percent if isinstance(value, Rate) else None
