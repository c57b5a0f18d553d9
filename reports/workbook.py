"""The summary as an .xlsx laid out for print, written with openpyxl's write-only mode.

Every sheet: a title row (the committee, the period, the cut-off), the sheet's own title, a bold
header row frozen under them and repeated on every printed page, counts as whole numbers and rates
as percentages (the cell holds the rate as shown, Rate.fraction, so Excel prints exactly the rounded
figure), and a native chart where one helps.

Print layout (Excel and LibreOffice alike, A4): the layout is computed here, not left to the program
that prints. Every column is as wide as its content (prose columns wrap beyond their width, and
their rows are as tall as their lines); the sheet prints at a fixed scale that fits its columns to
the page width (not "fit to page", under which Excel ignores manual page breaks); every row has an
explicit height, so where the pages break is known; and a chart goes below its table on the same
page when it fits there, else after a manual page break at the top of the next page, never taller
than a page. `layout` does the arithmetic; tests/reports/test_workbook_print.py renders the workbook
with LibreOffice and reads the PDF back.
"""

import datetime
import io
import math
import re
import unicodedata
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.text import RichText
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from cppcc.excel import text_cell
from cppcc.rates import Rate
from reports.figures import TEXT, Table
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
TEXT_FONT = Font(name="仿宋", size=14)
DASH = "—"

# ---- page geometry, in points (1 cm = 28.35 pt); A4 is 595 x 842 pt
CM = 28.35
A4 = (595.3, 841.9)
SIDE_MARGIN_IN, TOP_MARGIN_IN, BOTTOM_MARGIN_IN, FOOTER_IN = 0.5, 0.6, 0.8, 0.3
SAFETY = 30  # points kept free on every page: rounding in the program that prints
LINE = 15  # points per line of 11-point text (the row height of one line)
TEXT_LINE = 21  # points per line of the 14-point draft text
MAX_WIDTH = 60  # the widest a column that does not wrap may grow (characters)
CHART_WIDTH_CM = 16
CHART_FRAME = 80  # points of a chart's height taken by its title, legend and value axis
LABEL_POINTS, MIN_LABEL_POINTS = 10, 6  # the size of a chart's category and value labels, and the least


