"""Proposals (提案): the adapter from proposals.statistics to the summary's rows, sheets and sentences.

This module is the only one in reports/ that knows the names proposals.statistics gives its figures.
"""


from cppcc.rates import Rate
from reports.areas import Area, register
from reports.figures import COUNT, DATE, RATE, TEXT, Chart, Column, Context, OverviewRow, Table, chinese_date

LABELS = {
    "proposals.received": "收到提案",
    "proposals.accepted": "立案",
    "proposals.acceptance_rate": "立案率",
    "proposals.merged": "并案",
    "proposals.converted_opinion": "转意见建议/作参考",
    "proposals.converted_social": "转社情民意",
    "proposals.converted_letter": "作委员来信",
    "proposals.rejected": "不予立案",
    "proposals.withdrawn": "撤案",
    "proposals.reviewing": "审查中",
    "proposals.replied": "已办复",
    "proposals.reply_rate": "办复率",
    "proposals.on_time_rate": "按时办复率",
    "proposals.satisfaction_rate": "满意率",
    "proposals.basic_rate": "基本满意率",
    "proposals.satisfied_or_basic_rate": "满意和基本满意率",
    "proposals.no_response": "未表态",
    "proposals.adoption_rate": "采纳率",
    "proposals.participants": "提出或联名提案的委员（人）",
    "proposals.participation_rate": "参与率（提出或联名提案的委员占本期在任委员）",
    "proposals.overdue": "逾期未办复（件次）",
    "proposals.rehandled": "重新办理",
}
RATE_KEYS = {k for k in LABELS if k.endswith("_rate")}

# overview key -> attribute of proposals.statistics.overview(...)
OVERVIEW_FIELDS = {
    "proposals.received": "received",
    "proposals.accepted": "accepted",
    "proposals.acceptance_rate": "acceptance_rate",
    "proposals.merged": "merged",
    "proposals.converted_opinion": "converted_opinion",
    "proposals.converted_social": "converted_social",
    "proposals.converted_letter": "converted_letter",
    "proposals.rejected": "rejected",
    "proposals.withdrawn": "withdrawn",
    "proposals.reviewing": "reviewing",
    "proposals.replied": "replied",
    "proposals.reply_rate": "reply_rate",
    "proposals.on_time_rate": "on_time_rate",
    "proposals.satisfaction_rate": "satisfaction_rate",
    "proposals.basic_rate": "basic_rate",
    "proposals.satisfied_or_basic_rate": "satisfied_or_basic_rate",
    "proposals.no_response": "no_response",
    "proposals.adoption_rate": "adoption_rate",
    "proposals.participants": "participants",
    "proposals.participation_rate": "participation_rate",
    "proposals.overdue": "overdue",
    "proposals.rehandled": "rehandled",
}

# The breakdown sheets: (selector, sheet title, [(attribute, heading, kind)], chart)
GROUP_COLUMNS = [
    ("received", "收到", COUNT), ("accepted", "立案", COUNT), ("acceptance_rate", "立案率", RATE),
    ("replied", "已办复", COUNT), ("reply_rate", "办复率", RATE),
]
BREAKDOWNS = [
    ("by_proposer_type", "按提案者类型", "提案者类型", GROUP_COLUMNS, "pie"),
    ("by_category", "按类别", "类别", GROUP_COLUMNS, "bar"),
    ("by_sector", "按界别", "界别", GROUP_COLUMNS, "bar"),
    ("by_party", "按党派", "党派团体", GROUP_COLUMNS, "bar"),
]
UNIT_COLUMNS = [
    ("assignments", "交办件次", COUNT), ("replied", "已办复", COUNT), ("on_time", "按时办复", COUNT),
    ("overdue", "逾期", COUNT), ("reply_rate", "办复率", RATE), ("satisfied_or_basic_rate", "满意和基本满意率", RATE),
]
CASE_COLUMNS = [  # keys of the dicts proposals.statistics.case_rows yields; a width: prose that wraps beyond it
    ("case_number", "案号", TEXT, None), ("receipt_number", "收文号", TEXT, None), ("title", "案由", TEXT, 44),
    ("proposers", "提案者", TEXT, 18), ("category", "类别", TEXT, None), ("submitted", "提交日期", DATE, None),
    ("outcome", "审查结果", TEXT, None), ("units", "承办单位", TEXT, 30), ("replied", "已办复", TEXT, None),
    ("result_code", "办理结果", TEXT, None), ("evaluation", "评价", TEXT, None),
]


def statistics():
    from proposals import statistics

    return statistics


def figures(ctx: Context):
    return ctx.once("proposals.overview", lambda: statistics().overview(ctx.period, as_of=ctx.moment))


def breakdown(ctx: Context, name):
    return ctx.once(f"proposals.{name}", lambda: list(getattr(statistics(), name)(ctx.period, as_of=ctx.moment)))


def _value(obj, attribute):
    return getattr(obj, attribute, None)


def _group_table(ctx, selector, title, first_heading, columns, chart_kind) -> Table:
    rows = breakdown(ctx, selector)
    table_columns = [Column("label", first_heading, TEXT, 24)] + [Column(a, h, k) for a, h, k in columns]
    values = [[str(row.label)] + [_value(row, a) for a, _h, _k in columns] for row in rows]
    chart_series = ("received", "accepted") if chart_kind == "bar" else ("received",)
    return Table(
        key=f"proposals_{selector}", title=f"提案{title}", columns=table_columns, rows=values,
        chart=Chart(title=f"提案{title}", category="label", series=chart_series, kind=chart_kind),
    )


