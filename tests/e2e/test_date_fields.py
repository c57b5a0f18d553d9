"""Every date and datetime field of the portal and the admin keeps its value in Chromium (issue #11).

The browser's own date input (<input type="date">, cppcc.forms.DateInput) drops a value that is not
ISO: the unit's promised date was rendered as 2027/06/30, shown empty, and wiped by the next save.
Wagtail's date pickers (AdminDateInput) failed on the admin action forms that did not load the form's
media (`initDateTimeChooser is not defined`). One case per field: the page is opened, the date is set,
the form is saved, the stored value is checked, and the page is opened again to see the value there
(forms that edit a record are then saved again untouched, and the value must survive that too). Any
script error on the way fails the case.
"""

import datetime
import re
from dataclasses import dataclass, field
from typing import Callable

import pytest
from django.utils import timezone

from consultations import services as consultation_services
from consultations.models import ActivityKind
from cppcc.models import CalendarDay
from members.models import Body, Member, Session, Term, TermMembership
from members.models.roles import Role
from proposals import services
from proposals.models import Reply
from tests import factories
from tests.e2e.helpers import log_in
from tests.proposals.conftest import PDF, World

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TODAY = datetime.date.today()
FAR = datetime.date(TODAY.year + 1, 6, 30)  # a 30th: 2027/06/30 was the reported value
WAGTAIL_SAVE = "form#w-editor-form button[type=submit]"
PROPOSAL_ACTION = "button.proposal-action-submit"
ACTIVITY_ACTION = "button.consultation-action-submit"


def _iso(day) -> str:
    return day.isoformat()


