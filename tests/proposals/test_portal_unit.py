"""The handling unit's portal (/portal/unit/) and the supervision office's read-only view.

Cases are set up through the services (tests/proposals/conftest.py); the screens are driven with the
test client as a unit's liaison and leader would. To stand later in a return window, a test moves
the stored assignment date back instead of the clock (as tests/proposals/test_handling.py does).
"""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cppcc.models import Message, PrivateFile
from cppcc.workdays import add_workdays
from members.models.roles import Role
from members.services import role_grant
from proposals import services
from proposals.models import Assignment, Reply
from proposals.services.handling import return_deadline
from proposals.workflow import AssignmentStatus, ReplyStatus
from tests import factories

from .conftest import PDF, pdf

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def url(name, *args):
    return reverse(f"proposals:unit_{name}", args=args)


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


def flashes(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def follow(client, path, data=None, **kw):
    """POST and follow the redirect; the page's messages and the final response."""
    response = client.post(path, data or {}, follow=True, **kw)
    return response, flashes(response)


def _assigned_on(assignment, day):
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    Assignment.objects.filter(pk=assignment.pk).update(assigned_at=moment)
    assignment.refresh_from_db()


def _return_boundary(count):
    """The earliest assignment date whose return window still includes today, and the day before it."""
    today = timezone.localdate()
    day = today
    while add_workdays(day - DAY, count) >= today:
        day -= DAY
    return day, day - DAY


def reply_post(world, action="save", code="A", **overrides):
    data = {
        "text": "一、关于扶持龙头企业……\n二、关于打造区域品牌……", "contact_person": "陈科长",
        "contact_phone": "0915-1234567", "methods": ["phone", "in_person"], "result_code": world.code(code).pk,
        "action": action,
    }
    if code == "B":
        data["follow_up_due"] = (world.today + 120 * DAY).isoformat()
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def supervisor(world):
    return factories.user_with_role(Role.SUPERVISION, world.committee)


# ---- the list


def test_the_list_shows_only_my_units_assignments(client, world):
    p1, (mine,) = world.assigned(title="关于茶叶产业的提案")
    _p2, (theirs,) = world.assigned(units=[(world.unit2, "single")], title="关于财政预算公开的提案")
    client.force_login(world.liaison)
    response = client.get(url("assignments"))
    html = response.content.decode()
    assert [a.pk for a in response.context["rows"]] == [mine.pk]
    assert "关于茶叶产业的提案" in html and "关于财政预算公开的提案" not in html
    assert p1.case_number in html
    assert response.context["unit_choices"] is None  # one unit: no unit filter


def test_a_person_serving_two_units_sees_both_and_filters_by_unit(client, world):
    _p1, (a1,) = world.assigned(title="教育局的案")
    _p2, (a2,) = world.assigned(units=[(world.unit2, "single")], title="财政局的案")
    role_grant(user=world.liaison, role=Role.UNIT_LIAISON, committee=world.committee, unit=world.unit2)
    client.force_login(world.liaison)
    response = client.get(url("assignments"))
    assert {a.pk for a in response.context["rows"]} == {a1.pk, a2.pk}
    assert response.context["several_units"]
    response = client.get(url("assignments"), {"unit": world.unit2.pk})
    assert [a.pk for a in response.context["rows"]] == [a2.pk]


def test_filters_overdue_days_extensions_and_return_window(client, world):
    _p, (to_sign,) = world.assigned(title="待签收的案")
    _p, (late,) = world.assigned(title="已逾期的案")
    services.assignment_sign(assignment=late, actor=world.liaison)
    Assignment.objects.filter(pk=late.pk).update(due_date=world.today - 3 * DAY)
    _p, (waiting,) = world.assigned(title="待签发的案")
    services.reply_submit_for_signature(reply=world.reply_draft(waiting), actor=world.liaison)
    _p, (done,) = world.assigned(title="已答复的案")
    world.sent_reply(done)
    _p, (extended,) = world.assigned(title="已延期的案")
    services.assignment_extend(assignment=extended, actor=world.secretariat, new_due=extended.due_date + 30 * DAY, reason="情况复杂")
    client.force_login(world.liaison)

    def shown(show):
        return {a.pk for a in client.get(url("assignments"), {"show": show}).context["rows"]}

    assert shown("to_sign") == {to_sign.pk, waiting.pk, extended.pk}
    assert shown("in_progress") == {late.pk}
    assert shown("awaiting_signature") == {waiting.pk}
    assert shown("replied") == {done.pk}
    assert shown("overdue") == {late.pk}
    response = client.get(url("assignments"))
    rows = {a.pk: a for a in response.context["rows"]}
    assert rows[late.pk].overdue_days == 3 and rows[to_sign.pk].overdue_days == 0
    assert rows[extended.pk].extended and not rows[to_sign.pk].extended
    assert rows[to_sign.pk].return_last == return_deadline(to_sign)
    assert rows[done.pk].return_last is None  # replied: nothing to return
    assert [a.pk for a in response.context["rows"]][-1] == done.pk  # replied cases go last
    counts = {name: count for name, _label, count in response.context["shows"]}
    assert counts == {"to_sign": 3, "in_progress": 1, "awaiting_signature": 1, "replied": 1, "overdue": 1}
    html = response.content.decode()
    assert re.search(r"overdue 3 days|逾期\s*3\s*天", html), "the overdue days are shown"


def test_the_leader_sees_what_awaits_the_signature(client, world):
    _p, (a,) = world.assigned()
    services.reply_submit_for_signature(reply=world.reply_draft(a), actor=world.liaison)
    client.force_login(world.leader)
    response = client.get(url("assignments"))
    assert response.context["awaiting_mine"] == 1
    assert "?show=awaiting_signature" in response.content.decode()
    client.force_login(world.liaison)
    assert client.get(url("assignments")).context["awaiting_mine"] == 0


def _grow(world, n):
    for i in range(n):
        _p, (a, co) = world.assigned(units=[(world.unit, "lead"), (world.unit2, "co")], title=f"第{i}件")
        if i % 3 == 0:
            services.assignment_sign(assignment=a, actor=world.liaison)
            services.assignment_extend(assignment=a, actor=world.secretariat, new_due=a.due_date + 9 * DAY, reason="复杂")
        if i % 3 == 1:
            world.reply_draft(a)
            services.co_opinion_send(assignment=co, actor=world.liaison2, text="同意")
        if i % 3 == 2:
            world.sent_reply(a)
            Assignment.objects.filter(pk=co.pk).update(due_date=world.today - DAY)


def _queries(client, path):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", ["liaison", "supervision"])
def test_the_list_keeps_its_query_count_at_10_and_60_cases(client, world, who):
    user = world.liaison if who == "liaison" else factories.user_with_role(Role.SUPERVISION, world.committee)
    client.force_login(user)
    _grow(world, 10)
    _queries(client, url("assignments"))  # warms the process's caches
    small = _queries(client, url("assignments"))
    _grow(world, 50)  # 60 cases: more than the 50 a page shows
    large = _queries(client, url("assignments"))
    assert client.get(url("assignments")).context["total"] == (60 if who == "liaison" else 120)  # the supervision office reads both units
    assert large == small, f"{small} queries at 10 cases, {large} at 60"


# ---- who sees what


def test_another_units_liaison_gets_404_on_the_detail_the_actions_and_the_files(client, world):
    _p, (lead, co) = world.assigned(units=[(world.unit, "lead"), (world.unit2, "co")])
    services.co_opinion_send(assignment=co, actor=world.liaison2, text="同意", file=pdf("会办意见.pdf"))
    reply = world.reply_draft(lead, letter=pdf("答复函.pdf"))
    client.force_login(world.liaison3)  # the third unit has no part in this case
    for path in [url("assignment", lead.pk), url("assignment", co.pk), url("sign", lead.pk), url("request_return", lead.pk),
                 url("reply", lead.pk), url("co_opinion", co.pk), url("reply_sign", reply.pk), url("reply_paper", reply.pk),
                 url("reply_send_back", reply.pk), url("follow_up", reply.pk)]:
        assert client.get(path).status_code == 404, path
        assert client.post(path, {"reason": "x", "text": "x"}).status_code == 404, path
    for file_id in (reply.letter_id, co.co_opinion.file_id):
        assert client.get(reverse("file_download", args=[file_id])).status_code == 404
    client.force_login(world.liaison)
    assert client.get(reverse("file_download", args=[reply.letter_id])).status_code == 200
    assert client.get(reverse("file_download", args=[co.co_opinion.file_id])).status_code == 200  # the lead reads it


def test_the_detail_names_the_proposers_and_shows_only_the_phone_the_proposal_gives(client, world):
    world.proposer.phone = "13912345678"
    world.proposer.save()
    _p, (a,) = world.assigned(joint=True, contact_phone="0915-8886666")
    client.force_login(world.liaison)
    html = page(client, url("assignment", a.pk))
    assert "王芳" in html and "李明" in html
    assert "0915-8886666" in html and "13912345678" not in html
    assert "茶叶产业规模小" in html and "打造区域品牌" in html


def test_member_is_refused_and_the_secretariat_is_sent_to_the_admin(client, world):
    client.force_login(world.proposer.user)
    assert client.get(url("assignments")).status_code == 403
    client.force_login(world.secretariat)
    response = client.get(url("assignments"))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_the_timeline_keeps_another_units_drafting_to_that_unit(client, world, supervisor):
    _p, (mine, theirs) = world.assigned(units=[(world.unit, "split"), (world.unit2, "split")])
    reply = world.reply_draft(theirs)
    services.reply_submit_for_signature(reply=reply, actor=world.liaison2)
    services.reply_send_back(reply=reply, actor=world.leader2, reason="财政局内部意见：数字再核")
    services.assignment_request_return(assignment=mine, actor=world.liaison, reason="教育局认为应由财政局办理")
    client.force_login(world.liaison)
    html = page(client, url("assignment", mine.pk))
    assert "教育局认为应由财政局办理" in html and "财政局内部意见" not in html
    client.force_login(world.liaison2)
    assert "财政局内部意见" in page(client, url("assignment", theirs.pk))
    client.force_login(supervisor)
    html = page(client, url("assignment", mine.pk))
    assert "教育局认为应由财政局办理" in html and "财政局内部意见" not in html


# ---- signing and returns


def test_sign_for_receipt(client, world):
    _p, (a,) = world.assigned()
    client.force_login(world.liaison)
    html = page(client, url("assignment", a.pk))
    assert 'data-action="sign"' in html
    response, said = follow(client, url("sign", a.pk))
    a.refresh_from_db()
    assert a.status == AssignmentStatus.SIGNED and a.signed_by == world.liaison
    assert response.redirect_chain[-1][0] == url("assignment", a.pk) and said
    assert 'data-action="sign"' not in response.content.decode()
    _response, said = follow(client, url("sign", a.pk))  # a second click: a message, no error
    assert said


def test_a_return_inside_the_window_shows_its_last_day_and_is_requested(client, world):
    last_in, _first_out = _return_boundary(5)
    _p, (a,) = world.assigned()
    _assigned_on(a, last_in)
    client.force_login(world.liaison)
    html = page(client, url("assignment", a.pk))
    assert return_deadline(a).isoformat() == world.today.isoformat()
    assert world.today.isoformat() in html and 'data-action="request_return"' in html
    response = client.post(url("request_return", a.pk), {"reason": "  "})
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    _response, said = follow(client, url("request_return", a.pk), {"reason": "属财政局职责"})
    a.refresh_from_db()
    assert a.status == AssignmentStatus.RETURN_REQUESTED and a.return_reason == "属财政局职责" and said


def test_a_return_after_the_window_is_refused_with_a_clear_message(client, world):
    _last_in, first_out = _return_boundary(5)
    _p, (a,) = world.assigned()
    _assigned_on(a, first_out)
    last = return_deadline(a)
    client.force_login(world.liaison)
    html = page(client, url("assignment", a.pk))
    assert last.isoformat() in html and 'data-action="request_return"' not in html  # the form is gone
    _response, said = follow(client, url("request_return", a.pk), {"reason": "不属本单位职责"})
    a.refresh_from_db()
    assert a.status == AssignmentStatus.ASSIGNED
    assert len(said) == 1 and last.isoformat() in said[0]


# ---- co-handling


def test_a_co_handling_unit_sends_its_opinion_and_the_lead_reads_it(client, world):
    _p, (lead, co) = world.assigned(units=[(world.unit, "lead"), (world.unit2, "co")])
    client.force_login(world.liaison2)
    html = page(client, url("assignment", co.pk))
    assert world.unit.name in html  # who leads
    assert 'data-action="send_co_opinion"' in html and 'data-action="draft_reply"' not in html
    _response, said = follow(client, url("reply", co.pk))
    assert said  # a co-handling unit does not reply to the proposer
    response = client.post(url("co_opinion", co.pk), {"text": "", "file": SimpleUploadedFile("x.pdf", PDF)})
    assert response.status_code == 200 and response.context["form"].errors["text"]
    response, said = follow(client, url("co_opinion", co.pk), {"text": "同意，建议增加经费", "file": pdf("会办意见.pdf")})
    co.refresh_from_db()
    assert co.status == AssignmentStatus.REPLIED and co.co_opinion.text == "同意，建议增加经费"
    assert "同意，建议增加经费" in response.content.decode()
    client.force_login(world.liaison)
    html = page(client, url("assignment", lead.pk))
    assert "同意，建议增加经费" in html and reverse("file_download", args=[co.co_opinion.file_id]) in html


# ---- the reply


def test_draft_submit_and_the_leader_signs_and_sends(client, world, django_capture_on_commit_callbacks):
    p, (a,) = world.assigned()
    services.assignment_sign(assignment=a, actor=world.liaison)
    client.force_login(world.liaison)
    page(client, url("reply", a.pk))
    response, said = follow(client, url("reply", a.pk), {**reply_post(world), "letter": pdf("答复函.pdf")})
    reply = Reply.objects.get(assignment=a)
    assert reply.status == ReplyStatus.DRAFT and reply.letter.name == "答复函.pdf" and said
    assert response.redirect_chain[-1][0] == url("assignment", a.pk)
    response, said = follow(client, url("reply", a.pk), reply_post(world, action="submit"))
    reply.refresh_from_db()
    assert reply.status == ReplyStatus.AWAITING_SIGNATURE and reply.letter.name == "答复函.pdf"
    html = response.content.decode()
    assert 'data-action="sign_and_send"' not in html  # the liaison is no leader
    assert 'data-action="send_paper_signed"' in html

    client.force_login(world.leader)
    html = page(client, url("assignment", a.pk))
    assert 'data-action="sign_and_send"' in html and 'data-action="send_back"' in html
    with django_capture_on_commit_callbacks(execute=True):
        response, said = follow(client, url("reply_sign", reply.pk), {"document_number": "教函〔2026〕8号"})
    reply.refresh_from_db()
    a.refresh_from_db()
    assert (reply.status, reply.signed_by, reply.document_number) == (ReplyStatus.SENT, world.leader, "教函〔2026〕8号")
    assert a.status == AssignmentStatus.REPLIED
    assert Message.objects.filter(recipient=world.proposer.user, kind=Message.Kind.REPLY_SENT).count() == 1
    html = response.content.decode()
    assert reverse("file_download", args=[reply.letter_id]) in html and "教函〔2026〕8号" in html
    assert 'data-action="' not in html  # sent: nothing left to do for an A reply

    # The second of two quick "send" clicks: a message, still one reply, no second notice.
    with django_capture_on_commit_callbacks(execute=True):
        response, said = follow(client, url("reply_sign", reply.pk), {"document_number": "教函〔2026〕8号"})
    assert response.status_code == 200 and len(said) == 1
    assert Reply.objects.filter(assignment=a).count() == 1
    assert Message.objects.filter(recipient=world.proposer.user, kind=Message.Kind.REPLY_SENT).count() == 1
    assert p.events.filter(action="sign_and_send").count() == 1


def test_an_incomplete_reply_is_saved_but_not_submitted(client, world):
    _p, (a,) = world.assigned()
    client.force_login(world.liaison)
    response = client.post(url("reply", a.pk), reply_post(world, action="submit", methods=[], result_code=None))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "methods" in errors and "result_code" in errors
    reply = Reply.objects.get(assignment=a)
    assert reply.status == ReplyStatus.DRAFT and reply.text.startswith("一、")
    response = client.post(url("reply", a.pk), reply_post(world, text=""))
    assert response.context["form"].errors["text"]  # the text is mandatory


def test_a_promised_date_is_kept_for_an_in_plan_result_only(client, world):
    _p, (a,) = world.assigned()
    client.force_login(world.liaison)
    promised = (world.today + 90 * DAY).isoformat()
    client.post(url("reply", a.pk), reply_post(world, code="A", follow_up_due=promised))
    assert Reply.objects.get(assignment=a).follow_up_due is None
    client.post(url("reply", a.pk), reply_post(world, code="B", follow_up_due=promised))
    assert Reply.objects.get(assignment=a).follow_up_due.isoformat() == promised
    # Re-opened in Chinese, the date input carries the ISO value the browser's date picker keeps.
    page = client.get(url("reply", a.pk), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert f'type="date" name="follow_up_due" value="{promised}"' in page
    response = client.post(url("reply", a.pk), reply_post(world, action="submit", code="B", follow_up_due=""))
    assert response.context["form"].errors["follow_up_due"]  # the service asks for it before signing


def test_the_leader_sends_the_reply_back_with_a_reason(client, world):
    _p, (a,) = world.assigned()
    reply = world.reply_draft(a)
    services.reply_submit_for_signature(reply=reply, actor=world.liaison)
    client.force_login(world.leader)
    response = client.post(url("reply_send_back", reply.pk), {"reason": ""})
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    follow(client, url("reply_send_back", reply.pk), {"reason": "第二点要写明资金来源"})
    reply.refresh_from_db()
    assert reply.status == ReplyStatus.DRAFT
    client.force_login(world.liaison)
    html = page(client, url("assignment", a.pk))
    assert "第二点要写明资金来源" in html and 'data-action="draft_reply"' in html


def test_the_liaison_records_a_paper_signature_with_the_sealed_scan(client, world, django_capture_on_commit_callbacks):
    _p, (a,) = world.assigned()
    reply = world.reply_draft(a)
    client.force_login(world.liaison)
    page(client, url("reply_paper", reply.pk))
    response = client.post(url("reply_paper", reply.pk), {"signer_name": "张建国", "document_number": "教函〔2026〕5号"})
    assert response.status_code == 200 and response.context["form"].errors["sealed_scan"]
    with django_capture_on_commit_callbacks(execute=True):
        response, said = follow(client, url("reply_paper", reply.pk), {
            "signer_name": "张建国", "document_number": "教函〔2026〕5号", "sealed_scan": pdf("盖章答复函.pdf")})
    reply.refresh_from_db()
    assert (reply.status, reply.signer_name, reply.signed_by, reply.document_number) == (
        ReplyStatus.SENT, "张建国", None, "教函〔2026〕5号")
    assert PrivateFile.objects.get(pk=reply.sealed_scan_id).name == "盖章答复函.pdf"
    assert Message.objects.filter(recipient=world.proposer.user, kind=Message.Kind.REPLY_SENT).exists()
    html = response.content.decode()
    assert "张建国" in html and reverse("file_download", args=[reply.sealed_scan_id]) in html


def test_a_liaison_cannot_sign_as_the_leader(client, world):
    _p, (a,) = world.assigned()
    reply = world.reply_draft(a)
    services.reply_submit_for_signature(reply=reply, actor=world.liaison)
    client.force_login(world.liaison)
    assert client.get(url("reply_sign", reply.pk)).status_code == 403
    assert client.post(url("reply_sign", reply.pk), {"document_number": "x"}).status_code == 403
    assert client.post(url("reply_send_back", reply.pk), {"reason": "x"}).status_code == 403
    reply.refresh_from_db()
    assert reply.status == ReplyStatus.AWAITING_SIGNATURE
    client.force_login(world.leader2)  # a leader, but of another unit
    assert client.post(url("reply_sign", reply.pk)).status_code == 404


@pytest.mark.parametrize("name, content", [
    ("答复函.pdf", b"MZ\x90\x00\x03 this is a program, not a letter"),
    ("答复函.xlsx", b"PK\x03\x04 not a real workbook"),
])
def test_a_letter_of_the_wrong_type_is_refused_with_a_clear_form_error(client, world, name, content):
    _p, (a,) = world.assigned()
    client.force_login(world.liaison)
    response = client.post(url("reply", a.pk), {**reply_post(world), "letter": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    error = " ".join(response.context["form"].errors["letter"])
    assert "PDF" in error and "OFD" in error and "XLSX" not in error
    assert not Reply.objects.filter(assignment=a).exists() and not PrivateFile.objects.exists()


def test_an_in_plan_reply_shows_its_follow_up_and_the_unit_completes_it(client, world):
    _p, (a,) = world.assigned()
    reply = world.sent_reply(a, code="B")
    client.force_login(world.liaison)
    html = page(client, url("assignment", a.pk))
    assert reply.follow_up_due.isoformat() in html and 'data-action="complete_follow_up"' in html
    response = client.post(url("follow_up", reply.pk), {"note": ""})
    assert response.context["form"].errors["note"]
    response, said = follow(client, url("follow_up", reply.pk), {"note": "项目已开工建设", "new_code": world.code("A").pk})
    reply.refresh_from_db()
    assert reply.follow_up_done_at is not None and reply.result_code.code == "A" and reply.code_corrections.count() == 1
    html = response.content.decode()
    assert "项目已开工建设" in html and 'data-action="complete_follow_up"' not in html


# ---- the supervision office


def test_supervision_sees_every_units_cases_read_only(client, world, supervisor):
    _p, (a1,) = world.assigned(title="教育局的案")
    _p, (lead, co) = world.assigned(units=[(world.unit2, "lead"), (world.unit3, "co")], title="财政局牵头的案")
    services.co_opinion_send(assignment=co, actor=world.liaison3, text="卫健局的会办意见")
    reply = world.reply_draft(a1)
    client.force_login(supervisor)
    response = client.get(url("assignments"))
    assert {a.pk for a in response.context["rows"]} == {a1.pk, lead.pk, co.pk}
    assert response.context["read_only"] and response.context["unit_choices"] is not None
    assert [a.pk for a in client.get(url("assignments"), {"unit": world.unit2.pk}).context["rows"]] == [lead.pk]
    for assignment in (a1, lead):
        html = page(client, url("assignment", assignment.pk))
        assert "data-action=" not in html and 'enctype="multipart/form-data"' not in html
        assert not re.search(r'<form method="post" action="/portal/unit/', html)
    assert "卫健局的会办意见" in page(client, url("assignment", lead.pk))
    assert "经研究" not in page(client, url("assignment", a1.pk))  # the unit's draft stays the unit's
    for path, data in [(url("sign", a1.pk), {}), (url("request_return", a1.pk), {"reason": "x"}),
                       (url("reply", a1.pk), reply_post(world)), (url("reply_paper", reply.pk), {"signer_name": "x"}),
                       (url("reply_sign", reply.pk), {}), (url("reply_send_back", reply.pk), {"reason": "x"})]:
        assert client.get(path).status_code == 403, path
        assert client.post(path, data).status_code == 403, path
    a1.refresh_from_db()
    reply.refresh_from_db()
    assert a1.status == AssignmentStatus.ASSIGNED and reply.text == "经研究，答复如下：……"


def test_supervision_of_another_committee_sees_nothing_here(client, world, other_committee):
    _p, (a,) = world.assigned()
    client.force_login(factories.user_with_role(Role.SUPERVISION, other_committee))
    assert list(client.get(url("assignments")).context["rows"]) == []
    assert client.get(url("assignment", a.pk)).status_code == 404


# ---- the lead unit and its co-handling units (issue #11 item 6)


def test_a_lead_units_replied_state_never_reads_as_a_co_handling_opinion(client, world):
    _p, (lead, co) = world.assigned(units=[(world.unit, "lead"), (world.unit2, "co")])
    services.assignment_sign(assignment=lead, actor=world.liaison)
    services.co_opinion_send(assignment=co, actor=world.liaison2, text="同意")
    world.sent_reply(lead)
    lead.refresh_from_db()
    co.refresh_from_db()
    assert lead.status == co.status == AssignmentStatus.REPLIED
    assert str(lead.get_status_display()) == "已答复"
    assert str(co.get_status_display()) == "已向主办单位送会办意见"
    client.force_login(world.liaison)
    for path in (url("assignment", lead.pk), reverse("proposals:unit_assignments") + "?show=all"):
        html = page(client, path)
        assert "会办单位已送意见" not in html and "已答复" in html
    client.force_login(world.proposer.user)
    html = page(client, lead.proposal.get_absolute_url())
    assert "会办单位已送意见" not in html and "已向主办单位送会办意见" in html


def test_a_lead_replying_before_a_co_handling_opinion_arrived_is_warned(client, world):
    _p, (lead, co, co2) = world.assigned(units=[(world.unit, "lead"), (world.unit2, "co"), (world.unit3, "co")])
    services.assignment_sign(assignment=lead, actor=world.liaison)
    services.co_opinion_send(assignment=co, actor=world.liaison2, text="同意")
    warning = 'data-warning="opinions-missing"'
    client.force_login(world.liaison)
    html = page(client, url("reply", lead.pk))
    assert warning in html and world.unit3.name in html.split(warning)[1].split("</p>")[0]
    assert world.unit2.name not in html.split(warning)[1].split("</p>")[0]  # its opinion is in
    reply = world.reply_draft(lead)
    services.reply_submit_for_signature(reply=reply, actor=world.liaison)
    client.force_login(world.leader)
    for path in (url("assignment", lead.pk), url("reply_sign", reply.pk)):
        assert warning in page(client, path), path
    # The warning does not stop the leader: the service still sends.
    response, _said = follow(client, url("reply_sign", reply.pk), {"document_number": "教函〔2026〕2号"})
    reply.refresh_from_db()
    assert reply.status == ReplyStatus.SENT
    # Once every opinion is in, no warning; a co-handling unit never sees it.
    _p2, (lead2, co3) = world.assigned(units=[(world.unit, "lead"), (world.unit2, "co")], title="关于改善农村道路的提案")
    services.assignment_sign(assignment=lead2, actor=world.liaison)
    services.co_opinion_send(assignment=co3, actor=world.liaison2, text="同意")
    client.force_login(world.liaison)
    assert warning not in page(client, url("reply", lead2.pk))
    client.force_login(world.liaison2)
    assert warning not in page(client, url("assignment", co3.pk))
