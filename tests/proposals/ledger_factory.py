"""Builds what a ledger import needs and a valid N-row proposal ledger (提案台账) for it.

`LedgerWorld(committee)` adds a past term (9) with session 九届五次 (plenary January 2007), members with
memberships, a party, and handling units as the demo has them (县工商局 merged into 县市场监督管理局 in 2019).
`ledger_rows(world, n)` gives n rows (dicts keyed by the Chinese headers) following a fixed pattern whose
counts `expected(n)` states; `ledger_workbook(rows)` writes them as a person would (real date cells).
The browser story (tests/e2e/test_ledger_import.py) reuses all three.
"""

import datetime
import io
from dataclasses import dataclass

import openpyxl

from members.models import Body, Party, Sector, Session, Term, TermMembership
from proposals.ledger.importer import LedgerImporter
from tests import factories

HEADERS = [c.header for c in LedgerImporter.columns]
YEAR = 2007
MEMBER_COUNT = 40
UNITS = [("104", "县教育局"), ("202", "县财政局"), ("203", "县农业局"), ("208", "县交通局"), ("101", "县卫生局"),
         ("205", "县水利局")]
TOPICS = ["茶叶产业", "蚕桑生产", "汉江码头", "农村道路硬化", "新农村建设", "农村合作医疗", "两基攻坚", "医疗医药市场",
          "城镇供水", "小水电开发"]


@dataclass
class LedgerWorld:
    committee: object
    term: Term
    session: Session
    members: list
    party: Party
    units: dict  # name -> Body
    old_unit: Body  # 县工商局, valid until 2019-03-31
    new_unit: Body  # 县市场监督管理局, from 2019-04-01

    def __init__(self, committee):
        self.committee = committee
        self.term = Term.objects.create(committee=committee, number=9, start_date=datetime.date(2003, 1, 8),
                                        end_date=datetime.date(2007, 12, 19))
        self.session = Session.objects.create(
            committee=committee, term=self.term, number=5, plenary_start=datetime.date(YEAR, 1, 10),
            plenary_end=datetime.date(YEAR, 1, 13), filing_opens=datetime.date(YEAR - 1, 12, 1),
            filing_deadline=datetime.date(YEAR, 1, 12),
        )
        sector = Sector.objects.create(committee=committee, name="农业界")
        self.party = Party.objects.create(committee=committee, name="民盟", kind=Party.Kind.DEMOCRATIC)
        self.members = []
        for i in range(MEMBER_COUNT):
            member = factories.member(committee, name=f"台账委员{i:02d}", number=f"ZY09-{i:03d}")
            TermMembership.objects.create(member=member, term=self.term, sector=sector, party=self.party,
                                          start_date=self.term.start_date)
            self.members.append(member)
        self.units = {name: Body.objects.create(committee=committee, code=code, name=name) for code, name in UNITS}
        self.new_unit = Body.objects.create(committee=committee, code="113", name="县市场监督管理局",
                                            valid_from=datetime.date(2019, 4, 1))
        self.old_unit = Body.objects.create(committee=committee, code="103", name="县工商局",
                                            valid_to=datetime.date(2019, 3, 31), successor=self.new_unit)


def case_number(seq):
    return f"九届五次第{seq:04d}号"


def receipt_number(seq):
    return f"九届五次收字第{seq:04d}号"


def outcome_of(i) -> str:
    """The pattern of row i (0-based): every 10th 作参考, every 20th (offset 8) 并案, every 50th (offset 7) 不予立案."""
    if i % 10 == 9:
        return "作参考(转意见建议)"
    if i % 20 == 8 and i > 0:
        return "并案"
    if i % 50 == 7:
        return "不予立案"
    return "立案"


def expected(n) -> dict:
    counts = {}
    for i in range(n):
        counts[outcome_of(i)] = counts.get(outcome_of(i), 0) + 1
    return counts


def _day(offset):
    return datetime.datetime(YEAR, 1, 1) + datetime.timedelta(days=offset)


def ledger_rows(world, n) -> list[dict]:
    names = list(world.units)
    rows, accepted = [], []
    case_seq = 0
    for i in range(n):
        outcome = outcome_of(i)
        member = world.members[i % len(world.members)]
        if i % 13 == 5:
            proposers, kind = world.party.name, "党派团体"
        elif i % 4 == 1:
            cosigner = world.members[(i + 7) % len(world.members)]
            proposers, kind = f"{member.name}({member.member_number})、{cosigner.name}", "联名"
        else:
            proposers, kind = f"{member.name}({member.member_number})", None
        submitted = datetime.datetime(YEAR - 1, 12, 1) + datetime.timedelta(days=i % 40)
        row = {
            "收文号": receipt_number(i + 1), "案由": f"关于加快我县{TOPICS[i % len(TOPICS)]}发展的提案（{i + 1}）",
            "提案人": proposers, "提案类型": kind, "类别": ["经济", "社会", "文化", "生态文明", "政治"][i % 5],
            "提交日期": submitted, "审查结果": outcome,
        }
        if outcome == "立案":
            case_seq += 1
            number = case_number(case_seq)
            accepted.append(number)
            pattern = case_seq % 3
            if pattern == 0:
                units = f"{names[case_seq % 6]}(单办)"
            elif pattern == 1:
                units = f"{names[case_seq % 6]}(主办);{names[(case_seq + 1) % 6]}(会办)"
            else:
                units = f"{names[case_seq % 6]}(分办);{names[(case_seq + 2) % 6]}(分办)"
            if case_seq % 17 == 0:
                units = f"{world.old_unit.name}(单办)"  # the old name, valid in 2007
            evaluation = "不满意" if case_seq % 29 == 0 else ("基本满意" if case_seq % 5 == 0 else "满意")
            if case_seq % 31 == 0:
                evaluation = "未表态"
            row.update({
                "案号": number, "立案日期": _day(20), "承办单位": units, "交办日期": _day(30),
                "答复日期": _day(60 + case_seq % 60), "办理结果": "ABC"[case_seq % 3],
                "评价": evaluation, "评价日期": None if evaluation == "未表态" else _day(130 + case_seq % 30),
            })
        else:
            row["案号"] = row.pop("收文号")
            row["立案日期"] = _day(20)
            if outcome == "并案":
                row["并入案号"] = accepted[-1]
        rows.append(row)
    return rows


def ledger_workbook(rows, headers=HEADERS, title="提案台账") -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    ws.append(headers)
    for row in rows:
        ws.append([row.get(h) for h in headers])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
