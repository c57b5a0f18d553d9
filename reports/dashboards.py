"""The admin dashboards: the same areas' tables as the workbook, each drawn as a chart beside its table.

Panels: reply rate and overdue by handling unit, proposals by category and by sector, satisfaction,
consultations by form, and this period against the previous one. Every figure comes from the areas
(reports.areas), hence from the apps' statistics selectors: nothing here counts anything itself.
"""

from dataclasses import dataclass

from reports.areas import areas
from reports.charts import bar_chart
from reports.figures import Chart, Context, Table
from reports.summary import comparison_table, labels_for, overview_lines

COMPARED = (
    "proposals.received", "proposals.accepted", "proposals.replied", "proposals.overdue",
    "consultations.consultations", "consultations.inspections", "consultations.research",
)
COMPARED_RATES = (
    "proposals.acceptance_rate", "proposals.reply_rate", "proposals.on_time_rate",
    "proposals.satisfied_or_basic_rate", "proposals.adoption_rate", "proposals.participation_rate",
)


def unknown_keys() -> set:
    """Compared keys that no area's overview gives (a typo would silently drop a panel row)."""
    from reports.areas import default_labels

    return set(COMPARED + COMPARED_RATES) - set(default_labels())


@dataclass
class Panel:
    table: Table
    svg: str

    @property
    def key(self):
        return self.table.key


def overdue_table(unit_table: Table) -> Table:
    overdue = unit_table.column_index("overdue")
    return Table(
        key="unit_overdue", title="逾期未办复（按承办单位）", columns=unit_table.columns,
        rows=[row for row in unit_table.rows if (row[overdue] or 0) > 0],
        chart=Chart(title="逾期未办复（件次）", category="label", series=("overdue",)),
    )


def tables(ctx: Context) -> list:
    found = []
    for area in areas():
        found += area.dashboards(ctx)
    by_key = {t.key: t for t in found}
    if "unit_reply_rate" in by_key:
        index = found.index(by_key["unit_reply_rate"])
        found.insert(index + 1, overdue_table(by_key["unit_reply_rate"]))
    previous = ctx.previous()
    if previous is not None:
        if unknown := unknown_keys():
            raise KeyError(f"reports.dashboards compares keys no area gives: {sorted(unknown)}")
        labels = labels_for(ctx.committee)
        now, before = overview_lines(ctx, labels), overview_lines(previous, labels)
        for keys, key, title, percent in ((COMPARED, "compare_counts", "与上期对比（数量）", False),
                                          (COMPARED_RATES, "compare_rates", "与上期对比（比率）", True)):
            table = comparison_table([l for l in now if l.key in keys], before, ctx.period, previous.period)
            table.key, table.title = key, title
            table.chart = Chart(title=title, category="label", series=("current", "previous"), percent=percent)
            found.append(table)
    return found


def panels(ctx: Context) -> list:
    return [Panel(table, bar_chart(table)) for table in tables(ctx)]


def table_by_key(ctx: Context, key: str) -> Table | None:
    return next((t for t in tables(ctx) if t.key == key), None)
