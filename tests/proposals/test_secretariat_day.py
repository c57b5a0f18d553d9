"""The secretariat's day (issue #11, item 4): the proposal list's defaults, saved filters, the admin
search areas, bulk assignment, the selected forms printed as one file, 催办, the exports, names and
labels instead of user names and codes.

Every state is reached through the services (tests/proposals/conftest.py World); the admin is driven
through the test client as a clerk's browser would.
"""

import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from cppcc.models import AuditEvent, Message
from members.models.roles import Role
from proposals import services
from proposals.models import Assignment, ProposalEvent, SavedFilter
from tests.proposals.test_admin import formset, other_world

pytestmark = pytest.mark.django_db

LIST = "/admin/proposals/"


@pytest.fixture
def clerk(client, secretariat):
    client.force_login(secretariat)
    return client


def t(msgid) -> str:
    """A text as the site shows it (zh-hans): the Chinese once the lead compiles the catalogue."""
    with translation.override("zh-hans"):
        return gettext(msgid)


def listed(client, url=LIST) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def overdue(world, assignment, days=3):
    """Move the assignment's due date into the past (as time passing would)."""
    Assignment.objects.filter(pk=assignment.pk).update(due_date=world.today - datetime.timedelta(days=days))
    assignment.refresh_from_db()
    return assignment


# ---- the list opens on the current session and on what awaits the office


def test_list_opens_on_the_current_session_and_what_awaits_the_office(clerk, world):
    submitted = world.submitted(title="关于加快我县茶叶产业发展的提案")
    under_review = world.submitted(title="关于改善农村饮水安全的提案")
    services.proposal_review_stage(proposal=under_review, actor=world.reviewer, stage="first")
    quiet_case, (quiet,) = world.assigned(title="关于修缮县城老街的提案")  # assigned, nothing for the office
    to_assign = world.accepted(title="关于建设县城公园的提案")  # accepted, waiting for 交办
    returning_case, (returning,) = world.assigned(title="关于整治河道的提案", units=[(world.unit2, "single")])
    services.assignment_request_return(assignment=returning, actor=world.liaison2, reason="不属于本单位职责")
    signing_case, (signing,) = world.assigned(title="关于发展乡村旅游的提案", units=[(world.unit3, "single")])
    reply = world.reply_draft(signing)
    services.reply_submit_for_signature(reply=reply, actor=world.liaison3)
    older = world.make_session(number=2, opens=-20, deadline=10)  # opened before the current one
    old_one = world.submitted(title="上一次会议的提案", session=older)
    world.draft(title="委员自己的草稿")

    html = listed(clerk)
    for p in (submitted, under_review, to_assign, returning_case, signing_case):
        assert p.title in html, p.title
    assert quiet_case.title not in html
    assert "委员自己的草稿" not in html
    assert "show=all" in html and "显示全部" in html
    assert old_one.title not in html  # another session

    html = listed(clerk, LIST + f"?session={older.pk}&awaiting=office")
    assert old_one.title in html and submitted.title not in html

    html = listed(clerk, LIST + "?show=all")
    assert quiet_case.title in html and submitted.title in html
    assert "委员自己的草稿" not in html  # members' drafts never appear, whatever the filter


def test_default_session_is_the_current_one(clerk, world):
    world.make_session(number=2, opens=30, deadline=60)  # filing has not opened yet: not the current one
    current = world.submitted(title="本次会议的提案")
    assert current.title in listed(clerk)


def test_members_drafts_never_appear_even_for_the_superuser(client, world, administrator):
    draft = world.draft(title="委员自己的草稿")
    paper_draft = services.proposal_create_draft(actor=world.secretariat, session=world.session, proposer=world.proposer,
                                                 on_behalf=True, title="办公室代录中的草稿", category=world.category,
                                                 situation="情况", suggestions="建议")
    client.force_login(administrator)
    html = listed(client, LIST + "?show=all")
    assert draft.title not in html
    client.force_login(world.secretariat)
    html = listed(client, LIST + "?show=all")
    assert draft.title not in html and paper_draft.title in html  # the office's own paper draft stays


def test_empty_choices_say_what_empty_means(clerk, world):
    html = listed(clerk)
    assert "---------" not in html
    for text in ("全部会次", t("All states"), t("All categories"), t("Everything")):
        assert text in html, text


# ---- saved filters


