"""Member participation: the adapter from members.selectors.participation (the members serving in the
period and their duty ledger) with each member's proposals from the proposals area (by the proposals'
period, DOMAIN's year rule, the same signers as 参与率)."""

from reports.areas import Area, register
from reports.figures import COUNT, TEXT, Column, Context, OverviewRow, Table

LABELS = {
    "participation.members": "本期在任委员（人，两届交替之年每人计一次）",
    "participation.attended": "委员出席会议和活动（人次，每场计一次）",
    "participation.absent": "委员未请假缺席（人次）",
}
PROPOSAL_COLUMNS = {"proposals_led": "led", "proposals_cosigned": "cosigned", "proposals_accepted": "accepted"}
COLUMNS = [
    ("member_number", "委员编号", TEXT, 12), ("name", "姓名", TEXT, 10), ("sector", "界别", TEXT, 16),
    ("party", "党派", TEXT, 12), ("proposals_led", "领衔提案（件）", COUNT, 10),
    ("proposals_cosigned", "联名提案（件）", COUNT, 10), ("proposals_accepted", "其中立案（件）", COUNT, 8),
    ("attended", "出席会议活动（场次）", COUNT, 12), ("activities", "参加其他活动（次）", COUNT, 12),
    ("speeches", "发言（次）", COUNT, 8), ("excused", "请假（场次）", COUNT, 8), ("absent", "缺席（场次）", COUNT, 8),
]
NOTE = "提案按其所属届次和年度计算（大会提案计入大会召开之年），与提案统计一致；其中立案：领衔或联名的提案中已立案的件数"


def rows(ctx: Context) -> list:
    from members.selectors import participation

    return ctx.once("participation.rows", lambda: list(participation(ctx.period, as_of=ctx.moment)))


def proposals_by_member(ctx: Context) -> dict:
    from reports.areas import areas

    area = next((a for a in areas() if a.key == "proposals"), None)
    return area.member_counts(ctx) if area is not None else {}


def _value(row, attribute, proposals):
    if attribute in PROPOSAL_COLUMNS:  # the proposals' own period, not the ledger entries' dates
        counts = proposals.get(row.member_id)
        return getattr(counts, PROPOSAL_COLUMNS[attribute]) if counts else 0
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
        proposals = proposals_by_member(ctx)
        return [Table(
            key="participation", title="委员履职情况", landscape=True, note=NOTE,
            columns=[Column(a, h, k, w) for a, h, k, w in COLUMNS],
            rows=[[_value(row, a, proposals) for a, _h, _k, _w in COLUMNS] for row in rows(ctx)],
        )]
