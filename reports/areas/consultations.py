"""Consultations, inspections, research and supervision: the adapter from consultations.statistics.

This module is the only one in reports/ that knows the names consultations.statistics gives its figures.
"""

import importlib.util

from reports.areas import Area, register
from reports.figures import COUNT, RATE, TEXT, Chart, Column, Context, OverviewRow, Table

GROUPS = {  # kind group -> (overview key, default label)
    "consultation": ("consultations.consultations", "协商活动（次）"),
    "inspection": ("consultations.inspections", "视察（次）"),
    "research": ("consultations.research", "调研（次）"),
    "supervision": ("consultations.supervision", "民主监督（次）"),
}
LABELS = {key: label for key, label in GROUPS.values()}
LABELS.update({
    # People, each once, against person-sittings (participation.attended): each label says which it counts.
    "consultations.participants": "参加各类活动的委员（人，每人计一次）",
    "consultations.suggestions": "提出意见建议（条）",
    "consultations.adopted": "意见建议被采纳（条）",
})

FORM_COLUMNS = [
    ("activities", "次数", COUNT), ("sittings", "场次", COUNT), ("participants", "参加委员（人）", COUNT),
    ("present", "出席（人次）", COUNT),
    ("attendance_rate", "出席率", RATE), ("speeches", "发言", COUNT), ("suggestions", "意见建议（条）", COUNT),
    ("adopted", "被采纳（条）", COUNT),
]
FIELD_COLUMNS = [
    ("activities", "次数", COUNT), ("places", "地点（处）", COUNT), ("questionnaires", "问卷（份）", COUNT),
    ("reports", "报告（篇）", COUNT), ("suggestions", "意见建议（条）", COUNT), ("adopted", "被采纳（条）", COUNT),
]


def statistics():
    from consultations import statistics

    return statistics


def by_kind(ctx: Context) -> list:
    return ctx.once("consultations.by_kind", lambda: list(statistics().by_kind(ctx.period, as_of=ctx.moment)))


def by_group(ctx: Context) -> dict:
    def compute():
        return {str(row.group): row for row in statistics().by_group(ctx.period, as_of=ctx.moment)}

    return ctx.once("consultations.by_group", compute)


def _n(row, attribute) -> int:
    return (getattr(row, attribute, 0) or 0) if row is not None else 0


@register
class ConsultationsArea(Area):
    key = "consultations"
    order = 20
    labels = LABELS

    def available(self):
        return importlib.util.find_spec("consultations.statistics") is not None

    def overview(self, ctx):
        groups = by_group(ctx)
        rows = [OverviewRow(key, label, _n(groups.get(group), "activities")) for group, (key, label) in GROUPS.items()]
        everyone = ctx.once("consultations.totals", lambda: statistics().totals(ctx.period, as_of=ctx.moment))
        rows.append(OverviewRow("consultations.participants", LABELS["consultations.participants"],
                                _n(everyone, "participants")))
        for attribute in ("suggestions", "adopted"):
            key = f"consultations.{attribute}"
            rows.append(OverviewRow(key, LABELS[key], sum(_n(row, attribute) for row in groups.values())))
        return rows

    def form_table(self, ctx) -> Table:
        rows = [row for row in by_kind(ctx) if str(getattr(row, "group", "")) not in ("inspection", "research")]
        return Table(
            key="consultations_by_form", title="协商活动（按形式）",
            columns=[Column("label", "协商形式", TEXT, 26)] + [Column(a, h, k) for a, h, k in FORM_COLUMNS],
            rows=[[str(row.name)] + [getattr(row, a, None) for a, _h, _k in FORM_COLUMNS] for row in rows],
            chart=Chart(title="协商活动（按形式）", category="label", series=("activities",)), landscape=True,
        )

    def field_table(self, ctx) -> Table:
        rows = [row for row in by_kind(ctx) if str(getattr(row, "group", "")) in ("inspection", "research")]
        return Table(
            key="consultations_inspection_research", title="视察与调研",
            columns=[Column("label", "形式", TEXT, 20)] + [Column(a, h, k) for a, h, k in FIELD_COLUMNS],
            rows=[[str(row.name)] + [getattr(row, a, None) for a, _h, _k in FIELD_COLUMNS] for row in rows],
            chart=Chart(title="视察与调研", category="label", series=("suggestions", "adopted")),
        )

    def tables(self, ctx):
        return [self.form_table(ctx), self.field_table(ctx)]

    def dashboards(self, ctx):
        return [self.form_table(ctx)]

    def sentences(self, ctx):
        groups = by_group(ctx)
        whole = "全年" if not ctx.period.is_session else "本届次"
        sentences = []
        consultation = groups.get("consultation")
        if _n(consultation, "activities"):
            forms = [row for row in by_kind(ctx) if str(getattr(row, "group", "")) == "consultation" and _n(row, "activities")]
            text = f"{whole}共组织各类协商活动{_n(consultation, 'activities')}次"
            if forms:
                text += "，其中" + "、".join(f"{row.name}{_n(row, 'activities')}次" for row in forms)
            text += _people_and_suggestions(consultation)
            sentences.append(text + "。")
        inspection = groups.get("inspection")
        if _n(inspection, "activities"):
            text = f"组织委员视察{_n(inspection, 'activities')}次"
            if _n(inspection, "places"):
                text += f"，实地察看{_n(inspection, 'places')}处"
            text += _people_and_suggestions(inspection)
            sentences.append(text + "。")
        research = groups.get("research")
        if _n(research, "activities"):
            text = f"开展专题调研{_n(research, 'activities')}次"
            if _n(research, "places"):
                text += f"，深入{_n(research, 'places')}个乡镇（村、点）"
            if _n(research, "questionnaires"):
                text += f"，发放问卷{_n(research, 'questionnaires')}份"
            if _n(research, "reports"):
                text += f"，形成调研报告{_n(research, 'reports')}篇"
            text += _people_and_suggestions(research)
            sentences.append(text + "。")
        supervision = groups.get("supervision")
        if _n(supervision, "activities"):
            sentences.append(f"开展民主监督活动{_n(supervision, 'activities')}次"
                             + _people_and_suggestions(supervision) + "。")
        return sentences


def _people_and_suggestions(row) -> str:
    text = ""
    if _n(row, "present"):  # 人次: members present, counted once per sitting
        text += f"，参加委员{_n(row, 'present')}人次"
    if _n(row, "suggestions"):
        text += f"，提出意见建议{_n(row, 'suggestions')}条"
        if _n(row, "adopted"):
            text += f"，被采纳{_n(row, 'adopted')}条"
    return text