def test_saved_filters_are_per_person(client, world, secretariat, role_user):
    client.force_login(secretariat)
    response = client.post(reverse("proposal_admin:save_filter"),
                           {"name": "待审查", "querystring": "status=submitted&p=2"})
    assert response.status_code == 302 and "status=submitted" in response["Location"]
    saved = SavedFilter.objects.get(user=secretariat)
    assert (saved.name, saved.querystring, saved.list_name) == ("待审查", "status=submitted", "proposals")
    html = listed(client)
    assert 'class="saved-filter" href="/admin/proposals/?status=submitted">待审查<' in html

    # the browser's address (Wagtail filters without reloading) wins over the page's own query string
    client.post(reverse("proposal_admin:save_filter"), {"name": "茶叶", "querystring": ""},
                HTTP_REFERER="http://testserver/admin/proposals/?q=%E8%8C%B6%E5%8F%B6&status=accepted")
    assert SavedFilter.objects.get(user=secretariat, name="茶叶").querystring == "q=%E8%8C%B6%E5%8F%B6&status=accepted"
    # the same name again updates it
    client.post(reverse("proposal_admin:save_filter"), {"name": "待审查", "querystring": "status=under_review"})
    assert SavedFilter.objects.get(user=secretariat, name="待审查").querystring == "status=under_review"

    # nobody else sees or deletes them
    chair = role_user(Role.CHAIR)
    client.force_login(chair)
    assert 'class="saved-filter"' not in listed(client)
    assert client.post(reverse("proposal_admin:delete_filter", args=[saved.pk])).status_code == 404
    assert SavedFilter.objects.filter(pk=saved.pk).exists()
    # a name is required
    client.post(reverse("proposal_admin:save_filter"), {"name": " ", "querystring": "x=1"})
    assert not SavedFilter.objects.filter(user=chair).exists()

    client.force_login(secretariat)
    assert client.post(reverse("proposal_admin:delete_filter", args=[saved.pk])).status_code == 302
    assert not SavedFilter.objects.filter(pk=saved.pk).exists()
    assert client.get(reverse("proposal_admin:save_filter")).status_code == 405


# ---- bulk assignment (交办)


def test_bulk_assignment_gives_every_selected_case_the_same_units(clerk, world):
    cases = [world.accepted(title=f"关于第{i}件事的提案") for i in range(3)]
    url = reverse("proposal_admin:bulk_assign")
    html = clerk.get(url, {"id": [c.pk for c in cases]}).content.decode()
    for c in cases:
        assert c.title in html
    response = clerk.post(url, {"id": [c.pk for c in cases], **formset([(world.unit, "lead"), (world.unit2, "co")])})
    assert response.status_code == 302
    for c in cases:
        got = {(a.unit_id, a.role) for a in c.assignments.all()}
        assert got == {(world.unit.pk, "lead"), (world.unit2.pk, "co")}
        assert ProposalEvent.objects.filter(proposal=c, action="assign").count() == 2
    assert AuditEvent.objects.filter(detail__startswith="assign").count() >= 6  # audited per case and unit


def test_bulk_assignment_is_all_or_nothing_and_names_the_case(clerk, world):
    ready = world.accepted(title="可以交办的提案")
    taken, _ = world.assigned(title="已经交办的提案", units=[(world.unit, "single")])
    not_a_case = world.submitted(title="尚未立案的提案")
    response = clerk.post(reverse("proposal_admin:bulk_assign"),
                          {"id": [ready.pk, taken.pk], **formset([(world.unit, "single")])})
    assert response.status_code == 200
    html = response.content.decode()
    assert taken.case_number in html or str(taken) in html
    assert not ready.assignments.exists()  # nothing saved
    response = clerk.post(reverse("proposal_admin:bulk_assign"),
                          {"id": [ready.pk, not_a_case.pk], **formset([(world.unit2, "single")])})
    assert response.status_code == 200 and not ready.assignments.exists()


def test_bulk_assignment_is_the_secretariats(client, world):
    case = world.accepted()
    client.force_login(world.reviewer)
    response = client.post(reverse("proposal_admin:bulk_assign"), {"id": [case.pk], **formset([(world.unit, "single")])})
    assert response.status_code in (302, 403) and not case.assignments.exists()
    other = other_world()
    foreign = other.accepted()
    client.force_login(world.secretariat)
    response = client.post(reverse("proposal_admin:bulk_assign"), {"id": [foreign.pk], **formset([(world.unit, "single")])})
    assert response.status_code == 200 and not foreign.assignments.exists()


# ---- the selected forms as one Word file