def _minutes(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


@dataclass
class Form:
    """One form with date fields: who opens it, how, what else it needs, and where its values are read back."""

    name: str
    dates: dict  # field name -> value typed (ISO date, or "YYYY-MM-DD HH:MM" for a datetime)
    path: Callable  # (world, objects) -> the form's path
    stored: Callable  # (objects, field name) -> the stored value, as typed
    setup: Callable = lambda world: {}  # -> objects the case needs
    fill: Callable = lambda page, world, objects: None  # the form's other required fields
    submit: str = "main form [type=submit]"
    reopen: Callable | None = None  # (objects) -> where the value shows again; None: the form's own path
    resave: bool = False  # an edit form: save again untouched, the value must stay
    user: Callable = lambda world, objects: world.secretariat
    get: bool = False  # a filter (GET) form: the value comes back in the URL and the field
    extra: dict = field(default_factory=dict)


# ---- the objects each form needs


def _assigned(world):
    _p, (a,) = world.assigned()
    services.assignment_sign(assignment=a, actor=world.liaison)
    return {"assignment": a}


def _sent(world):
    objects = _assigned(world)
    objects["reply"] = world.sent_reply(objects["assignment"], code="A")
    return objects


def _activity(world):
    kind = ActivityKind.objects.filter(committee=world.committee, active=True).order_by("pk").first()
    day = TODAY + datetime.timedelta(days=10)
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    activity = consultation_services.activity_create(
        actor=world.secretariat, committee=world.committee, kind=kind, topic="关于规范民办教育的对口协商",
        starts_at=start, ends_at=start + datetime.timedelta(hours=3), place="县政协三楼会议室",
    )
    return {"activity": activity}


def _calendar_day(world):
    day = CalendarDay.objects.create(date=datetime.date(TODAY.year + 1, 10, 8), is_workday=False, name="国庆节")
    return {"day": day}


def _reload(obj):
    return type(obj).objects.get(pk=obj.pk)


# ---- how the other fields are filled


def _reply_fields(page, world, objects):
    page.locator('textarea[name="text"]').fill("经研究，答复如下：……")
    page.locator('input[name="contact_person"]').fill("陈科长")
    page.locator('input[name="contact_phone"]').fill("0915-1234567")
    page.locator('input[name="methods"][value="phone"]').check()
    page.locator(f'input[name="result_code"][value="{world.code("B").pk}"]').check()


def _paper_reply_fields(page, world, objects):
    page.locator('textarea[name="text"]').fill("经研究，答复如下：……")
    page.select_option('select[name="result_code"]', str(world.code("B").pk))
    page.locator('input[name="methods"][value="phone"]').check()
    page.locator('input[name="contact_person"]').fill("陈科长")
    page.locator('input[name="contact_phone"]').fill("0915-1234567")
    page.locator('input[name="signer_name"]').fill("张局长")
    page.locator('input[name="document_number"]').fill("教函〔2026〕3号")
    page.locator('input[name="sealed_scan"]').set_input_files({"name": "答复函.pdf", "mimeType": "application/pdf", "buffer": PDF})


def _correct_code_fields(page, world, objects):
    page.select_option('select[name="new_code"]', str(world.code("B").pk))
    page.locator('textarea[name="reason"]').fill("原代码填错")


def _paper_proposal_fields(page, world, objects):
    page.select_option('select[name="session"]', str(world.session.pk))
    page.select_option('select[name="proposer"]', str(world.proposer.pk))
    page.locator('input[name="title"]').fill("关于加快我县茶叶产业发展的提案")
    page.select_option('select[name="category"]', str(world.category.pk))
    page.locator('textarea[name="situation"]').fill("茶叶产业规模小。")
    page.locator('textarea[name="suggestions"]').fill("一是扶持龙头企业。")
    page.locator('input[name="scan"]').set_input_files({"name": "提案.pdf", "mimeType": "application/pdf", "buffer": PDF})


def _activity_fields(page, world, objects):
    kind = ActivityKind.objects.filter(committee=world.committee, active=True).order_by("pk").first()
    page.select_option('select[name="kind"]', str(kind.pk))
    page.locator('input[name="topic"]').fill("关于规范民办教育的对口协商（日期）")


def _new_activity(objects):
    from consultations.models import Activity

    return Activity.objects.get(topic="关于规范民办教育的对口协商（日期）")


def _new_sitting(objects):
    return objects["activity"].sittings.order_by("-pk").first()


START = datetime.datetime.combine(TODAY + datetime.timedelta(days=20), datetime.time(9, 30))
END = START + datetime.timedelta(hours=2, minutes=30)
START_S, END_S = START.strftime("%Y-%m-%d %H:%M"), END.strftime("%Y-%m-%d %H:%M")


FORMS = [
    # The portal: the unit's reply (its promised date, the field of the report), the duty record's cut-off.
    Form(
        "unit reply", {"follow_up_due": _iso(FAR)}, setup=_assigned,
        path=lambda w, o: f"/portal/unit/{o['assignment'].pk}/reply/",
        user=lambda w, o: w.liaison, fill=_reply_fields, submit='button[name="action"][value="save"]',
        stored=lambda o, f: _iso(Reply.objects.get(assignment=o["assignment"]).follow_up_due), resave=True,
    ),
    Form(
        "portal duty record", {"as_of": _iso(TODAY - datetime.timedelta(days=3))}, get=True,
        path=lambda w, o: "/portal/duty/", user=lambda w, o: w.proposer.user, stored=None,
    ),
    # Admin action forms (Wagtail's date pickers).
    Form(
        "extension", {"new_due": _iso(TODAY + datetime.timedelta(days=120))}, setup=_assigned,  # within the cap
        path=lambda w, o: f"/admin/assignments/extend/{o['assignment'].pk}/",
        fill=lambda page, w, o: page.locator('textarea[name="reason"]').fill("需要跨部门调研"),
        stored=lambda o, f: _iso(_reload(o["assignment"]).due_date),
        reopen=lambda o: f"/admin/assignments/extend/{o['assignment'].pk}/", extra={"reopen_empty": True},
        submit=PROPOSAL_ACTION,
    ),
    Form(
        "paper reply on behalf", {"follow_up_due": _iso(FAR)}, setup=_assigned,
        path=lambda w, o: f"/admin/assignments/paper-reply/{o['assignment'].pk}/", fill=_paper_reply_fields, submit=PROPOSAL_ACTION,
        stored=lambda o, f: _iso(Reply.objects.get(assignment=o["assignment"]).follow_up_due), reopen=False,
    ),
    Form(
        "result code correction", {"follow_up_due": _iso(FAR)}, setup=_sent,
        path=lambda w, o: f"/admin/replies/correct-code/{o['reply'].pk}/", fill=_correct_code_fields, submit=PROPOSAL_ACTION,
        stored=lambda o, f: _iso(_reload(o["reply"]).follow_up_due), reopen=False,
    ),
    Form(
        "paper proposal", {"received_on": _iso(TODAY - datetime.timedelta(days=2))},
        path=lambda w, o: "/admin/proposals/new/", fill=_paper_proposal_fields, submit=PROPOSAL_ACTION,
        stored=lambda o, f: _paper_received_on(), reopen=False,
    ),
    Form(
        "new activity", {"starts_at": START_S, "ends_at": END_S}, path=lambda w, o: "/admin/activities/new/",
        fill=_activity_fields, submit=ACTIVITY_ACTION,
        stored=lambda o, f: _minutes(getattr(_new_activity(o).sittings.get(), f)), reopen=False,
    ),
    Form(
        "new sitting", {"starts_at": START_S, "ends_at": END_S}, setup=_activity,
        path=lambda w, o: f"/admin/activities/sitting/{o['activity'].pk}/", submit=ACTIVITY_ACTION,
        stored=lambda o, f: _minutes(getattr(_new_sitting(o), f)), reopen=False,
    ),
    Form(
        "leader's instruction", {"given_on": _iso(TODAY - datetime.timedelta(days=1))}, setup=_activity,
        path=lambda w, o: f"/admin/activities/instruction/{o['activity'].pk}/", submit=ACTIVITY_ACTION,
        fill=lambda page, w, o: (page.locator('input[name="leader"]').fill("县长"),
                                 page.locator('textarea[name="text"]').fill("请相关部门研究落实。")),
        stored=lambda o, f: _iso(o["activity"].instructions.get().given_on), reopen=False,
    ),
    Form(
        "place visited", {"visited_on": _iso(TODAY - datetime.timedelta(days=1))}, setup=_activity,
        path=lambda w, o: f"/admin/activities/place/{o['activity'].pk}/", submit=ACTIVITY_ACTION,
        fill=lambda page, w, o: page.locator('input[name="name"]').fill("城关镇"),
        stored=lambda o, f: _iso(o["activity"].places.get().visited_on), reopen=False,
    ),
    # Admin filters with a cut-off date.
    Form(
        "proposal dashboard", {"as_of": _iso(TODAY - datetime.timedelta(days=3))}, get=True,
        path=lambda w, o: "/admin/proposals/dashboard/", stored=None,
    ),
    Form(
        "statistics dashboard", {"as_of": _iso(TODAY - datetime.timedelta(days=3))}, get=True,
        path=lambda w, o: "/admin/reports/dashboard/", stored=None,
    ),
    Form(
        "member's duty record (admin)", {"as_of": _iso(TODAY - datetime.timedelta(days=3))}, get=True,
        path=lambda w, o: f"/admin/members/{w.proposer.pk}/duty/", stored=None,
    ),
    # Wagtail's edit forms of the organisation and people.
    Form(
        "term", {"start_date": "2022-01-06", "end_date": "2027-01-05"}, path=lambda w, o: f"/admin/terms/edit/{w.term.pk}/",
        stored=lambda o, f: _iso(getattr(Term.objects.get(number=10), f)), submit=WAGTAIL_SAVE, resave=True,
    ),
    Form(
        "session",
        {"plenary_start": _iso(FAR), "plenary_end": _iso(FAR + datetime.timedelta(days=3)),
         "filing_opens": _iso(TODAY - datetime.timedelta(days=5)), "filing_deadline": _iso(FAR - datetime.timedelta(days=2))},
        path=lambda w, o: f"/admin/sessions/edit/{w.session.pk}/",
        stored=lambda o, f: _iso(getattr(Session.objects.get(number=1), f)), submit=WAGTAIL_SAVE, resave=True,
    ),
    Form(
        "handling unit", {"valid_from": "2020-03-31", "valid_to": _iso(FAR)}, path=lambda w, o: f"/admin/bodies/edit/{w.unit.pk}/",
        stored=lambda o, f: _iso(getattr(Body.objects.get(name="县教育局"), f)), submit=WAGTAIL_SAVE, resave=True,
    ),
    Form(
        "member", {"birth_date": "1968-11-30"}, path=lambda w, o: f"/admin/members/edit/{w.proposer.pk}/",
        stored=lambda o, f: _iso(Member.objects.get(name="王芳").birth_date), submit=WAGTAIL_SAVE, resave=True,
    ),
    Form(
        "term membership", {"start_date": "2022-01-31", "end_date": "2026-12-31"},
        setup=lambda w: {"membership": TermMembership.objects.get(member=w.proposer)},
        path=lambda w, o: f"/admin/memberships/edit/{o['membership'].pk}/",
        stored=lambda o, f: _iso(getattr(_reload(o["membership"]), f)), submit=WAGTAIL_SAVE, resave=True,
    ),
    Form(
        "working-day calendar", {"date": _iso(datetime.date(TODAY.year + 1, 10, 30))}, setup=_calendar_day,
        path=lambda w, o: f"/admin/calendar/edit/{o['day'].pk}/",
        stored=lambda o, f: _iso(_reload(o["day"]).date), submit=WAGTAIL_SAVE, resave=True,
    ),
]


def _paper_received_on():
    from proposals.models import ProposalEvent

    event = ProposalEvent.objects.filter(action="submit", on_behalf=True).get()
    return event.data["received_on"]


CASES = [pytest.param(form, name, id=f"{form.name}: {name}") for form in FORMS for name in form.dates]


def _set(page, name, value):
    box = page.locator(f'[name="{name}"]')
    box.fill(value)
    box.evaluate("e => e.blur()")  # leaves the field: a picker that rewrites the value would do it now
    page.keyboard.press("Escape")  # and closes over nothing (Tab would open the next field's picker)


def _submit(page, selector):
    """Press the form's button directly: a date picker left open over it (the last date field's, which may
    still be opening when a check for it runs) is no input of ours and would take a real click."""
    page.locator(selector).first.evaluate("b => b.click()")


@pytest.mark.parametrize("form,name", CASES)
def test_a_date_is_set_saved_and_still_there_when_the_page_is_opened_again(live_server, browser, form, name):
    committee = factories.committee("政协紫阳县委员会")
    world = World(committee, factories.user_with_role(Role.SECRETARIAT, committee))
    objects = form.setup(world)
    path = form.path(world, objects)
    context, page = log_in(browser, live_server, form.user(world, objects), path)
    failures = []
    page.on("pageerror", lambda error: failures.append(str(error)))
    try:
        value = form.dates[name]
        assert page.locator(f'[name="{name}"]').count() == 1, f"{name} is not on {path}"
        box_id = page.locator(f'[name="{name}"]').get_attribute("id")
        marker = page.locator(f'[data-cppcc-for="{box_id}"]')
        if marker.count():  # Wagtail's picker: cppcc/static/cppcc/admin-widgets.js started it
            page.wait_for_load_state("networkidle")
            assert marker.get_attribute("data-cppcc-started") == "1", f"the date picker of {name} did not start"
        else:  # otherwise the browser's own date input, which needs ISO values
            assert page.locator(f'[name="{name}"]').get_attribute("type") == "date", f"{name}: neither picker"
        for other, other_value in form.dates.items():
            _set(page, other, other_value)
        form.fill(page, world, objects)
        with page.expect_navigation():
            if form.get:
                page.locator(f'[name="{name}"]').press("Enter")
            else:
                _submit(page, form.submit)
        page.wait_for_load_state("networkidle")
        errors = page.locator(".error-message, .form-errors, .help-critical")
        assert not errors.count(), [errors.nth(i).inner_text() for i in range(errors.count())]
        if form.get:  # a filter: the page comes back with the value in the address and in the field
            assert f"{name}={value}" in page.url
            assert page.locator(f'[name="{name}"]').input_value() == value, (page.url, page.locator(f'[name="{name}"]').evaluate("e => e.outerHTML"))
        else:
            assert form.stored(objects, name) == value
        reopen = form.path(world, objects) if form.reopen is None else (form.reopen(objects) if form.reopen else None)
        if form.get:
            reopen = None  # the filtered page was the re-opening
        if reopen and not form.extra.get("reopen_empty"):
            page.goto(f"{live_server.url}{reopen}")
            page.wait_for_load_state("networkidle")
            assert page.locator(f'[name="{name}"]').input_value() == value  # shown, so a re-save keeps it
            if form.resave:
                with page.expect_navigation():
                    _submit(page, form.submit)
                page.wait_for_load_state("networkidle")
                assert form.stored(objects, name) == value
        elif reopen:  # the extension form asks for the next date: it shows the current one in the page
            page.goto(f"{live_server.url}{reopen}")
            assert value in page.content()
        assert failures == [], failures
    finally:
        context.close()
