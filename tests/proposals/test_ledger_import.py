"""The ledger import (proposals.ledger.importer): a past session from the secretariat's Excel ledger.

Every row is checked first; one bad row means nothing is written and the error names the row and the
column; the rows written are the events the workflow services write, dated as in the ledger; a
re-import updates and adds, never duplicates; the secretariat alone may import.
"""

import datetime
import io
import time

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from cppcc.models import Job
from cppcc.services import file_store, job_run
from members.models import TermMembership
from members.models.ledger import DutyEntry, DutyKind
from members.models.roles import Role
from proposals.ledger import importer
from proposals.models import Assignment, CoOpinion, Counter, Evaluation, Proposal, ProposalEvent, Reply, Signer
from proposals.selectors import case_is_replied
from proposals.workflow import Status
from tests import factories
from tests.proposals.ledger_factory import (
    HEADERS, LedgerWorld, case_number, expected, ledger_rows, ledger_workbook,
)

TOLERATED_SECONDS = 60  # 300 rows take a few seconds on SQLite here; the bound only catches a blow-up


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):  # job messages are stored text: pin the language they are asserted in
        yield


@pytest.fixture
def world(committee):
    return LedgerWorld(committee)


def run(world, user, content, name="台账.xlsx"):
    """What the upload view starts, run in this thread."""
    stored = file_store(content=content, name=name, user=user)
    job = Job.objects.create(kind=importer.KIND, title="台账导入", requester=user, input_file=stored,
                             params={"session_id": world.session.pk})
    return job_run(job.pk)


def error_rows(job):
    with job.result_file.file.open("rb") as f:
        ws = openpyxl.load_workbook(io.BytesIO(f.read())).worksheets[0]
    return list(ws.iter_rows(values_only=True))[1:]


def local(moment):
    return timezone.localtime(moment)


