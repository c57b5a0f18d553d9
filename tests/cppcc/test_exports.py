"""Every admin export shows Beijing times and neutralises formula cells (docs/stack-notes.md#django-wagtail-and-library-pitfalls)."""

import csv
import datetime
import io

import openpyxl
import pytest

from members.models import RoleAssignment
from members.models.roles import Role
from tests import factories

UTC = datetime.timezone.utc


def _body(response):
    return b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content


@pytest.fixture
def granted(committee, secretariat):
    target = factories.user("=HYPERLINK(\"http://x\")")
    factories.unit(committee, name="=1+1局")
    RoleAssignment.objects.filter(user=secretariat).update(granted_at=datetime.datetime(2026, 1, 1, 0, 30, tzinfo=UTC))
    return target


def test_xlsx_times_are_beijing_wall_time(client, secretariat, granted):
    client.force_login(secretariat)
    sheet = openpyxl.load_workbook(io.BytesIO(_body(client.get("/admin/roles/?export=xlsx")))).active
    values = [c.value for row in sheet.iter_rows(min_row=2) for c in row]
    assert datetime.datetime(2026, 1, 1, 8, 30) in values


def test_csv_times_are_beijing_wall_time(client, secretariat, granted):
    client.force_login(secretariat)
    text = _body(client.get("/admin/roles/?export=csv")).decode()
    assert "2026-01-01 08:30:00" in text


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_formula_cells_are_neutralised(client, secretariat, granted, fmt):
    client.force_login(secretariat)
    body = _body(client.get(f"/admin/bodies/?export={fmt}"))
    if fmt == "csv":  # a CSV cell has no type: the visible apostrophe is the only guard
        cells = [c for row in csv.reader(io.StringIO(body.decode())) for c in row]
        assert "'=1+1局" in cells
        assert not any(isinstance(c, str) and c.startswith("=") for c in cells)
    else:  # typed text with quotePrefix: shown as written, no apostrophe, never a formula
        sheet = openpyxl.load_workbook(io.BytesIO(body)).active
        (cell,) = [c for row in sheet.iter_rows() for c in row if c.value == "=1+1局"]
        assert cell.data_type == "s" and cell.quotePrefix
        assert not any(c.data_type == "f" or str(c.value).startswith("'") for row in sheet.iter_rows() for c in row)


def test_text_cells_of_every_writer_are_typed_text_without_an_apostrophe():
    """cppcc.excel.write_workbook (imports' templates and error lists, attendance) and the summary
    workbook (reports.workbook) share text_cell: each hostile value reads back as typed, as text."""
    from cppcc.excel import Sheet, write_workbook

    hostile = ["=HYPERLINK(\"http://x\",\"点我\")", "+1+1", "-2+3", "@SUM(A1)", "#N/A", "\t=1"]
    book = openpyxl.load_workbook(io.BytesIO(write_workbook([Sheet("表", ["备注"], [[v] for v in hostile + ["正常"]])])))
    cells = [row[0] for row in book.active.iter_rows(min_row=2)]
    assert [c.value for c in cells] == hostile + ["正常"]
    assert all(c.data_type == "s" for c in cells)
    assert [bool(c.quotePrefix) for c in cells] == [True] * len(hostile) + [False]


def test_detail_pages_show_beijing_time(client, administrator, committee):
    from members.models import DutyEntry
    from members.models.ledger import DutyKind
    from members.services import duty_record

    entry = duty_record(member=factories.member(committee), kind=DutyKind.ATTENDED, title="会议",
                        duty_date=datetime.date(2026, 1, 1))
    DutyEntry.objects.filter(pk=entry.pk).update(recorded_at=datetime.datetime(2026, 1, 1, 0, 30, tzinfo=UTC))
    client.force_login(administrator)
    page = client.get(f"/admin/duty_ledger/inspect/{entry.pk}/").content.decode()
    assert "2026-01-01 08:30" in page
