"""The annual work summary: hand-counted figures, the draft text, the workbook's layout, the Word
document, determinism, a reply after the cut-off, edited labels, and the command."""

import datetime
import io
import zipfile

import pytest
from django.core.management import call_command
from docx import Document
from docx.shared import Pt
from openpyxl import load_workbook

from cppcc import clock
from cppcc.rates import rate
from proposals import services as proposal_services
from reports.services import labels_save, write_summary
from reports.summary import build_summary
from reports.workbook import summary_workbook

pytestmark = pytest.mark.django_db


def overview_cells(workbook_bytes) -> dict:
    """{key: (label, value, number format)} from the 总览 sheet (column C holds the fixed key)."""
    ws = load_workbook(io.BytesIO(workbook_bytes))["总览"]
    found = {}
    for row in ws.iter_rows(min_row=4):
        label, value, key = row[0], row[1], row[2]
        found[key.value] = (label.value, value.value, value.number_format)
    return found


def all_values(workbook_bytes) -> dict:
    wb = load_workbook(io.BytesIO(workbook_bytes))
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in wb.worksheets}


def test_overview_figures_and_text_are_the_hand_counted_ones(scenario):
    summary = build_summary(scenario.period)
    v = summary.value
    assert (v("proposals.received"), v("proposals.accepted"), v("proposals.converted_opinion")) == (6, 3, 1)
    assert (v("proposals.rejected"), v("proposals.reviewing"), v("proposals.merged"), v("proposals.withdrawn")) == (1, 1, 0, 0)
    assert str(v("proposals.acceptance_rate")) == "50%" or str(v("proposals.acceptance_rate")) == "50.0%"
    assert v("proposals.replied") == 1 and str(v("proposals.reply_rate")) == "33.3%"
    assert str(v("proposals.satisfaction_rate")) == "100%" and str(v("proposals.adoption_rate")) == "100%"
    assert v("participation.members") == 3
    label = str(scenario.world.session)  # 十届一次
    assert summary.sentences[0] == (
        f"{label}全委会收到委员提案6件，立案3件，作参考案1件，不予立案1件，审查中1件，目前的办复率33.3%。"
    )
    assert "满意和基本满意率为100%" in summary.sentences[1]
    assert summary.title == f"政协紫阳县委员会 {label}工作总结统计（截至{scenario.world.today.year}年{scenario.world.today.month}月{scenario.world.today.day}日）"


def test_workbook_overview_sheet_and_print_layout(scenario):
    summary, workbook, _document = write_summary(scenario.period)
    wb = load_workbook(io.BytesIO(workbook))
    assert wb.sheetnames[0] == "总览"
    assert {"承办单位办理情况", "提案目录", "委员履职情况", "总结文字"} <= set(wb.sheetnames)
    cells = overview_cells(workbook)
    assert cells["proposals.received"][:2] == ("收到提案", 6)
    assert cells["proposals.accepted"][:2] == ("立案", 3)
    assert cells["proposals.converted_opinion"][:2] == ("转意见建议/作参考", 1)
    label, value, fmt = cells["proposals.reply_rate"]
    assert (label, value, fmt) == ("办复率", rate(1, 3).fraction, "0.0%")  # 0.333, shown 33.3%
    assert cells["proposals.satisfaction_rate"][1:] == (1.0, "0%")  # exactly 100% prints as 100%
    ws = wb["总览"]
    assert ws["A1"].value.startswith("政协紫阳县委员会") and "截至" in ws["A1"].value
    assert "A1:B1" in {str(r) for r in ws.merged_cells.ranges}  # across the printed columns
    assert ws.column_dimensions["C"].hidden  # the keys: read by programs, not printed
    assert ws.freeze_panes == "A4" and ws.print_title_rows == "$3:$3"
    assert int(ws.page_setup.paperSize) == 9  # A4
    units = wb["承办单位办理情况"]
    assert [c.value for c in units[3]] == ["承办单位", "交办件次", "已办复", "按时办复", "逾期", "办复率", "满意和基本满意率"]
    rows = {r[0].value: [c.value for c in r] for r in units.iter_rows(min_row=4)}
    assert rows["县教育局"][1:4] == [1, 1, 1] and rows["县财政局"][1:3] == [1, 0]
    assert units.page_setup.orientation == "landscape"
    charts = [n for n in zipfile.ZipFile(io.BytesIO(workbook)).namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) >= 4  # proposer type (pie), category, units, sector, party ...
    text = [r[0] for r in all_values(workbook)["总结文字"][2:]]
    assert text == summary.sentences


