"""The summary workbook as printed: rendered to PDF by LibreOffice headless, read back with pypdf.

What a chair holding the paper should see: the 总览 without the programs' keys (they stay in the
file, in a hidden column), every chart whole on one page, every cell's text whole on the page (no
column too narrow for its content, no text cut at the page's edge), the draft text wrapped within
the page. Text is read with its position on the page, so "on one page" and "below the table" are
checked on the rendered pages themselves, not on the layout arithmetic that produced them.

LibreOffice (soffice) and pypdf are needed: locally the tests skip without them; with CI=true
they fail instead (.ci/run installs libreoffice-calc-nogui; requirements-dev.txt pins pypdf).
"""

import io
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from cppcc.rates import rate
from reports.figures import COUNT, RATE, TEXT, Chart, Column, Table
from reports.summary import build_summary
from reports.workbook import OVERVIEW_SHEET, summary_workbook, write_table

SOFFICE = os.environ.get("CPPCC_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")
STRICT = os.environ.get("CI", "").lower() in ("true", "1", "yes")


def _missing(message):
    if STRICT:
        pytest.fail(f"{message} (CI=true: the print test must run)")
    pytest.skip(message)


@pytest.fixture(scope="module")
def pypdf():
    try:
        import pypdf
    except ImportError:
        _missing("pypdf is not installed (pip install -r requirements-dev.txt)")
    return pypdf


@pytest.fixture(scope="module")
def soffice():
    if not SOFFICE:
        _missing("LibreOffice is not installed (apt-get install libreoffice-calc-nogui)")
    return SOFFICE


# ---- the rendered pages


@dataclass
class Line:
    y: float
    text: str  # the runs at one height, left to right, joined without spaces


