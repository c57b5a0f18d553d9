"""Roster import: every row checked first, nothing written on any error, re-import updates, history names
the requester; the admin upload runs it as a background job and lands on the job page."""

import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from cppcc.excel import parse_date, read_rows, write_workbook, Sheet
from cppcc.models import Job
from cppcc.services import file_store, job_run
from members.imports import MemberImporter, UnitImporter
from members.models import Body, Member, TermMembership
from members.models.roles import Role
from tests import factories

MEMBER_HEADERS = [c.header for c in MemberImporter.columns]
UNIT_HEADERS = [c.header for c in UnitImporter.columns]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):  # job messages are stored text: pin the language they are asserted in
        yield


@pytest.fixture
def roster(committee):
    """A committee set up as an import expects: term 10, two sectors, two parties."""
    term = factories.term(committee, 10)
    for name in ("经济界", "教育界"):
        factories.sector(committee, name)
    factories.party(committee, "中国民主同盟")
    factories.party(committee, "中国共产党", kind="cpc")
    return term


def xlsx(rows, headers=MEMBER_HEADERS, title="委员名册") -> bytes:
    """A workbook as a person would make it (openpyxl's normal mode, real date cells allowed)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    ws.append(headers)
    for row in rows:
        ws.append([row.get(h) for h in headers])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def member_row(n, **changes):
    row = {
        "委员编号": f"Z{n:04d}", "姓名": f"委员{n}", "性别": "女" if n % 2 else "男", "民族": "汉族",
        "出生日期": datetime.datetime(1970, 1, 15), "工作单位": "紫阳县茶业协会", "手机": 13909150000 + n,
        "电子邮箱": f"m{n}@example.com", "届次": "第十届" if n % 2 else "10", "界别": "经济界",
        "党派": "中国民主同盟", "常委": "否", "任期开始": "2007年1月15日",
    }
    row.update(changes)
    return row


def run(kind, content, user, committee, term=None, name="名册.xlsx"):
    """What the upload view starts, run in this thread."""
    stored = file_store(content=content, name=name, user=user)
    job = Job.objects.create(
        kind=f"members.import_{kind}", title="导入", requester=user, input_file=stored,
        params={"committee_id": committee.pk, "term_id": term.pk if term else None},
    )
    return job_run(job.pk)


def error_rows(job):
    with job.result_file.file.open("rb") as f:
        ws = openpyxl.load_workbook(io.BytesIO(f.read())).worksheets[0]
    assert ws.title == "错误"
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("工作表", "行", "列", "问题")
    return rows[1:]


def test_good_file_imports_members_and_memberships_with_history(committee, roster, secretariat):
    rows = [member_row(n) for n in range(1, 6)]
    rows[2]["出生日期"] = "1968/3/2"
    rows[3]["出生日期"] = "1968-03-02"
    rows[4].update({"身份证号": "61092419720518003x", "出生日期": "1972年5月18日", "常委": "是", "政协职务": "副主席"})
    job = run("members", xlsx(rows), secretariat, committee, roster)
    assert job.state == Job.State.SUCCEEDED, job.message
    assert job.message == "Members: 5 created, 0 updated, 0 unchanged."
    assert (job.done, job.total) == (10, 10)
    assert Member.objects.filter(committee=committee).count() == 5
    assert TermMembership.objects.filter(term=roster).count() == 5
    fifth = Member.objects.get(member_number="Z0005")
    assert (fifth.id_number, fifth.birth_date, fifth.phone) == ("61092419720518003X", datetime.date(1972, 5, 18), "13909150005")
    assert Member.objects.get(member_number="Z0003").birth_date == datetime.date(1968, 3, 2)
    membership = fifth.memberships.get()
    assert (membership.sector.name, membership.party.name, membership.is_standing, membership.post) == (
        "经济界", "中国民主同盟", True, TermMembership.Post.VICE_CHAIR)
    assert membership.start_date == datetime.date(2007, 1, 15)
    record = fifth.history.get()
    assert record.history_user == secretariat and record.history_change_reason == "Roster import"
    assert membership.history.get().history_user == secretariat


def test_reimport_updates_instead_of_duplicating(committee, roster, secretariat):
    rows = [member_row(n) for n in range(1, 6)]
    assert run("members", xlsx(rows), secretariat, committee, roster).state == Job.State.SUCCEEDED
    rows[1]["姓名"] = "王建国"
    rows[1]["界别"] = "教育界"
    job = run("members", xlsx(rows), secretariat, committee, roster)
    assert job.state == Job.State.SUCCEEDED, job.message
    assert job.message == "Members: 0 created, 1 updated, 4 unchanged."
    assert Member.objects.filter(committee=committee).count() == 5
    assert TermMembership.objects.count() == 5
    renamed = Member.objects.get(member_number="Z0002")
    assert renamed.name == "王建国" and renamed.memberships.get().sector.name == "教育界"
    assert renamed.history.count() == 2
    assert Member.objects.get(member_number="Z0001").history.count() == 1  # unchanged rows write no history


def test_one_bad_row_imports_nothing_and_the_error_file_names_sheet_row_and_column(committee, roster, secretariat):
    rows = [member_row(n) for n in range(1, 6)]
    rows[2]["界别"] = "火星界"  # the third data row is row 4 of the sheet
    job = run("members", xlsx(rows), secretariat, committee, roster)
    assert job.state == Job.State.FAILED
    assert job.message.startswith("1 error; nothing was imported.")
    assert "委员名册, row 4, 界别" in job.message
    assert Member.objects.count() == 0 and TermMembership.objects.count() == 0
    [(sheet, row, column, problem)] = error_rows(job)
    assert (sheet, row, column) == ("委员名册", 4, "界别") and "火星界" in problem
    assert job.result_file.uploaded_by == secretariat  # so the requester may download it


def test_the_error_workbook_is_for_the_committees_secretariat_not_only_the_uploader(
    client, committee, other_committee, roster, secretariat, role_user,
):
    """A colleague at the secretariat picks up a failed import (issue #10, item 7); the secretariat of
    another committee, a member, the auditor (三员分立: the audit log only) and a chair get 404 from the
    download view."""
    from members.models.roles import Role

    job = run("members", xlsx([member_row(1, 界别="火星界")]), secretariat, committee, roster)
    url = f"/files/{job.result_file_id}/"
    readers = [secretariat, role_user(Role.SECRETARIAT), role_user(Role.ADMIN)]
    refused = [factories.user_with_role(Role.SECRETARIAT, other_committee), role_user(Role.MEMBER),
               role_user(Role.AUDITOR), role_user(Role.CHAIR)]
    for user in readers + refused:
        client.force_login(user)
        assert client.get(url).status_code == (200 if user in readers else 404), user
    client.force_login(secretariat)
    assert url in client.get("/admin/jobs/").content.decode()
    assert client.get(f"/admin/jobs/{job.pk}/status/").json()["result_url"] == url
    # The colleague finds the job in the list and on its page; the other committee's secretariat does not.
    client.force_login(readers[1])
    assert url in client.get("/admin/jobs/").content.decode()
    assert client.get(f"/admin/jobs/{job.pk}/").status_code == 200
    client.force_login(refused[0])
    assert client.get(f"/admin/jobs/{job.pk}/").status_code == 404


def test_every_error_is_collected_not_only_the_first(committee, roster, secretariat):
    rows = [member_row(n) for n in range(1, 4)]
    rows[0].update({"性别": "未知", "出生日期": "去年", "身份证号": "110101199003071234", "手机": "12345"})
    rows[1].update({"姓名": None, "届次": "第九届", "党派": "无党派人士"})
    rows[2].update({"任期结束": "2006-01-01"})
    job = run("members", xlsx(rows), secretariat, committee, roster)
    assert job.state == Job.State.FAILED
    found = {(row, column) for _sheet, row, column, _problem in error_rows(job)}
    assert found == {(2, "性别"), (2, "出生日期"), (2, "身份证号"), (2, "手机"),
                     (3, "姓名"), (3, "届次"), (3, "党派"), (4, "任期结束")}
    assert job.message.startswith("8 errors; nothing was imported.")


@pytest.mark.parametrize("column, make_duplicate", [
    ("委员编号", lambda rows: rows[3].update({"委员编号": rows[1]["委员编号"]})),
    ("手机", lambda rows: rows[3].update({"手机": f"{rows[1]['手机']}"})),  # a number in one cell, text in the other
])
def test_duplicates_within_the_file_are_caught(committee, roster, secretariat, column, make_duplicate):
    rows = [member_row(n) for n in range(1, 6)]
    make_duplicate(rows)
    job = run("members", xlsx(rows), secretariat, committee, roster)
    assert job.state == Job.State.FAILED
    [(_sheet, row, found_column, problem)] = error_rows(job)
    assert (row, found_column) == (5, column) and "row 3" in problem
    assert Member.objects.count() == 0


def test_phone_of_another_stored_member_is_caught_unless_the_file_moves_it(committee, roster, secretariat):
    factories.member(committee, name="李四", number="OLD1", phone="13800000001")
    job = run("members", xlsx([member_row(1, 手机="138 0000 0001")]), secretariat, committee, roster)
    assert job.state == Job.State.FAILED
    [(_sheet, row, column, problem)] = error_rows(job)
    assert (row, column) == (2, "手机") and "OLD1" in problem
    # The same file giving 李四 a new phone is fine: the number moves from one to the other.
    rows = [member_row(1, 手机="13800000001"), member_row(2, 委员编号="OLD1", 姓名="李四", 手机="13800000002")]
    job = run("members", xlsx(rows), secretariat, committee, roster)
    assert job.state == Job.State.SUCCEEDED, job.message
    assert Member.objects.get(member_number="OLD1").phone == "13800000002"


def test_missing_required_column_and_not_a_workbook(committee, roster, secretariat):
    headers = [h for h in MEMBER_HEADERS if h != "界别"]
    job = run("members", xlsx([member_row(1)], headers=headers), secretariat, committee, roster)
    assert job.state == Job.State.FAILED
    assert [(r, c) for _s, r, c, _p in error_rows(job)] == [(1, "界别")]
    job = run("members", b"PK\x03\x04 not really a zip", secretariat, committee, roster)
    assert job.state == Job.State.FAILED and "not a valid Excel workbook" in job.message


def test_units_import_with_successor_codes(committee, secretariat):
    stored = factories.unit(committee, name="县新闻出版局", code="OLD")
    rows = [
        {"单位编码": "A01", "单位名称": "紫阳县文化和旅游广电局", "类别": "政府部门", "承办单位": "是",
         "生效日期": "2019-03-01", "联系人": "李明", "联系电话": "0915-4321234"},
        {"单位编码": "A02", "单位名称": "紫阳县文化局", "承办单位": "否", "生效日期": "2001/1/1",
         "失效日期": "2019年2月28日", "继任单位编码": "A03"},
        {"单位编码": "A03", "单位名称": "紫阳县文化广电局", "失效日期": "2019-02-28", "继任单位编码": "A01",
         "类别": "其他"},
        {"单位编码": "OLD", "单位名称": "县新闻出版局", "失效日期": "2010-12-31", "继任单位编码": "A01"},
    ]
    job = run("units", xlsx(rows, UNIT_HEADERS, "承办单位"), secretariat, committee)
    assert job.state == Job.State.SUCCEEDED, job.message
    assert job.message == "Handling units: 3 created, 1 updated, 0 unchanged."
    bodies = {b.code: b for b in Body.objects.filter(committee=committee)}
    assert bodies["A02"].successor == bodies["A03"] and bodies["A03"].successor == bodies["A01"]
    assert bodies["OLD"].pk == stored.pk and bodies["OLD"].successor == bodies["A01"]
    assert not bodies["A02"].is_handling_unit and bodies["A03"].kind == Body.Kind.OTHER
    assert bodies["A01"].history.get().history_user == secretariat
    assert bodies["A02"].history.count() == 1  # saved once, after its successor existed

    bad = [
        {"单位编码": "B01", "单位名称": "甲", "失效日期": "2020-01-01", "继任单位编码": "NOPE"},
        {"单位编码": "B02", "单位名称": "乙", "继任单位编码": "A01"},
        {"单位编码": "B03", "单位名称": "丙", "失效日期": "2020-01-01", "继任单位编码": "B04"},
        {"单位编码": "B04", "单位名称": "丁", "失效日期": "2020-01-01", "继任单位编码": "B03"},
        {"单位编码": "B01", "单位名称": "戊", "生效日期": "2020-01-01", "失效日期": "2019-01-01"},
    ]
    job = run("units", xlsx(bad, UNIT_HEADERS, "承办单位"), secretariat, committee)
    assert job.state == Job.State.FAILED
    found = {(row, column) for _s, row, column, _p in error_rows(job)}
    assert found == {(2, "继任单位编码"), (3, "失效日期"), (4, "继任单位编码"), (5, "继任单位编码"),
                     (6, "单位编码"), (6, "失效日期")}
    assert not Body.objects.filter(code__startswith="B").exists()


def test_validation_reads_lookups_once_not_per_row(committee, roster, secretariat, django_assert_max_num_queries):
    for n in range(50):
        factories.member(committee, number=f"Z{n + 1:04d}", name="旧名")
    content = xlsx([member_row(n) for n in range(1, 301)])
    importer = MemberImporter(committee=committee, user=secretariat, term=roster)
    with django_assert_max_num_queries(3):
        rows = importer.validate(io.BytesIO(content))
    assert len(rows) == 300
    # Writing is per row (no bulk_create: it would bypass history), but by a small constant.
    with django_assert_max_num_queries(300 * 6 + 10):  # member, membership and their history rows
        counts = importer.write(rows)
    assert (counts["created"], counts["updated"]) == (250, 50)
    # A failing 300-row job stays cheap end to end: nothing per row but the checks in memory.
    rows = [member_row(n, 界别="火星界" if n == 299 else "经济界") for n in range(1, 301)]
    stored = file_store(content=xlsx(rows), name="大名册.xlsx", user=secretariat)
    job = Job.objects.create(kind="members.import_members", title="x", requester=secretariat, input_file=stored,
                             params={"committee_id": committee.pk, "term_id": roster.pk})
    with django_assert_max_num_queries(60):
        job = job_run(job.pk)
    assert job.state == Job.State.FAILED and job.message.startswith("1 error")


# --- the admin pages ---------------------------------------------------------------------------------


def upload(client, content, name="名册.xlsx", **data):
    data.setdefault("kind", "members")
    data["file"] = SimpleUploadedFile(name, content)
    return client.post("/admin/roster-import/", data)


def test_upload_page_runs_the_job_and_lands_on_its_page(client, committee, roster, secretariat,
                                                         django_capture_on_commit_callbacks, settings):
    assert settings.CELERY_TASK_ALWAYS_EAGER
    client.force_login(secretariat)
    assert "/admin/roster-import/" in client.get("/admin/").content.decode()  # the menu item
    page = client.get("/admin/roster-import/")
    assert page.status_code == 200 and "/admin/roster-import/template/members/" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, xlsx([member_row(n) for n in range(1, 4)]), committee=committee.pk, term=roster.pk)
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/jobs/{job.pk}/"
    assert (job.state, job.requester, job.kind) == (Job.State.SUCCEEDED, secretariat, "members.import_members")
    assert job.input_file.name == "名册.xlsx" and job.input_file.uploaded_by == secretariat
    assert client.get(response["Location"]).status_code == 200
    assert client.get(f"/admin/jobs/{job.pk}/status/").json()["state"] == "succeeded"
    assert Member.objects.filter(committee=committee).count() == 3


def test_upload_refuses_what_is_not_an_xlsx(client, committee, roster, secretariat):
    client.force_login(secretariat)
    response = upload(client, "委员编号,姓名\n1,张三\n".encode(), name="名册.xlsx", committee=committee.pk, term=roster.pk)
    assert response.status_code == 200
    [error] = response.context["form"].errors.as_data()["file"]
    assert error.code == "bad_type" and ".xlsx" in error.message and error.message in response.content.decode()
    assert not Job.objects.exists()


def test_upload_form_offers_only_the_users_committees_and_needs_a_term_for_members(
        client, committee, other_committee, roster, secretariat):
    client.force_login(secretariat)
    other_term = factories.term(other_committee, 10)
    content = xlsx([member_row(1)])
    response = upload(client, content, committee=other_committee.pk, term=other_term.pk)
    assert "committee" in response.context["form"].errors
    response = upload(client, content, committee=committee.pk)
    assert "term" in response.context["form"].errors
    response = upload(client, content, committee=committee.pk, term=other_term.pk)
    assert "term" in response.context["form"].errors
    assert not Job.objects.exists()


def test_template_downloads_and_reimports_after_filling(client, committee, roster, secretariat):
    client.force_login(secretariat)
    response = client.get(f"/admin/roster-import/template/members/?committee={committee.pk}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["委员名册", "说明"]
    sheet = wb["委员名册"]
    assert [c.value for c in sheet[1]] == MEMBER_HEADERS and sheet.freeze_panes == "A2" and sheet["A1"].font.b
    help_rows = {row[0]: row for row in wb["说明"].iter_rows(values_only=True)}
    assert "经济界、教育界" in help_rows["界别"][3] and "中国民主同盟" in help_rows["党派"][3]
    sheet.append(["Z9001", "赵六", "女", None, "1980-02-29", None, None, None, None, None, "0915-5216677",
                  None, None, "教育界", "中国共产党"])
    buffer = io.BytesIO()
    wb.save(buffer)
    job = run("members", buffer.getvalue(), secretariat, committee, roster)
    assert job.state == Job.State.SUCCEEDED, job.message
    assert set(Member.objects.values_list("member_number", flat=True)) == {"10001", "Z9001"}

    response = client.get("/admin/roster-import/template/units/")
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [c.value for c in wb["承办单位"][1]] == UNIT_HEADERS
    job = run("units", response.content, secretariat, committee)
    assert job.state == Job.State.SUCCEEDED, job.message
    assert Body.objects.get(committee=committee).name == "紫阳县发展和改革局"


def test_without_permission_the_pages_are_refused(client, committee, roster, role_user):
    reviewer = role_user(Role.REVIEWER)  # uses the admin, may not change members
    client.force_login(reviewer)
    assert client.get("/admin/roster-import/").status_code == 403
    assert client.get("/admin/roster-import/template/members/").status_code == 403
    assert client.post("/admin/roster-import/", {"kind": "members"}).status_code == 403
    assert "/admin/roster-import/" not in client.get("/admin/").content.decode()


def test_a_job_for_a_committee_the_requester_does_not_serve_fails(committee, other_committee, secretariat):
    term = factories.term(other_committee, 10)
    job = run("members", xlsx([member_row(1)]), secretariat, other_committee, term)
    assert job.state == Job.State.FAILED and "may not import" in job.message
    assert not Member.objects.exists()


# --- the shared Excel helpers ------------------------------------------------------------------------


@pytest.mark.parametrize("value", [
    datetime.datetime(2007, 1, 15), datetime.date(2007, 1, 15), "2007-01-15", "2007/1/15", "2007年1月15日", " 2007.1.15 ",
])
def test_dates_in_the_forms_people_write(value):
    assert parse_date(value) == datetime.date(2007, 1, 15)


@pytest.mark.parametrize("value", ["2007-02-30", "15/01/2007", "明年", 39097])
def test_not_a_date(value):
    with pytest.raises(ValidationError):
        parse_date(value)


def test_written_cells_are_never_formulas_and_read_back_by_header():
    content = write_workbook([Sheet("表", ["姓名", "备注"], [["张三", "=HYPERLINK(\"http://x\")"], ["", "@SUM(A1)"]])])
    rows = read_rows(io.BytesIO(content))
    assert rows.sheet == "表" and rows.headers == ["姓名", "备注"]
    # Typed text with quotePrefix: what was written reads back as it was (a corrected error list re-imports).
    assert list(rows) == [(2, {"姓名": "张三", "备注": "=HYPERLINK(\"http://x\")"}), (3, {"姓名": None, "备注": "@SUM(A1)"})]
    with pytest.raises(ValidationError) as error:
        read_rows(io.BytesIO(b"not a workbook"))
    assert error.value.code == "not_xlsx"


# --- limits: rows, bombs, eager runs -------------------------------------------------------------------

import zipfile  # noqa: E402
from unittest import mock  # noqa: E402

from cppcc.excel import check_xlsx_archive  # noqa: E402
from cppcc.tasks import run_job  # noqa: E402


def with_extra_part(content, name, data, compression=zipfile.ZIP_DEFLATED):
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as src, zipfile.ZipFile(out, "w", compression) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr(name, data)
    return out.getvalue()


def test_a_file_over_the_row_limit_is_refused_before_any_row_is_parsed(committee, roster, secretariat, settings):
    settings.IMPORT_MAX_ROWS = 5
    with mock.patch.object(MemberImporter, "_parse", wraps=None) as parse:
        job = run("members", xlsx([member_row(n) for n in range(1, 7)]), secretariat, committee, roster)
    assert parse.call_count == 0
    assert job.state == Job.State.FAILED and not job.retryable
    assert "more than 5 rows" in job.message and "Split" in job.message
    assert Member.objects.count() == 0
    job = run("members", xlsx([member_row(n) for n in range(1, 6)]), secretariat, committee, roster)
    assert job.state == Job.State.SUCCEEDED and Member.objects.count() == 5


def test_blank_rows_do_not_count_towards_the_limit(committee, roster, secretariat, settings):
    settings.IMPORT_MAX_ROWS = 2
    rows = [member_row(1), {}, {}, {}, member_row(2)]
    assert run("members", xlsx(rows), secretariat, committee, roster).state == Job.State.SUCCEEDED


def test_a_compressed_bomb_is_refused_before_openpyxl_opens_it(committee, roster, secretariat):
    bomb = with_extra_part(xlsx([member_row(1)]), "xl/media/image1.bin", b"\0" * (8 * 2**20))
    with mock.patch("cppcc.excel.load_workbook") as load:
        job = run("members", bomb, secretariat, committee, roster)
    assert load.call_count == 0
    assert job.state == Job.State.FAILED and "compressed" in job.message and "attack" in job.message
    assert Member.objects.count() == 0


def test_a_workbook_unpacking_past_the_limit_or_with_too_many_parts_is_refused(settings):
    content = xlsx([member_row(n) for n in range(1, 50)])
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        unpacked = sum(i.file_size for i in archive.infolist())
        parts = len(archive.infolist())
    assert check_xlsx_archive(io.BytesIO(content)) == unpacked
    settings.XLSX_MAX_UNCOMPRESSED_BYTES = unpacked - 1
    with pytest.raises(ValidationError) as error:
        read_rows(io.BytesIO(content))
    assert error.value.code == "xlsx_too_big"
    settings.XLSX_MAX_UNCOMPRESSED_BYTES = unpacked
    settings.XLSX_MAX_ENTRIES = parts - 1
    with pytest.raises(ValidationError) as error:
        read_rows(io.BytesIO(content))
    assert error.value.code == "xlsx_entries"
    settings.XLSX_MAX_ENTRIES = parts
    assert len(list(read_rows(io.BytesIO(content)))) == 49


def test_an_ordinary_large_file_is_not_mistaken_for_a_bomb():
    # 3,000 rows of repetitive roster text: real sheets compress 5-20 times, far under XLSX_MAX_RATIO.
    content = xlsx([member_row(n) for n in range(1, 3001)])
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheet = archive.getinfo("xl/worksheets/sheet1.xml")
    assert sheet.file_size > 2**20 and sheet.file_size / sheet.compress_size < 30
    check_xlsx_archive(io.BytesIO(content))


def test_inside_a_web_request_a_large_import_refuses_and_says_a_worker_is_needed(
        committee, roster, secretariat, settings):
    settings.EAGER_JOB_MAX_ROWS = 3
    content = xlsx([member_row(n) for n in range(1, 5)])
    stored = file_store(content=content, name="名册.xlsx", user=secretariat)
    job = Job.objects.create(kind="members.import_members", title="导入", requester=secretariat, input_file=stored,
                             params={"committee_id": committee.pk, "term_id": roster.pk})
    run_job.delay(str(job.pk))  # eager, as in a site without a worker
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and "background worker" in job.message and "3 rows" in job.message
    assert Member.objects.count() == 0
    # The same file in a worker (not eager) imports.
    assert run("members", content, secretariat, committee, roster).state == Job.State.SUCCEEDED
    assert Member.objects.count() == 4