def test_print_selected_makes_one_word_file_with_a_form_per_case(clerk, world):
    from docx import Document

    cases = [world.accepted(title=f"关于第{i}件事的提案") for i in range(3)]
    draft = world.draft(title="委员自己的草稿")
    response = clerk.get(reverse("proposal_admin:print_selected"), {"id": [c.pk for c in cases] + [draft.pk]})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    doc = Document(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        cell.text for t in doc.tables for row in t.rows for cell in row.cells)
    for c in cases:
        assert c.title in text
    assert "委员自己的草稿" not in text
    breaks = doc.element.body.xml.count('w:type="page"')
    assert breaks >= 2


def test_print_selected_refuses_what_the_person_may_not_read(client, world):
    other = other_world()
    foreign = other.accepted()
    client.force_login(world.secretariat)
    assert client.get(reverse("proposal_admin:print_selected"), {"id": [foreign.pk]}).status_code == 404
    response = client.get(reverse("proposal_admin:print_selected"))
    assert response.status_code == 302  # nothing selected: back to the list with a message


# ---- 催办


def test_remind_sends_now_records_it_and_only_once_a_day(clerk, world, django_capture_on_commit_callbacks):
    case, (assignment,) = world.assigned()
    url = reverse("assignments:remind", args=[assignment.pk])
    response = clerk.get(url)
    assert response.status_code == 302  # not overdue yet: back to the case with the reason
    overdue(world, assignment, days=5)
    assert clerk.get(url).status_code == 200
    assert "assignments/remind/" in clerk.get(reverse("proposal_admin:inspect", args=[case.pk])).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = clerk.post(url, {"note": "请于本周内答复"})
    assert response.status_code == 302
    event = ProposalEvent.objects.get(proposal=case, action="remind")
    assert event.assignment_id == assignment.pk and event.data["days_overdue"] == 5 and event.reason == "请于本周内答复"
    recipients = set(Message.objects.filter(title__contains="催办").values_list("recipient_id", flat=True))
    assert recipients == {world.liaison.pk, world.leader.pk}
    assert AuditEvent.objects.filter(detail__startswith="remind").exists()
    html = clerk.get(reverse("proposal_admin:inspect", args=[case.pk])).content.decode()
    assert "催办" in html and "assignments/remind/" not in html  # on the timeline; no second button today
    # a second reminder today sends nothing
    with django_capture_on_commit_callbacks(execute=True):
        assert clerk.post(url, {"note": ""}).status_code == 302
    assert ProposalEvent.objects.filter(proposal=case, action="remind").count() == 1
    assert Message.objects.filter(title__contains="催办").count() == 2


def test_remind_is_the_secretariats(client, world):
    case, (assignment,) = world.assigned()
    overdue(world, assignment)
    client.force_login(world.reviewer)
    response = client.post(reverse("assignments:remind", args=[assignment.pk]))
    assert response.status_code in (302, 403)
    assert not ProposalEvent.objects.filter(action="remind").exists()
    with pytest.raises(PermissionDenied):
        services.assignment_remind(assignment=assignment, actor=world.reviewer)
    assert not ProposalEvent.objects.filter(action="remind").exists()


# ---- the admin's sidebar search


def test_sidebar_search_finds_proposals_members_units_and_activities(client, world, secretariat, role_user):
    from django.test import RequestFactory
    from wagtail.admin.search import admin_search_areas

    tea = world.submitted(title="关于加快我县茶叶产业发展的提案")

    def areas(user):
        request = RequestFactory().get("/admin/")
        request.user = user
        return [a.name for a in admin_search_areas.search_items_for_request(request)]

    assert areas(secretariat)[:4] == ["proposals", "members", "bodies", "activities"]
    assert "proposals" not in areas(role_user(Role.AUDITOR))  # 三员分立: the auditor reads the audit log only
    assert areas(role_user(Role.SECURITY_ADMIN))[:1] != ["proposals"]

    client.force_login(secretariat)
    html = listed(client)
    html = listed(client, LIST + "?q=茶叶")
    assert tea.title in html
    for url in ("/admin/members/?q=", "/admin/bodies/?q=", "/admin/activities/?q="):
        assert url.split("?")[0] in html, url  # "Other searches" link to the same words


# ---- exports