@dataclass
class Page:
    number: int
    width: float
    height: float
    runs: list = field(default_factory=list)  # (x, y, text) as printed
    clipped: list = field(default_factory=list)  # (x, y, text) in the file but outside the printed area

    @property
    def lines(self) -> list:
        """Runs grouped by height (within 2 pt), top of the page first."""
        rows = []
        for x, y, text in sorted(self.runs, key=lambda r: -r[1]):
            if rows and abs(rows[-1][0] - y) <= 2:
                rows[-1][1].append((x, text))
            else:
                rows.append([y, [(x, text)]])
        return [Line(y, "".join(t for _x, t in sorted(parts))) for y, parts in rows]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def render(xlsx: bytes, soffice, pypdf) -> list:
    """The workbook as LibreOffice prints it: one Page per PDF page, with every text run's position."""
    with tempfile.TemporaryDirectory(prefix="cppcc-print-") as tmp:
        source = Path(tmp) / "summary.xlsx"
        source.write_bytes(xlsx)
        profile = Path(tmp) / "profile"  # a private profile: parallel runs do not share a lock
        result = subprocess.run(
            [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", tmp, str(source)],
            capture_output=True, text=True, timeout=180,
        )
        target = Path(tmp) / "summary.pdf"
        assert target.exists(), f"LibreOffice wrote no PDF: {result.stdout} {result.stderr}"
        reader = pypdf.PdfReader(io.BytesIO(target.read_bytes()))
        pages = []
        for number, pdf_page in enumerate(reader.pages, start=1):
            page = Page(number, float(pdf_page.mediabox.width), float(pdf_page.mediabox.height))
            pdf_page.extract_text(**_visible_runs(page))
            pages.append(page)
        return pages


def _point(cm, x, y):
    return x * cm[0] + y * cm[2] + cm[4], x * cm[1] + y * cm[3] + cm[5]


def _visible_runs(page: Page) -> dict:
    """pypdf visitors that collect the text runs a reader sees: each run's origin on the page, kept only
    inside the current clipping rectangle (LibreOffice draws a chart that crosses a page on both pages
    and clips each part to its page's cells, so the clipped text is in the file but not on the paper)."""
    state = {"clip": (0.0, 0.0, page.width, page.height), "stack": [], "rect": None, "clipping": False}

    def before(operator, operands, cm, tm):
        if operator == b"q":
            state["stack"].append(state["clip"])
        elif operator == b"Q":
            state["clip"] = state["stack"].pop() if state["stack"] else (0.0, 0.0, page.width, page.height)
        elif operator == b"re":
            x, y, w, h = (float(v) for v in operands)
            (x0, y0), (x1, y1) = _point(cm, x, y), _point(cm, x + w, y + h)
            state["rect"] = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
        elif operator in (b"W", b"W*"):
            state["clipping"] = True
        elif operator == b"n" and state["clipping"]:
            if state["rect"] is not None:
                a, r = state["clip"], state["rect"]
                state["clip"] = (max(a[0], r[0]), max(a[1], r[1]), min(a[2], r[2]), min(a[3], r[3]))
            state["clipping"], state["rect"] = False, None

    def text(content, cm, tm, font, size):
        if content.strip():
            x, y = _point(cm, tm[4], tm[5])
            left, bottom, right, top = state["clip"]
            if left - 1 <= x <= right + 1 and bottom - 1 <= y <= top + 1:
                page.runs.append((x, y, content.strip()))
            else:
                page.clipped.append((x, y, content.strip()))

    return {"visitor_operand_before": before, "visitor_text": text}


def assert_nothing_off_the_page(pages):
    for page in pages:
        for x, y, text in page.runs:
            assert 0 <= x < page.width - 4 and 0 <= y <= page.height, (page.number, x, y, text)


def chart_page(pages, title, *, occurrences):
    """(page, y) of a chart's title: the last of `occurrences` lines reading exactly `title` (the sheet's own
    subtitle may read the same and comes first)."""
    found = [(page, line.y) for page in pages for line in page.lines if line.text == title]
    assert len(found) == occurrences, (title, [(p.number, y) for p, y in found])
    return found[-1]


def below(page, y) -> list:
    return [line.text for line in page.lines if line.y < y - 1]


def assert_chart_whole(pages, table: Table, *, subtitle_same: bool):
    """The chart's title and, below it on that same page, every category and every series name."""
    spec = table.chart
    page, y = chart_page(pages, spec.title, occurrences=2 if subtitle_same else 1)
    region = below(page, y)
    wanted = [str(v) for v in table.values(spec.category)]
    if len(spec.series) > 1 or spec.kind == "pie":
        wanted += [table.columns[table.column_index(key)].heading for key in spec.series if spec.kind != "pie"]
    missing = [text for text in wanted if not any(text in line for line in region)]
    assert not missing, (spec.title, page.number, missing, region)
    return page


# ---- the summary of the hand-counted session


def test_the_summary_workbook_prints_as_the_chairs_read_it(scenario, soffice, pypdf):
    summary = build_summary(scenario.period)
    xlsx = summary_workbook(summary)
    book = load_workbook(io.BytesIO(xlsx))
    pages = render(xlsx, soffice, pypdf)

    # Every sheet of this small session fits on one page, its chart below its table, but one: the sheet of
    # consultation forms lists the committee's 12 forms, and on a landscape page the 12 rows and their chart
    # (11.2 cm for 12 bars) do not fit together, so its chart takes the next page. One page more than sheets.
    forms = next(t for t in summary.tables if t.key == "consultations_by_form")
    assert len(forms.rows) == 12 and forms.landscape
    assert len(pages) == len(book.sheetnames) + 1, [p.text[:60] for p in pages]
    assert pages[-1].text.startswith(summary.title[:10]) or summary.sentences[0][:10] in pages[-1].text
    assert_nothing_off_the_page(pages)

    # 总览: label and figure; the stable keys stay in the file (column C, hidden) but are not printed.
    overview = pages[0]
    assert "总览" in overview.text and "收到提案" in overview.text
    assert "代码" not in overview.text
    assert not any(line.key in page.text for page in pages for line in summary.overview)
    ws = book[OVERVIEW_SHEET]
    assert ws.column_dimensions["C"].hidden and ws["C3"].value == "代码" and ws["C4"].value == "proposals.received"

    # Every chart whole on one page.
    charted = [t for t in summary.tables if t.chart and t.rows]
    assert len(charted) >= 5
    for table in charted:
        assert_chart_whole(pages, table, subtitle_same=table.chart.title == table.title)

    # Columns fit their content: every case number and receipt number printed whole on one line.
    cases = next(t for t in summary.tables if t.key == "proposals_cases")
    numbers = [v for key in ("case_number", "receipt_number") for v in cases.values(key) if v]
    assert numbers
    printed = [line.text for page in pages for line in page.lines]
    for number in numbers:
        assert any(number in line for line in printed), number

    # The draft text wraps within the page: each sentence is there whole, on the last page(s).
    text = "".join(line.text for page in pages for line in page.lines if page.number > len(pages) - 2)
    for sentence in summary.sentences:
        assert sentence in text, sentence


# ---- long tables: a chart never splits, whatever the number of rows or the orientation


def _table(index: int, rows: int, landscape: bool) -> Table:
    """A table of `rows` categories named S<index>类<n> (unique in the workbook) with a two-series chart."""
    return Table(
        key=f"t{index}", title=f"第{index}表", landscape=landscape,
        columns=[Column("label", "类别", TEXT), Column("received", "收到", COUNT), Column("accepted", "立案", COUNT),
                 Column("rate", "立案率", RATE)],
        rows=[[f"S{index}类{n:02d}", 10 + n, 5 + n % 7, rate(5 + n % 7, 10 + n)] for n in range(1, rows + 1)],
        chart=Chart(title=f"第{index}表的图", category="label", series=("received", "accepted")),
    )


def test_each_chart_sits_whole_on_one_page_after_tables_of_any_length(soffice, pypdf):
    shapes = [(5, False), (18, False), (26, False), (45, False), (8, True), (14, True), (22, True), (34, True)]
    tables = [_table(i, rows, landscape) for i, (rows, landscape) in enumerate(shapes, start=1)]
    workbook = Workbook(write_only=True)
    taken = set()
    for table in tables:
        write_table(workbook, "政协某县委员会 测试工作总结统计", table, taken)
    buffer = io.BytesIO()
    workbook.save(buffer)
    pages = render(buffer.getvalue(), soffice, pypdf)
    assert_nothing_off_the_page(pages)
    for table in tables:
        page = assert_chart_whole(pages, table, subtitle_same=False)
        # Strong form: each category is printed exactly twice, once in its table row and once on the chart
        # page below the chart's title; a chart split across pages would print part of its axis elsewhere.
        title_y = next(line.y for line in page.lines if line.text == table.chart.title)
        for label in table.values("label"):
            on_chart = [line for line in page.lines if line.y < title_y - 1 and label in line.text]
            elsewhere = [
                (p.number, line.text) for p in pages for line in p.lines
                if label in line.text and not (p is page and line.y < title_y - 1)
            ]
            assert len(on_chart) == 1 and len(elsewhere) == 1, (label, page.number, on_chart, elsewhere)
