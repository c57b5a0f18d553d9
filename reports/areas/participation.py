"""Member participation from the duty ledger: the adapter from members.selectors.participation."""

from reports.areas import Area, register
from reports.figures import COUNT, TEXT, Column, Context, OverviewRow, Table

LABELS = {
    "participation.members": "委员人数",
    "participation.attended": "委员参加活动（人次）",
    "participation.absent": "委员缺席（人次）",
}
COLUMNS = [
    ("member_number", "委员编号", TEXT, 12), ("name", "姓名", TEXT, 10), ("sector", "界别", TEXT, 16),
    ("party", "党派", TEXT, 12), ("proposals_led", "领衔提案", COUNT, 10),
    ("proposals_cosigned", "联名提案", COUNT, 10), ("proposals_accepted", "立案", COUNT, 8),
    ("attended", "出席会议活动", COUNT, 12), ("activities", "参加其他活动", COUNT, 12),
    ("speeches", "发言", COUNT, 8), ("excused", "请假", COUNT, 8), ("absent", "缺席", COUNT, 8),
]


def rows(ctx: Context) -> list:
    from members.selectors import participation

    return ctx.once("participation.rows", lambda: list(participation(ctx.period, as_of=ctx.moment)))


def _value(row, attribute):
    value = getattr(row, attribute, None)
    if attribute in ("member_number", "name", "sector", "party"):
        return "" if value is None else str(value)
    return value


def _sum(items, attribute) -> int:
    return sum(getattr(row, attribute, 0) or 0 for row in items)


@register
class ParticipationArea(Area):
    key = "participation"
    order = 30
    labels = LABELS

    def available(self):
        from members import selectors

        return hasattr(selectors, "participation")

    def overview(self, ctx):
        items = rows(ctx)
        return [
            OverviewRow("participation.members", LABELS["participation.members"], len(items)),
            OverviewRow("participation.attended", LABELS["participation.attended"], _sum(items, "attended")),
            OverviewRow("participation.absent", LABELS["participation.absent"], _sum(items, "absent")),
        ]

    def tables(self, ctx):
        return [Table(
            key="participation", title="委员履职情况", landscape=True,
            columns=[Column(a, h, k, w) for a, h, k, w in COLUMNS],
            rows=[[_value(row, a) for a, _h, _k, _w in COLUMNS] for row in rows(ctx)],
        )]
