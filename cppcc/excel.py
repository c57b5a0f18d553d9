"""Excel helpers with no domain: read a sheet as rows keyed by header, write small formatted workbooks.

Imports read with openpyxl's read-only mode (large rosters stay cheap); exports write with its
write-only mode and make every cell through `text_cell`, so a cell typed as "=cmd|..." is never run
as a formula by whoever opens the file.

Formula injection, two ways. In an .xlsx a cell has a type: text that looks like a formula is written
as typed text (inline string) with the cell style's quotePrefix set, which is what Excel and WPS do
themselves when a person types an apostrophe first: the cell shows "=1+1" as it is, with no visible
apostrophe, and stays text even when someone edits it. A CSV cell has no type, so there the only
guard is a visible leading apostrophe (`neutralise`).
"""

import datetime
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


# What a spreadsheet reads as the start of a formula (a leading tab or CR too, as OWASP lists).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
ERROR_CODES = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A")


def looks_like_formula(value) -> bool:
    return isinstance(value, str) and (value.startswith(FORMULA_PREFIXES) or value in ERROR_CODES)


def neutralise(value):
    """For CSV, where a cell has no type: prefix text a spreadsheet would read as a formula with an
    apostrophe (visible, but the only inert form CSV has). An .xlsx uses `text_cell` instead."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def as_typed_text(cell):
    """Store a formula-looking text cell as text with quotePrefix: shown as typed, never evaluated."""
    if looks_like_formula(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def text_cell(ws, value):
    """A write-only cell holding `value`; formula-looking text stays text (see the module docstring)."""
    return as_typed_text(WriteOnlyCell(ws, value=value))


def clean_header(value) -> str:
    """Headers as people type them: full-width brackets, stray spaces, a '*' marking a required column."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))  # （） -> (), full-width letters -> ASCII
    return re.sub(r"\s+", "", text).rstrip("*")


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _refused(message, code, **params):
    return ValidationError(message, code=code, params=params)


def check_xlsx_archive(fileobj) -> int:
    """Refuse a compressed bomb before openpyxl opens it; returns the total uncompressed size.

    An .xlsx is a zip: its central directory states each part's sizes, and Python's zipfile never
    inflates a part past its stated size, so these figures bound what reading the file can take.
    """
    not_xlsx = _refused(
        _("This file is not a valid Excel workbook (.xlsx). Open it in Excel or WPS and save it as .xlsx."), "not_xlsx"
    )
    try:
        with zipfile.ZipFile(fileobj) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise not_xlsx from exc
    finally:
        fileobj.seek(0)
    if len(parts) > settings.XLSX_MAX_ENTRIES:
        raise _refused(_("This workbook has %(count)d parts inside; at most %(limit)d are accepted."),
                       "xlsx_entries", count=len(parts), limit=settings.XLSX_MAX_ENTRIES)
    total = sum(part.file_size for part in parts)
    if total > settings.XLSX_MAX_UNCOMPRESSED_BYTES:
        raise _refused(
            _("This workbook unpacks to %(size)d MB, more than the %(limit)d MB accepted. Split it into smaller files."),
            "xlsx_too_big", size=total // 2**20, limit=settings.XLSX_MAX_UNCOMPRESSED_BYTES // 2**20,
        )
    for part in parts:
        # Tiny parts compress absurdly well without harm; a ratio matters once a part is large.
        if part.file_size > 2**20 and part.file_size > settings.XLSX_MAX_RATIO * max(part.compress_size, 1):
            raise _refused(
                _("This workbook is compressed %(ratio)d times (more than %(limit)d), which real spreadsheets never "
                  "are; it is refused as a possible attack. Save it again in Excel or WPS."),
                "xlsx_ratio", ratio=part.file_size // max(part.compress_size, 1), limit=settings.XLSX_MAX_RATIO,
            )
    return total


def too_many_rows(limit) -> ValidationError:
    return _refused(
        _("The sheet has more than %(limit)d rows; an import takes at most %(limit)d. Split it into smaller files."),
        "too_many_rows", limit=limit,
    )