def text_width(text) -> int:
    """Display width in half-width characters: a Chinese character (or full-width sign) counts two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))


def _units(half_width_chars: float, points: float = 11) -> float:
    """Excel column-width units (one "0" of the default 11-point font, 7 px) that text of this display
    width needs in a font of `points` size: a half-width character of 宋体 11 is a little over one unit."""
    return half_width_chars * 1.1 * points / 11


# Points one column-width unit takes in print. The unit is the width of a digit of the workbook's
# default font: 7 px (5.25 pt) with Excel's Calibri, about 6.9 pt where LibreOffice has no Calibri and
# falls back to a wider font. The larger figure is used, so a page computed here fits in both.
POINTS_PER_UNIT = 7.0


def _column_points(width: float) -> float:
    return width * POINTS_PER_UNIT + 4


def _shown(value) -> str:
    if isinstance(value, Rate):
        return str(value)
    if isinstance(value, datetime.datetime):
        return "0000-00-00 00:00"
    if isinstance(value, datetime.date):
        return "0000-00-00"
    if isinstance(value, Decimal):
        return f"+{value}"
    if value is None:
        return DASH
    if isinstance(value, bool):
        return "是"
    return str(value)


def column_width(column, values) -> float:
    """As wide as the column's longest value (and its heading, which may wrap onto two lines); a prose
    column (`wrap`) at most `column.width` characters, beyond which its text wraps."""
    longest = max((text_width(_shown(v)) for v in values), default=0)
    heading = text_width(column.heading)
    heading_need = heading if heading <= 12 else math.ceil(heading / 2)
    need = max(longest, heading_need, 4)
    if column.wrap and column.width:
        need = min(need, column.width)
    return round(min(_units(need), _units(MAX_WIDTH)) + 2, 1)


def lines_needed(value, width: float, points: float = 11) -> int:
    """How many lines text wraps onto in a column of `width` units (explicit line breaks included)."""
    if width <= 2:
        return 1
    room = width - 1.5
    return sum(max(1, math.ceil(_units(text_width(part), points) / room)) for part in str(value).split("\n"))


class Layout:
    """The print arithmetic of one sheet: paper, scale, and the pages its rows fill."""

    def __init__(self, widths: list, *, landscape: bool):
        self.landscape = landscape
        paper_w, paper_h = (A4[1], A4[0]) if landscape else A4
        self.width = paper_w - 2 * SIDE_MARGIN_IN * 72
        self.height = paper_h - (TOP_MARGIN_IN + BOTTOM_MARGIN_IN) * 72 - SAFETY
        content = sum(_column_points(w) for w in widths) * 1.03
        self.scale = max(10, min(100, math.floor(100 * self.width / content))) if content else 100
        self.heights = []  # every row written so far, points at 100%

    @property
    def factor(self) -> float:
        return self.scale / 100

    def pages(self, repeat_row: int | None = None):
        """(pages, points used on the last page) at the scale, rows filling pages top down; rows after the
        first page start below the repeated header row."""
        room = self.height / self.factor
        used, pages = 0.0, 1
        repeat = self.heights[repeat_row - 1] if repeat_row and len(self.heights) >= repeat_row else 0
        for height in self.heights:
            if used + height > room:
                pages += 1
                used = repeat
            used += height
        return pages, used

    def room_left(self, repeat_row: int | None = None) -> float:
        """Points (at 100%) still free on the last page."""
        return self.height / self.factor - self.pages(repeat_row)[1]

    def full_page(self, repeat_row: int | None = None) -> float:
        """Points (at 100%) a page holds below the repeated header row."""
        repeat = self.heights[repeat_row - 1] if repeat_row and len(self.heights) >= repeat_row else 0
        return self.height / self.factor - repeat


def _page_setup(ws, layout: Layout):
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if layout.landscape else "portrait"
    ws.page_setup.scale = layout.scale
    ws.sheet_properties.pageSetUpPr.fitToPage = False
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = SIDE_MARGIN_IN
    ws.page_margins.top, ws.page_margins.bottom = TOP_MARGIN_IN, BOTTOM_MARGIN_IN
    ws.page_margins.header, ws.page_margins.footer = FOOTER_IN, FOOTER_IN
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def _append(ws, layout: Layout, cells, height: float):
    """One row with an explicit height (write-only: the height is read when the row is written)."""
    row = len(layout.heights) + 1
    ws.row_dimensions[row].height = height
    layout.heights.append(height)
    ws.append(cells)


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
    c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    return c


def _title_height(text, width: float, font: Font) -> float:
    points = font.size or 11
    return lines_needed(text, width, points) * points * 1.45 + 6


def write_table(workbook, summary_title: str, table: Table, taken: set):
    ws = workbook.create_sheet(title=_sheet_name(table.title, taken))
    columns = table.columns
    widths = [column_width(column, table.values(column.key)) for column in columns]
    shown = [w for w, column in zip(widths, columns) if not column.hidden]
    layout = Layout(shown, landscape=table.landscape or len(shown) > 6)
    for index, (column, width) in enumerate(zip(columns, widths), start=1):
        dimension = ws.column_dimensions[get_column_letter(index)]
        dimension.width = width
        dimension.hidden = column.hidden
    visible = get_column_letter(len(shown))  # hidden columns come last
    ws.freeze_panes = f"B{HEADER_ROW + 1}" if len(shown) > 3 else f"A{HEADER_ROW + 1}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    _page_setup(ws, layout)
    ws.merged_cells.add(f"A1:{visible}1")
    ws.merged_cells.add(f"A2:{visible}2")
    across = sum(shown)
    _append(ws, layout, [_text_cell(ws, summary_title, TITLE_FONT)], max(28, _title_height(summary_title, across, TITLE_FONT)))
    subtitle = table.title + (f"（{table.note}）" if table.note else "")
    _append(ws, layout, [_text_cell(ws, subtitle, SUBTITLE_FONT)], _title_height(subtitle, across, SUBTITLE_FONT))
    header_lines = max(lines_needed(c.heading, w) for c, w in zip(columns, widths))
    _append(ws, layout, [cell(ws, column.heading, header=True) for column in columns], LINE * header_lines + 4)
    wrapping = [(i, w) for i, (c, w) in enumerate(zip(columns, widths)) if c.kind == TEXT and not c.hidden]
    for row in table.rows:
        lines = max((lines_needed(_shown(row[i]), w) for i, w in wrapping), default=1)
        _append(ws, layout, [cell(ws, value) for value in row], LINE * lines + 3)
    if table.chart and 0 < len(table.rows) <= CHART_MAX_ROWS:
        _place_chart(ws, table, layout)
    return ws


def _place_chart(ws, table: Table, layout: Layout):
    """Below the table: on its last page when it fits there, else at the top of the next page after a
    manual break; never taller than a page, nor wider than the page at the sheet's scale."""
    chart = _chart(ws, table)
    page = layout.full_page(HEADER_ROW) - LINE
    wanted = chart.height * CM
    height = min(wanted, page)
    chart.height = round(height / CM, 2)
    chart.width = round(min(CHART_WIDTH_CM * CM, layout.width / layout.factor - 12) / CM, 2)
    if table.chart.kind != "pie":
        # Every category's label printed: LibreOffice and Excel leave out labels that would overlap, so
        # the labels get a font small enough for the room each bar has (and a chart with no legible room
        # is left out: the table beside it has the figures).
        size = min(LABEL_POINTS, (height - CHART_FRAME) / len(table.rows) / 1.4)
        if size < MIN_LABEL_POINTS:
            return
        _font_size(chart.x_axis, size)
        _font_size(chart.dataLabels, size)
    last = len(layout.heights)
    if height + LINE <= layout.room_left(HEADER_ROW):
        ws.add_chart(chart, f"A{last + 2}")  # one blank row between the table and its chart
    else:
        ws.row_breaks.append(Break(id=last))
        ws.add_chart(chart, f"A{last + 1}")