def test_word_document_in_official_layout(scenario):
    summary, _workbook, document = write_summary(scenario.period)
    doc = Document(io.BytesIO(document))
    section = doc.sections[0]
    mm = [round(x.mm) for x in (section.page_width, section.page_height, section.top_margin, section.bottom_margin,
                                section.left_margin, section.right_margin)]
    assert mm == [210, 297, 37, 35, 28, 26]
    paragraphs = [p for p in doc.paragraphs if p.text]
    assert paragraphs[0].text.endswith("工作总结（统计部分）") and paragraphs[0].runs[0].font.size == Pt(22)
    body = [p for p in paragraphs if p.text in summary.sentences]
    assert [p.text for p in body] == summary.sentences
    assert body[0].runs[0].font.size == Pt(16) and body[0].runs[0].font.name == "仿宋_GB2312"
    assert "PAGE" in section.footer._element.xml


def test_same_cutoff_same_figures_and_a_later_reply_changes_nothing(scenario):
    today = scenario.world.today
    before = all_values(write_summary(scenario.period, today)[1])
    assert all_values(write_summary(scenario.period, today)[1]) == before
    with clock.acting_at(datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time(10))):
        scenario.world.sent_reply(scenario.a_open, code="B")
    assert all_values(write_summary(scenario.period, today)[1]) == before
    later = overview_cells(write_summary(scenario.period, today + datetime.timedelta(days=1))[1])
    assert later["proposals.replied"][1] == 2 and later["proposals.reply_rate"][1] == rate(2, 3).fraction


def test_edited_labels_head_column_a_and_the_key_stays(scenario):
    labels_save(actor=scenario.world.secretariat, committee=scenario.committee,
                labels={"proposals.converted_opinion": "作参考案", "proposals.received": "收到提案"})
    cells = overview_cells(summary_workbook(build_summary(scenario.period)))
    assert cells["proposals.converted_opinion"][:2] == ("作参考案", 1)
    assert cells["proposals.received"][0] == "收到提案"
    labels_save(actor=scenario.world.secretariat, committee=scenario.committee, labels={"proposals.converted_opinion": ""})
    assert overview_cells(summary_workbook(build_summary(scenario.period)))["proposals.converted_opinion"][0] == "转意见建议/作参考"


def test_export_summary_command(scenario, tmp_path):
    out = io.StringIO()
    target, docx = tmp_path / "summary.xlsx", tmp_path / "summary.docx"
    call_command("export_summary", "--session", str(scenario.world.session), "-o", str(target), "--docx", str(docx),
                 stdout=out)
    cells = overview_cells(target.read_bytes())
    assert cells["proposals.received"][1] == 6 and cells["proposals.accepted"][1] == 3
    assert "收到委员提案6件，立案3件，作参考案1件" in out.getvalue()
    assert "[1/" in out.getvalue() and docx.stat().st_size > 0
    year = tmp_path / "year.xlsx"
    call_command("export_summary", "--year", str(scenario.world.session.plenary_start.year),
                 "--as-of", scenario.world.today.isoformat(), "-o", str(year), stdout=io.StringIO())
    assert overview_cells(year.read_bytes())["proposals.received"][1] == 6


def test_merged_proposals_are_counted_apart(world):
    case = world.accepted(title="关于加快茶叶产业发展的提案")
    merged = proposal_services.proposal_merge(
        proposal=world.submitted(title="关于扶持茶农的提案"), actor=world.reviewer, into=case, reason="同一事项")
    assert merged.status == "merged"
    from members.periods import Period

    summary = build_summary(Period.of_session(world.session))
    assert (summary.value("proposals.received"), summary.value("proposals.accepted"), summary.value("proposals.merged")) == (2, 1, 1)
    assert "并案1件" in summary.sentences[0]
