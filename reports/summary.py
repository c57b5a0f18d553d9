"""The annual work summary (工作总结) of a period as of a cut-off: figures, sheets and text, once.

`build_summary` asks every area for its overview rows, sheets and sentences over one memoising
context, adds the comparison with the previous period, and applies the committee's edited labels.
The workbook (reports.workbook), the Word document (reports.document), the admin pages and the
command all write out this one object.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from cppcc.rates import Rate
from members.periods import Period, local_today
from reports.areas import areas
from reports.figures import COUNT, NUMBER, TEXT, Column, Context, Table, chinese_date


@dataclass
class OverviewLine:
    key: str
    label: str
    value: object
    kind: str


@dataclass
class Summary:
    period: Period
    as_of: datetime.date
    overview: list
    tables: list
    comparison: Table | None
    sentences: list = field(default_factory=list)

    @property
    def committee(self):
        return self.period.committee

    @property
    def title(self) -> str:
        return f"{self.committee.name} {self.period.label}工作总结统计（截至{chinese_date(self.as_of)}）"

    @property
    def text(self) -> str:
        return "\n".join(self.sentences)

    def value(self, key):
        return next(line.value for line in self.overview if line.key == key)

    def line(self, key) -> OverviewLine:
        return next(line for line in self.overview if line.key == key)


def labels_for(committee) -> dict:
    """The committee's edited labels over the defaults (one query)."""
    from reports.areas import default_labels
    from reports.models import SummaryLabel

    labels = default_labels()
    for key, label in SummaryLabel.objects.filter(committee=committee).values_list("key", "label"):
        if key in labels and label.strip():
            labels[key] = label.strip()
    return labels


def overview_lines(ctx: Context, labels: dict) -> list:
    lines = []
    for area in areas():
        for row in area.overview(ctx):
            lines.append(OverviewLine(row.key, labels.get(row.key, row.default_label), row.value, row.kind))
    return lines


def build_summary(period: Period, as_of: datetime.date | None = None, *, progress=None, today=None) -> Summary:
    """Every figure of the summary for `period` as of the end of `as_of` (default: today in Beijing)."""
    today = today or local_today()
    as_of = as_of or today
    ctx = Context(period=period, as_of=as_of, today=today)
    labels = labels_for(period.committee)
    step = progress or (lambda *args: None)
    overview = overview_lines(ctx, labels)
    step("overview")
    tables = []
    sentences = []
    for area in areas():
        tables += area.tables(ctx)
        sentences += area.sentences(ctx)
        step(area.key)
    previous = ctx.previous()
    comparison = comparison_table(overview, overview_lines(previous, labels), period, previous.period) if previous else None
    step("comparison")
    return Summary(period=period, as_of=as_of, overview=overview, tables=tables, comparison=comparison, sentences=sentences)


def steps() -> int:
    """How many times build_summary calls `progress` (the job's progress total counts them)."""
    return len(areas()) + 2


def comparison_table(current: list, earlier: list, period: Period, previous: Period) -> Table:
    before = {line.key: line for line in earlier}
    rows = []
    for line in current:
        old = before.get(line.key)
        rows.append([line.label, line.value, old.value if old else None, _change(line.value, old.value if old else None)])
    return Table(
        key="comparison", title="与上期对比",
        columns=[
            Column("label", "项目", TEXT, 26), Column("current", f"{period.label}", COUNT, 14),
            Column("previous", f"{previous.label}", COUNT, 14), Column("change", "增减（件/百分点）", NUMBER, 18),
        ],
        rows=rows,
        note="上期数字同样计算至本表截止日",
    )


def _change(now, then):
    if isinstance(now, Rate) and isinstance(then, Rate):
        if now.percent is None or then.percent is None:
            return None
        return Decimal(now.percent) - Decimal(then.percent)
    if isinstance(now, int) and isinstance(then, int):
        return now - then
    return None


def overview_table(summary: Summary) -> Table:
    return Table(
        key="overview", title="总览",
        # The stable key (what a program reading the file looks up) stays in column C, hidden: not printed.
        columns=[Column("label", "项目", TEXT, 36, wrap=True), Column("value", "数值", COUNT),
                 Column("key", "代码", TEXT, hidden=True)],
        rows=[[line.label, line.value, line.key] for line in summary.overview],
    )