@register
class ProposalsArea(Area):
    key = "proposals"
    order = 10
    labels = LABELS

    def overview(self, ctx):
        data = figures(ctx)
        return [
            OverviewRow(key, LABELS[key], getattr(data, attribute), RATE if key in RATE_KEYS else COUNT)
            for key, attribute in OVERVIEW_FIELDS.items()
        ]

    def tables(self, ctx):
        tables = [_group_table(ctx, *spec) for spec in BREAKDOWNS[:2]]
        tables.append(self.unit_table(ctx))
        tables += [_group_table(ctx, *spec) for spec in BREAKDOWNS[2:]]
        tables.append(self.case_table(ctx))
        return tables

    def unit_table(self, ctx) -> Table:
        rows = breakdown(ctx, "by_unit")
        columns = [Column("label", "承办单位", TEXT, 28)] + [Column(a, h, k) for a, h, k in UNIT_COLUMNS]
        return Table(
            key="proposals_by_unit", title="承办单位办理情况", columns=columns, landscape=True,
            rows=[[str(row.label)] + [_value(row, a) for a, _h, _k in UNIT_COLUMNS] for row in rows],
            chart=Chart(title="承办单位办复与逾期", category="label", series=("replied", "overdue")),
        )

    def member_counts(self, ctx) -> dict:
        """{member_id: led, co-signed, accepted} by the proposals' period, for the member sheet."""
        return ctx.once("proposals.by_member", lambda: statistics().by_member(ctx.period, as_of=ctx.moment))

    def case_table(self, ctx) -> Table:
        rows = ctx.once("proposals.case_rows", lambda: list(statistics().case_rows(ctx.period, as_of=ctx.moment)))
        columns = [Column(a, h, k, w, wrap=w is not None) for a, h, k, w in CASE_COLUMNS]
        return Table(
            key="proposals_cases", title="提案目录", columns=columns, landscape=True,
            rows=[[_case_value(row, a) for a, _h, _k, _w in CASE_COLUMNS] for row in rows],
        )

    def sentences(self, ctx):
        data = figures(ctx)
        period = ctx.period
        if period.is_session:
            opening = f"{period.label}全委会"
        else:
            held = "、".join(str(s) for s in period.sessions().select_related("term").order_by("plenary_start"))
            opening = f"{period.year}年召开{held}全委会，全年共" if held else f"{period.year}年全年共"
        parts = [f"收到委员提案{data.received}件"]
        if data.accepted:
            parts.append(f"立案{data.accepted}件")
        for attribute, words in OUTCOME_WORDS:
            n = getattr(data, attribute) or 0
            if n:
                parts.append(words % n)
        text = opening + "，".join(parts)
        if data.accepted and data.reply_rate.defined:
            when = "目前的" if ctx.is_current else f"截至{chinese_date(ctx.as_of)}，"
            text += f"，{when}办复率{data.reply_rate}"
        sentences = [text + "。"]
        evaluation = []
        if data.satisfied_or_basic_rate.defined:
            evaluation.append(f"委员对办理结果的满意和基本满意率为{data.satisfied_or_basic_rate}"
                              f"（其中满意率{data.satisfaction_rate}）")
        if data.adoption_rate.defined and data.adopted:
            what = "已解决、采纳或列入计划" if data.adoption_counts_in_plan else "已解决或采纳"
            evaluation.append(f"所提问题{what}的{data.adopted}件，采纳率{data.adoption_rate}")
        if evaluation:
            sentences.append("，".join(evaluation) + "。")
        return sentences

    def dashboards(self, ctx):
        unit = self.unit_table(ctx)
        unit_rates = Table(
            key="unit_reply_rate", title="各承办单位办复率与逾期", columns=unit.columns, rows=unit.rows,
            chart=Chart(title="办复率", category="label", series=("reply_rate",), percent=True),
        )
        tables = {t.key: t for t in self.tables(ctx) if t.key != "proposals_cases"}
        data = figures(ctx)
        satisfaction = Table(
            key="satisfaction", title="办理结果评价",
            columns=[Column("label", "评价", TEXT), Column("n", "件次", COUNT)],
            rows=[["满意", data.satisfied], ["基本满意", data.basic], ["不满意", data.unsatisfied],
                  ["未表态", data.no_response]],
            chart=Chart(title="办理结果评价", category="label", series=("n",)),
        )
        return [unit_rates, tables["proposals_by_category"], tables["proposals_by_sector"], satisfaction]


OUTCOME_WORDS = [
    ("merged", "并案%d件"),
    ("converted_opinion", "作参考案%d件"),
    ("converted_social", "转社情民意%d件"),
    ("converted_letter", "作委员来信%d件"),
    ("rejected", "不予立案%d件"),
    ("withdrawn", "撤案%d件"),
    ("reviewing", "审查中%d件"),
]


def _case_value(row: dict, attribute):
    value = row.get(attribute)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    if value is None or isinstance(value, (int, Rate)) or hasattr(value, "isoformat"):
        return value
    return str(value)
