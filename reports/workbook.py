"""The summary as an .xlsx formatted for print, written with openpyxl's write-only mode.

Every sheet: a title row (the committee, the period, the cut-off), the sheet's own title, a bold
header row frozen under them and repeated on every printed page, column widths, A4 fitted to the
page width, counts as whole numbers and rates as percentages (the cell holds the rate as shown,
Rate.fraction, so Excel prints exactly the rounded figure), and a native chart where one helps.
"""

import datetime
import io
import re
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cppcc.excel import text_cell
from cppcc.rates import Rate
from reports.figures import Table
from reports.summary import Summary, overview_table

OVERVIEW_SHEET = "总览"
TEXT_SHEET = "总结文字"
HEADER_ROW = 3
CHART_MAX_ROWS = 60
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
TITLE_FONT = Font(name="宋体", size=14, bold=True)
SUBTITLE_FONT = Font(name="宋体", size=11, bold=True)
BODY_FONT = Font(name="宋体", size=11)
DASH = "—"


def _sheet_name(title: str, taken: set) -> str:
    name = re.sub(r"[\[\]:*?/\\]", "", title)[:31] or "Sheet"
    base, n = name, 2
    while name in taken:
        suffix = f"({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(name)
    return name


def cell(ws, value, *, bold=False, header=False):
    """One write-only cell, formatted by the kind of its value."""
    if isinstance(value, Rate):
        fraction = value.fraction
        c = WriteOnlyCell(ws, value=DASH if fraction is None else fraction)
        if fraction is not None:
            c.number_format = "0%" if value.percent == 100 else "0.0%"
        c.alignment = Alignment(horizontal="right")
    elif isinstance(value, bool):
        c = WriteOnlyCell(ws, value="是" if value else "否")
    elif isinstance(value, int):
        c = WriteOnlyCell(ws, value=value)
        c.number_format = "0"
    elif isinstance(value, Decimal):
        c = WriteOnlyCell(ws, value=float(value))
        c.number_format = "+0.0;-0.0;0"
    elif isinstance(value, datetime.datetime):
        c = WriteOnlyCell(ws, value=value.replace(tzinfo=None))
        c.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, datetime.date):
        c = WriteOnlyCell(ws, value=value)
        c.number_format = "yyyy-mm-dd"
    elif value is None:
        c = WriteOnlyCell(ws, value=DASH)
        c.alignment = Alignment(horizontal="right")
    else:
        c = text_cell(ws, str(value))
        c.alignment = Alignment(wrap_text=True, vertical="top")
    c.border = BORDER
    c.font = Font(name="宋体", size=11, bold=bold or header)
    if header:
        c.fill = HEADER_FILL
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    return c


def _text_cell(ws, value, font):
    c = text_cell(ws, value)
    c.font = font
    c.alignment = Alignment(horizontal="center", vertical="center")
    return c


def _width(column, values) -> int:
    if column.width:
        return column.width
    longest = max([len(str(column.heading))] + [len(str(v)) for v in values[:200]], default=6)
    return max(8, min(40, longest * 2 + 2))


def write_table(workbook, summary_title: str, table: Table, taken: set):
    ws = workbook.create_sheet(title=_sheet_name(table.title, taken))
    width = len(table.columns)
    last = get_column_letter(width)
    for index, column in enumerate(table.columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = _width(column, table.values(column.key))
    ws.freeze_panes = f"B{HEADER_ROW + 1}" if width > 3 else f"A{HEADER_ROW + 1}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if table.landscape or width > 6 else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.merged_cells.add(f"A1:{last}1")
    ws.merged_cells.add(f"A2:{last}2")
    ws.row_dimensions[1].height = 28
    ws.append([_text_cell(ws, summary_title, TITLE_FONT)])
    subtitle = table.title + (f"（{table.note}）" if table.note else "")
    ws.append([_text_cell(ws, subtitle, SUBTITLE_FONT)])
    ws.append([cell(ws, column.heading, header=True) for column in table.columns])
    for row in table.rows:
        ws.append([cell(ws, value) for value in row])
    if table.chart and 0 < len(table.rows) <= CHART_MAX_ROWS:
        # Below the table, so the printed page keeps the table's width (LibreOffice and Excel alike).
        ws.add_chart(_chart(ws, table), f"A{HEADER_ROW + len(table.rows) + 3}")
    return ws


def _chart(ws, table: Table):
    spec = table.chart
    first, last_row = HEADER_ROW, HEADER_ROW + len(table.rows)
    category_col = table.column_index(spec.category) + 1
    categories = Reference(ws, min_col=category_col, min_row=first + 1, max_row=last_row)
    chart = PieChart() if spec.kind == "pie" else BarChart()
    if spec.kind != "pie":
        chart.type = "bar" if len(table.rows) > 8 else "col"
        chart.y_axis.title = None
        chart.y_axis.majorGridlines = None
        chart.y_axis.number_format = "0%" if spec.percent else "0"
        chart.x_axis.delete = False
        chart.y_axis.delete = False
    for key in spec.series:
        col = table.column_index(key) + 1
        chart.add_data(Reference(ws, min_col=col, min_row=first, max_row=last_row), titles_from_data=True)
    chart.set_categories(categories)
    chart.title = spec.title
    chart.dataLabels = DataLabelList()
    chart.dataLabels.showVal = True
    for flag in ("showSerName", "showCatName", "showLegendKey", "showPercent", "showLeaderLines"):
        setattr(chart.dataLabels, flag, False)
    chart.height = max(7.5, min(18, 0.6 * len(table.rows) + 4))
    chart.width = 16
    return chart


def write_text_sheet(workbook, summary: Summary, taken: set):
    ws = workbook.create_sheet(title=_sheet_name(TEXT_SHEET, taken))
    ws.column_dimensions["A"].width = 100
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.append([_text_cell(ws, summary.title, TITLE_FONT)])
    ws.append([_text_cell(ws, "工作总结文字稿（由统计数字生成，供起草时引用）", SUBTITLE_FONT)])
    for sentence in summary.sentences:
        c = text_cell(ws, sentence)
        c.font = Font(name="仿宋", size=14)
        c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.append([c])


def summary_workbook(summary: Summary) -> bytes:
    """The 总览 sheet first, then every area's sheets, the comparison, and the draft text."""
    workbook = Workbook(write_only=True)
    taken = set()
    title = summary.title
    write_table(workbook, title, overview_table(summary), taken)  # first: 总览, as the issue names it
    for table in summary.tables:
        write_table(workbook, title, table, taken)
    if summary.comparison is not None:
        write_table(workbook, title, summary.comparison, taken)
    write_text_sheet(workbook, summary, taken)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_workbook(title: str, table: Table) -> bytes:
    """One table (a dashboard panel's export) as a workbook with its chart."""
    workbook = Workbook(write_only=True)
    write_table(workbook, title, table, set())
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