def _sheet(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return [list(r) for r in openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows(values_only=True)]


def test_proposal_export_carries_units_due_dates_results_and_evaluations(clerk, world):
    case, (lead, co) = world.assigned(title="关于发展茶叶产业的提案", units=[(world.unit, "lead"), (world.unit2, "co")])
    reply = world.sent_reply(lead)
    services.evaluation_submit(reply=reply, actor=world.proposer.user, overall="satisfied")
    rows = _sheet(clerk, LIST + "?show=all&export=xlsx")
    head = rows[0]
    for heading in ("承办单位", "答复期限", t("handling result"), "办理评价"):
        assert heading in head, heading
    row = next(r for r in rows[1:] if "关于发展茶叶产业的提案" in r)
    cell = dict(zip(head, row))
    assert cell["承办单位"] == f"{world.unit}（主办）、{world.unit2}（会办）"
    assert cell["答复期限"] == co.due_date.isoformat()  # the lead has replied; the co-handling opinion is due
    assert cell[t("handling result")].startswith("A")
    assert cell["办理评价"] == "满意"
    assert cell[t("recorded on behalf from paper")] == "否"  # 是/否, not TRUE/FALSE
    assert True not in row and False not in row

    csv_text = b"".join(clerk.get(LIST + "?show=all&export=csv").streaming_content).decode()
    assert "否" in csv_text and "False" not in csv_text and "TRUE" not in csv_text.upper().split(",")


def test_export_of_the_default_list_is_what_the_list_shows(clerk, world):
    waiting = world.submitted(title="待审查的提案")
    quiet, _ = world.assigned(title="已交办的提案")
    cells = [c for row in _sheet(clerk, LIST + "?export=xlsx") for c in row]
    assert waiting.title in cells and quiet.title not in cells


# ---- names, never user names; labels, never codes


def test_people_are_shown_by_name_on_the_case_page_history_and_job_list(clerk, world, secretariat):
    from cppcc.models import Job

    secretariat.first_name = "刘秘书"
    secretariat.save()
    world.proposer.user.username = "wangfang2026"
    world.proposer.user.first_name = "王芳"
    world.proposer.user.save()
    case = world.accepted(title="关于发展茶叶产业的提案")
    html = clerk.get(reverse("proposal_admin:inspect", args=[case.pk])).content.decode()
    assert "王芳" in html and "wangfang2026" not in html  # "创建人 王芳", not the user name
    html = clerk.get(reverse("proposal_admin:history", args=[case.pk])).content.decode()
    assert "王芳" in html and "wangfang2026" not in html
    Job.objects.create(kind="x", title="年度汇总", requester=secretariat)
    html = clerk.get(reverse("cppcc_job_list")).content.decode()
    assert "刘秘书" in html and secretariat.username not in html


def test_history_diffs_show_choice_labels_and_names_not_codes(clerk, world):
    case = world.accepted(title="关于发展茶叶产业的提案")
    html = clerk.get(reverse("proposal_admin:history", args=[case.pk])).content.decode()
    assert t("Accepted as a case") in html and t("Submitted, awaiting review") in html
    for code in (">accepted<", ">submitted<", "→ accepted", "→ submitted"):
        assert code not in html, code
    assert str(world.session) in html  # a related record by its name, not its id
    assert str(world.category) in html


def test_activity_timeline_and_audit_show_labels_not_codes(client, committee, secretariat):
    from consultations.models import ActivityEvent
    from cppcc.models import AuditAction
    from tests.consultations.conftest import World as ActivityWorld

    from consultations import services as activity_services

    aw = ActivityWorld(committee, secretariat)
    activity = aw.activity(kind="counterpart")
    activity_services.invite(activity=activity, actor=secretariat, members=[aw.teacher])
    client.force_login(secretariat)
    html = client.get(reverse("activities_admin:inspect", args=[activity.pk])).content.decode()
    assert activity.kind.name in html
    assert "→ counterpart" not in html and "→ unmarked" not in html and "→ invited" not in html
    details = list(AuditEvent.objects.filter(action=AuditAction.WORKFLOW).values_list("detail", flat=True))
    assert details and not any("-> " in d or ": counterpart" in d or ": unmarked" in d for d in details)
    assert ActivityEvent.objects.filter(activity=activity).exists()


def test_assignment_list_offers_remind_on_overdue_rows_to_the_secretariat(client, world, role_user):
    case, (assignment,) = world.assigned()
    fresh, (other,) = world.assigned(title="未逾期的提案", units=[(world.unit2, "single")])
    overdue(world, assignment)
    url = reverse("assignments:remind", args=[assignment.pk])
    client.force_login(world.secretariat)
    html = listed(client, "/admin/assignments/")
    assert url in html and reverse("assignments:remind", args=[other.pk]) not in html
    assert "---------" not in html
    services.assignment_remind(assignment=assignment, actor=world.secretariat)
    assert url not in listed(client, "/admin/assignments/")  # reminded today
    client.force_login(role_user(Role.CHAIR))
    assert "assignments/remind/" not in listed(client, "/admin/assignments/")