def _font_size(element, points: float):
    """Text of a chart element (an axis's labels, the data labels) at `points`."""
    props = CharacterProperties(sz=int(points * 100))
    element.txPr = RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=props), endParaRPr=props)])


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
    chart.width = CHART_WIDTH_CM
    return chart


def write_text_sheet(workbook, summary: Summary, taken: set):
    """The draft text, one sentence a row, wrapped within a portrait page's width."""
    ws = workbook.create_sheet(title=_sheet_name(TEXT_SHEET, taken))
    layout = Layout([], landscape=False)
    width = math.floor((layout.width - 4) / POINTS_PER_UNIT) - 2  # the column fills the page at 100%
    ws.column_dimensions["A"].width = width
    _page_setup(ws, layout)
    _append(ws, layout, [_text_cell(ws, summary.title, TITLE_FONT)], _title_height(summary.title, width, TITLE_FONT))
    note = "工作总结文字稿（由统计数字生成，供起草时引用）"
    _append(ws, layout, [_text_cell(ws, note, SUBTITLE_FONT)], _title_height(note, width, SUBTITLE_FONT))
    for sentence in summary.sentences:
        c = text_cell(ws, sentence)
        c.font = TEXT_FONT
        c.alignment = Alignment(wrap_text=True, vertical="top")
        _append(ws, layout, [c], TEXT_LINE * lines_needed(sentence, width, TEXT_FONT.size) + 6)


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