class Rows:
    """The rows of one sheet under its header row: iterate for (row_number, {header: value}).

    The archive is checked (check_xlsx_archive) and the workbook opened at once, so a file that is not
    an .xlsx, or a bomb, fails where it is read, with a message for the person who chose it; `sheet` and
    `headers` are known before iterating. Iterating stops with an error past `max_rows` rows (default
    IMPORT_MAX_ROWS), so what an import holds is bounded by the setting, not by the file.
    """

    def __init__(self, fileobj, sheet_name=None, max_rows=None):
        self.max_rows = settings.IMPORT_MAX_ROWS if max_rows is None else max_rows
        check_xlsx_archive(fileobj)
        try:
            self.workbook = load_workbook(fileobj, read_only=True, data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
            raise ValidationError(
                _("This file is not a valid Excel workbook (.xlsx). Open it in Excel or WPS and save it as .xlsx."),
                code="not_xlsx",
            ) from exc
        if sheet_name is not None and sheet_name not in self.workbook.sheetnames:
            self.workbook.close()
            raise ValidationError(
                _("The workbook has no sheet named “%(sheet)s”."), params={"sheet": sheet_name}, code="no_sheet"
            )
        worksheet = self.workbook[sheet_name] if sheet_name is not None else self.workbook.worksheets[0]
        self.sheet = worksheet.title
        # The stated size is not trusted either way (WPS states a million rows for a formatted column;
        # a crafted file states one): rows are counted as they stream, before any is parsed.
        worksheet.reset_dimensions()  # some writers store a wrong size; read what is really there
        self._rows = worksheet.iter_rows(values_only=True)
        self.headers = [clean_header(h) for h in next(self._rows, ())]

    def close(self):
        """Needed only when the rows are not read to the end (iterating closes the workbook)."""
        self.workbook.close()

    def __iter__(self):
        width = len(self.headers)
        count = 0
        try:
            for number, values in enumerate(self._rows, start=2):
                if all(is_blank(v) for v in values):
                    continue
                count += 1
                if count > self.max_rows:
                    raise too_many_rows(self.max_rows)
                values = tuple(values[:width]) + (None,) * (width - len(values))
                yield number, {h: v for h, v in zip(self.headers, values) if h}
        finally:
            self.close()


def read_rows(fileobj, sheet_name=None, max_rows=None) -> Rows:
    """Rows of `sheet_name` (default: the first sheet) as (row_number, dict by header); blank rows skipped."""
    return Rows(fileobj, sheet_name, max_rows)


def parse_date(value) -> datetime.date:
    """A real Excel date, or text such as 2007-01-15, 2007/1/15, 2007.1.15 or 2007年1月15日."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    match = _DATE.match(str(value).strip()) if isinstance(value, str) else None
    if match:
        try:
            return datetime.date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    raise ValidationError(
        _("“%(value)s” is not a date; write it like 2007-01-15."), params={"value": value}, code="bad_date"
    )


@dataclass
class Sheet:
    """One sheet to write: a title, a header row, rows (any iterable), optional column widths, and
    the (0-based) columns formatted as text, so Excel keeps typed identity numbers and phones whole."""

    title: str
    header: list
    rows: object = ()
    widths: list = field(default_factory=list)
    text_columns: tuple = ()


def _display_width(text) -> int:
    # A CJK character takes about two Latin columns in Excel.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))


def _cell(ws, value, bold=False):
    cell = text_cell(ws, value)
    if bold:
        cell.font = Font(bold=True)
    if isinstance(value, (datetime.date, datetime.datetime)):
        cell.number_format = "yyyy-mm-dd" if not isinstance(value, datetime.datetime) else "yyyy-mm-dd hh:mm"
    elif isinstance(value, str) and "\n" in value:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def import_template(importer, *, sheet_title, notes, widths=(16, 8, 60, 60)) -> bytes:
    """An import's template: its header with one example row, and a 说明 sheet with each column's rule,
    whether it is required and its allowed values, then the general notes."""
    columns = importer.columns
    example = importer.example()

    def allowed(column):
        return column.allowed(importer) if callable(column.allowed) else column.allowed

    explain = [[c.header, "是" if c.required else "", str(c.help), allowed(c)] for c in columns]
    explain += [[]] + [["", "", note, ""] for note in notes]
    return write_workbook([
        Sheet(sheet_title, [c.header for c in columns], [[example.get(c.key) for c in columns]],
              text_columns=tuple(i for i, c in enumerate(columns) if c.as_text)),
        Sheet("说明", ["列", "必填", "说明", "可选值"], explain, widths=list(widths)),
    ])


def write_workbook(sheets) -> bytes:
    """An .xlsx (write-only, so rows stream) with a bold frozen header and readable column widths."""
    workbook = Workbook(write_only=True)
    for spec in sheets:
        ws = workbook.create_sheet(title=spec.title[:31])
        for index, heading in enumerate(spec.header, start=1):
            width = spec.widths[index - 1] if index <= len(spec.widths) else None
            column = ws.column_dimensions[get_column_letter(index)]
            column.width = width or min(max(_display_width(heading) + 4, 10), 50)
            if index - 1 in spec.text_columns:
                column.number_format = "@"
        ws.freeze_panes = "A2"
        ws.append([_cell(ws, heading, bold=True) for heading in spec.header])
        for row in spec.rows:
            ws.append([_cell(ws, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