def test_template_download_has_the_columns_and_an_instructions_sheet(client, world, secretariat):
    client.force_login(secretariat)
    response = client.get(reverse("ledger_import_template") + f"?session={world.session.pk}")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["提案台账", "说明"]
    rows = list(wb["提案台账"].iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert rows[1][0] == "九届五次第0001号" and rows[1][7] == "立案"
    notes = {row[0]: row for row in wb["说明"].iter_rows(values_only=True) if row[0]}
    assert "经济" in notes["类别"][3] and "A" in notes["办理结果"][3]


def test_a_300_row_ledger_imports_with_its_dates_and_progress(world, secretariat):
    rows = ledger_rows(world, 300)
    counts = expected(300)
    started = time.monotonic()
    job = run(world, secretariat, ledger_workbook(rows))
    seconds = time.monotonic() - started
    assert job.state == Job.State.SUCCEEDED, job.message
    print(f"300-row ledger imported in {seconds:.1f} s")
    assert seconds < TOLERATED_SECONDS
    assert job.message == "Proposal ledger of 九届五次: 300 created, 0 updated, 0 unchanged."
    assert (job.done, job.total) == (600, 600)

    proposals = Proposal.objects.filter(session=world.session)
    by_status = {s: proposals.filter(status=s).count() for s in Status}
    # The pattern: every 10th 作参考, every 20th (offset 8) 并案, every 50th (offset 7) 不予立案, the rest 立案:
    # 300 rows hold 30 + 15 (i = 8, 28 … 288) + 6 (i = 7, 57 … 257) + 249.
    assert counts == {"立案": 249, "作参考(转意见建议)": 30, "并案": 15, "不予立案": 6}
    assert by_status[Status.ACCEPTED] == 249 and by_status[Status.CONVERTED_OPINION] == 30
    assert by_status[Status.MERGED] == 15 and by_status[Status.REJECTED] == 6
    assert proposals.filter(imported_at__isnull=False).count() == 300
    assert ProposalEvent.objects.filter(action="import").count() == 300

    first = Proposal.objects.get(session=world.session, case_number=case_number(1))
    assert first.case_seq == 1 and first.receipt_number == "九届五次收字第0001号"
    assert local(first.submitted_at) == timezone.make_aware(datetime.datetime(2006, 12, 1, 9))
    assert local(first.decided_at).date() == datetime.date(2007, 1, 21)
    actions = list(first.events.values_list("action", flat=True))
    assert actions[:3] == ["create", "submit", "accept"] and actions[-1] == "import"
    assert first.history.first().history_change_reason == "Ledger import"
    # Case 1 (pattern 1): lead + co-handling; the lead replied on 2007-03-03, the co-handling unit sent its opinion.
    lead = first.assignments.get(role=Assignment.Role.LEAD)
    co = first.assignments.get(role=Assignment.Role.CO)
    reply = lead.replies.get()
    assert reply.status == "sent" and local(reply.sent_at).date() == datetime.date(2007, 3, 3)
    assert reply.result_code.code == "B" and CoOpinion.objects.filter(assignment=co).exists()
    assert lead.due_date == datetime.date(2007, 4, 30)  # 3 months after the assignment on 2007-01-31
    assert case_is_replied(first, timezone.now())
    assert not case_is_replied(first, timezone.make_aware(datetime.datetime(2007, 3, 3, 12)))

    # Every case replied; joint proposals keep both signers; the old unit name was taken for its 2007 self.
    cases = proposals.filter(status=Status.ACCEPTED)
    assert all(case_is_replied(p, timezone.now()) for p in cases[:40])
    assert Reply.objects.filter(assignment__proposal__session=world.session, status="sent").count() == (
        Assignment.objects.filter(proposal__session=world.session, round=1).exclude(role="co").count())
    joint = Proposal.objects.get(session=world.session, receipt_number="九届五次收字第0002号")
    assert joint.proposer_type == "joint" and joint.signers.filter(status=Signer.State.CONFIRMED).count() == 2
    assert Assignment.objects.filter(proposal__session=world.session, unit=world.old_unit).count() == 14  # cases 17, 34 … 238
    collective = Proposal.objects.get(session=world.session, receipt_number="九届五次收字第0006号")
    assert (collective.proposer_type, collective.party) == ("party", world.party)
    merged = Proposal.objects.filter(session=world.session, status=Status.MERGED).first()
    assert merged.merged_into.status == Status.ACCEPTED

    # Evaluations: 未表态 is never stored; 不满意 opened re-handling (round 2) as the service does.
    unsatisfied = Evaluation.objects.filter(reply__assignment__proposal__session=world.session, overall="unsatisfied")
    assert unsatisfied.count() >= 1
    assert Assignment.objects.filter(proposal__session=world.session, round=2).count() == len(
        {(e.reply.assignment.proposal_id, e.reply.assignment.unit_id) for e in unsatisfied})
    # Duty entries dated in 2006/2007, and counters continue after the imported numbers.
    entry = DutyEntry.objects.filter(kind=DutyKind.PROPOSAL_ACCEPTED, source_id=str(first.pk)).first()
    assert entry is not None and entry.duty_date == datetime.date(2007, 1, 21)
    assert Counter.objects.get(session=world.session, series="case").value == 249
    assert Counter.objects.get(session=world.session, series="receipt").value == 300


def test_one_bad_row_imports_nothing_and_names_the_row_and_column(world, secretariat):
    rows = ledger_rows(world, 12)
    rows[3]["承办单位"] = "县火星局(单办)"  # the fourth data row is row 5 of the sheet
    job = run(world, secretariat, ledger_workbook(rows))
    assert job.state == Job.State.FAILED
    assert job.message.startswith("1 error; nothing was imported.")
    assert "提案台账, row 5, 承办单位" in job.message
    assert Proposal.objects.count() == 0 and ProposalEvent.objects.count() == 0 and DutyEntry.objects.count() == 0
    [(sheet, row, column, problem)] = error_rows(job)
    assert (sheet, row, column) == ("提案台账", 5, "承办单位") and "县火星局" in problem


def test_every_error_is_collected(world, secretariat):
    rows = ledger_rows(world, 4)
    rows[0].update({"审查结果": "待定", "类别": "天文"})
    rows[1].update({"答复日期": datetime.datetime(2006, 1, 1), "提案人": "无名氏"})
    rows[2].update({"评价": "满意", "评价日期": None})
    job = run(world, secretariat, ledger_workbook(rows))
    assert job.state == Job.State.FAILED
    found = {(row, column) for _sheet, row, column, _problem in error_rows(job)}
    assert found == {(2, "审查结果"), (2, "类别"), (3, "答复日期"), (3, "提案人"), (4, "评价日期")}


def test_reimport_updates_and_adds_without_duplicating(world, secretariat):
    rows = ledger_rows(world, 6)
    later = {key: rows[0][key] for key in ("答复日期", "办理结果", "评价", "评价日期")}
    for key in later:
        rows[0][key] = None  # the first import: case 1 not replied yet
    assert run(world, secretariat, ledger_workbook(rows)).state == Job.State.SUCCEEDED
    events = ProposalEvent.objects.count()
    case = Proposal.objects.get(case_number=case_number(1))
    assert not case_is_replied(case, timezone.now())

    rows[0].update(later)
    rows[1]["案由"] = "关于加快我县蚕桑产业发展的提案（改）"
    job = run(world, secretariat, ledger_workbook(rows))
    assert job.state == Job.State.SUCCEEDED, job.message
    assert job.message == "Proposal ledger of 九届五次: 0 created, 2 updated, 4 unchanged."
    assert Proposal.objects.count() == 6
    assert case_is_replied(case, timezone.now())
    renamed = Proposal.objects.get(receipt_number=rows[1]["收文号"])
    assert renamed.title.endswith("（改）") and renamed.history.first().history_change_reason == "Ledger import"
    # New events only for what was added: the replies and opinion of case 1, its evaluation, two import events.
    added = list(ProposalEvent.objects.order_by("pk").values_list("action", flat=True)[events:])
    assert sorted(added) == sorted(["draft_reply", "send_paper_signed", "send_co_opinion", "evaluate", "import", "import"])

    # A third run of the same file changes nothing and writes nothing.
    events = ProposalEvent.objects.count()
    job = run(world, secretariat, ledger_workbook(rows))
    assert job.message == "Proposal ledger of 九届五次: 0 created, 0 updated, 6 unchanged."
    assert ProposalEvent.objects.count() == events


def test_reimport_refuses_to_rewrite_a_recorded_outcome_or_date(world, secretariat):
    rows = ledger_rows(world, 3)
    assert run(world, secretariat, ledger_workbook(rows)).state == Job.State.SUCCEEDED
    rows[0]["审查结果"] = "不予立案"
    rows[1]["提交日期"] = datetime.datetime(2006, 12, 30)
    job = run(world, secretariat, ledger_workbook(rows))
    assert job.state == Job.State.FAILED
    problems = {(row, column): problem for _s, row, column, problem in error_rows(job)}
    assert "立案" in problems[(2, "审查结果")] and "2006-12-02" in problems[(3, "提交日期")]


def test_an_ambiguous_name_is_a_row_error_and_the_member_number_settles_it(world, secretariat):
    twin = factories.member(world.committee, name=world.members[0].name, number="ZY09-900")
    TermMembership.objects.create(member=twin, term=world.term, sector=world.members[0].memberships.get().sector,
                                  party=world.party, start_date=world.term.start_date)
    rows = ledger_rows(world, 2)
    rows[0]["提案人"] = world.members[0].name
    job = run(world, secretariat, ledger_workbook(rows))
    [(_s, row, column, problem)] = error_rows(job)
    assert (row, column) == (2, "提案人") and "ZY09-000" in problem and "ZY09-900" in problem
    rows[0]["提案人"] = f"{twin.name}（ZY09-900）"  # full-width brackets, as people type them
    assert run(world, secretariat, ledger_workbook(rows)).state == Job.State.SUCCEEDED
    assert Proposal.objects.get(case_number=case_number(1)).signers.get().member == twin


def test_unknown_member_and_member_of_another_term(world, secretariat):
    outsider = factories.member(world.committee, name="外届委员", number="ZY10-001")
    rows = ledger_rows(world, 2)
    rows[0]["提案人"] = "外届委员(ZY10-001)"
    rows[1]["提案人"] = "查无此人"
    job = run(world, secretariat, ledger_workbook(rows))
    problems = {(row, column): problem for _s, row, column, problem in error_rows(job)}
    assert "ZY10-001" in problems[(2, "提案人")] and "查无此人" in problems[(3, "提案人")]
    assert outsider.signatures.count() == 0


def test_unknown_unit_and_units_valid_on_the_date(world, secretariat):
    rows = ledger_rows(world, 4)
    rows[0]["承办单位"] = "县工商局(单办)"  # its 2007 name: fine
    rows[1]["承办单位"] = "县市场监督管理局(单办)"  # did not exist in 2007
    rows[2]["承办单位"] = "县宇航局(单办)"
    job = run(world, secretariat, ledger_workbook(rows))
    problems = {(row, column): problem for _s, row, column, problem in error_rows(job)}
    assert set(problems) == {(3, "承办单位"), (4, "承办单位")}
    assert "2019-04-01" in problems[(3, "承办单位")] and "县宇航局" in problems[(4, "承办单位")]


def test_an_old_unit_name_after_the_merger_points_to_its_successor(committee, secretariat):
    world = LedgerWorld(committee)
    rows = ledger_rows(world, 1)
    rows[0].update({"承办单位": "县工商局(单办)", "交办日期": datetime.datetime(2020, 3, 1),
                    "答复日期": datetime.datetime(2020, 5, 1), "评价日期": datetime.datetime(2020, 6, 1)})
    job = run(world, secretariat, ledger_workbook(rows))
    [(_s, row, column, problem)] = error_rows(job)
    assert (row, column) == (2, "承办单位") and "县市场监督管理局" in problem and "2019-03-31" in problem


def test_roles_of_units_must_fit(world, secretariat):
    rows = ledger_rows(world, 1)
    rows[0]["承办单位"] = "县教育局(主办);县财政局(主办)"
    job = run(world, secretariat, ledger_workbook(rows))
    [(_s, row, column, _p)] = error_rows(job)
    assert (row, column) == (2, "承办单位")


def test_only_the_secretariat_of_the_committee_imports(client, world, secretariat, role_user, other_committee):
    client.force_login(secretariat)
    page = client.get(reverse("ledger_import"))
    assert page.status_code == 200 and str(world.session) in page.content.decode()
    for role in (Role.REVIEWER, Role.CHAIR, Role.ADMIN, Role.AUDITOR):
        client.force_login(role_user(role))
        assert client.get(reverse("ledger_import")).status_code == 403, role
        assert client.get(reverse("ledger_import_template")).status_code == 403, role
    # A job for a session of a committee the requester does not serve fails and writes nothing.
    stranger = factories.user_with_role(Role.SECRETARIAT, other_committee)
    job = run(world, stranger, ledger_workbook(ledger_rows(world, 2)))
    assert job.state == Job.State.FAILED and Proposal.objects.count() == 0


def test_upload_page_starts_the_job_and_lands_on_its_page(client, world, secretariat, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(secretariat)
    upload = SimpleUploadedFile("台账.xlsx", ledger_workbook(ledger_rows(world, 5)),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("ledger_import"), {"session": world.session.pk, "file": upload})
    job = Job.objects.get(kind=importer.KIND)
    assert response.status_code == 302 and response["Location"] == reverse("cppcc_job_detail", args=[job.pk])
    job.refresh_from_db()
    assert job.state == Job.State.SUCCEEDED, job.message
    assert Proposal.objects.filter(session=world.session).count() == 5


@pytest.mark.skipif(not hasattr(__import__("proposals.statistics").statistics, "overview"),
                    reason="proposals.statistics.overview is not written yet")
def test_the_statistics_of_an_imported_session_are_the_ledgers(world, secretariat):
    from members.periods import Period
    from proposals import statistics

    rows = ledger_rows(world, 60)
    # 60 rows: 作参考 i = 9, 19 … 59 (6); 并案 i = 8, 28, 48 (3); 不予立案 i = 7, 57 (2); 立案 the other 49.
    assert expected(60) == {"立案": 49, "作参考(转意见建议)": 6, "并案": 3, "不予立案": 2}
    assert run(world, secretariat, ledger_workbook(rows)).state == Job.State.SUCCEEDED
    period = Period.of_session(world.session)
    figures = statistics.overview(period)
    assert (figures.received, figures.accepted, figures.converted_opinion, figures.merged, figures.rejected) == (60, 49, 6, 3, 2)
    assert figures.reviewing == 0 and figures.replied == 49 and str(figures.reply_rate) == "100%"
    # Case 49 is the last replied, on day 60 + 49 of 2007 (2007-04-20): the day before, 48 of 49.
    before = statistics.overview(period, as_of=datetime.date(2007, 4, 19))
    assert before.replied == 48 and str(before.reply_rate) == "98.0%"
    # Before the review meeting (2007-01-21) every received proposal was still under review.
    early = statistics.overview(period, as_of=datetime.date(2007, 1, 15))
    assert (early.received, early.reviewing, early.accepted) == (60, 60, 0)
    # Filed before the plenary closed (2007-01-13): plenary proposals, counted in the plenary's year.
    assert statistics.overview(Period.of_year(world.committee, 2007)).received == 60
