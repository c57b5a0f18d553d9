"""The secretariat's and the proposal committee's admin screens (proposals/admin/).

Every state is reached through the services (tests/proposals/conftest.py World); the admin views are
driven through the test client exactly as a clerk's browser would post them.
"""

import datetime
import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from members.models.roles import Role
from proposals import services
from proposals.admin import panels
from proposals.models import (
    Assignment, Category, CodeCorrection, Evaluation, OpinionReport, Proposal, ProposalEvent, RejectReason, Reply,
    Signer,
)
from proposals.workflow import AssignmentStatus, ReplyStatus, Status
from tests import factories
from tests.proposals.conftest import World, pdf

pytestmark = pytest.mark.django_db

REVIEW_BUTTONS = {"review_stage", "accept", "merge", "convert_opinion", "convert_social", "convert_letter", "reject",
                  "return_for_revision"}


def inspect_url(proposal):
    return reverse("proposal_admin:inspect", args=[proposal.pk])


def buttons(client, proposal) -> set:
    response = client.get(inspect_url(proposal))
    assert response.status_code == 200
    html = response.content.decode()
    section = html.split('class="proposal-buttons"', 1)[1].split("</section>", 1)[0]
    return set(re.findall(r'data-action="([^"]+)"', section))


def all_buttons(client, proposal) -> set:
    html = client.get(inspect_url(proposal)).content.decode()
    return set(re.findall(r'data-action="([^"]+)"', html))


def refused(response) -> bool:
    """Wagtail refuses inside the admin with a redirect to the dashboard."""
    return response.status_code == 302 and response["Location"].rstrip("/").endswith("/admin")


def formset(rows):
    data = {"units-TOTAL_FORMS": "4", "units-INITIAL_FORMS": "0", "units-MIN_NUM_FORMS": "0", "units-MAX_NUM_FORMS": "20"}
    for i, (unit, role) in enumerate(rows):
        data[f"units-{i}-unit"] = str(unit.pk)
        data[f"units-{i}-role"] = role
    return data


def paper_form(world, **overrides):
    data = {
        "session": world.session.pk, "kind": "plenary", "proposer_kind": "member", "proposer": world.proposer.pk,
        "cosigners": [world.cosigner.pk], "title": "关于改善县城停车难问题的提案", "category": world.category.pk,
        "situation": "县城停车位不足。", "suggestions": "建设立体停车场。", "scan": pdf("纸质提案.pdf"),
    }
    data.update(overrides)
    return data


def other_world():
    """Another committee with its own people, built the same way."""
    committee = factories.committee("政协别的县委员会")
    return World(committee, factories.user_with_role(Role.SECRETARIAT, committee))


@pytest.fixture
def clerk(client, secretariat):
    client.force_login(secretariat)
    return client


# ---- the listing


def test_listing_shows_the_columns_and_only_this_committees_filed_proposals(clerk, world):
    p = world.submitted(joint=True, title="关于加快我县茶叶产业发展的提案")
    case = world.accepted(title="关于改善农村饮水安全的提案")
    world.draft(title="尚未提交的草稿")
    other = other_world()
    other_proposal = services.proposal_submit(
        proposal=other.draft(title="别的委员会的提案"), actor=other.proposer.user)

    html = clerk.get("/admin/proposals/?show=all").content.decode()
    for text in (p.title, p.receipt_number, case.case_number, "王芳", "经济", "已提交，待审查"):
        assert text in html, text
    assert other_proposal.title not in html
    assert "尚未提交的草稿" not in html  # a member's own draft never appears (the office's paper drafts do)
    assert p.submitted_at.astimezone(timezone.get_default_timezone()).strftime("%Y-%m-%d") in html

    clerk.force_login(world.reviewer)
    html = clerk.get("/admin/proposals/?show=all").content.decode()
    assert p.title in html and "尚未提交的草稿" not in html  # a member's unfiled draft is not the committee's yet


def test_listing_offers_paper_recording_and_batches_by_role(client, world, secretariat, administrator, role_user):
    world.submitted()
    client.force_login(secretariat)
    html = client.get("/admin/proposals/?show=all").content.decode()
    assert reverse("proposal_admin:add") in html and reverse("proposal_admin:number_batch") in html
    assert 'form="proposal-batch"' in html and 'id="proposal-batch"' in html
    assert reverse("proposal_admin:bulk_assign") in html and reverse("proposal_admin:batch") in html
    client.force_login(world.reviewer)  # reviews in batches, records nothing
    html = client.get("/admin/proposals/?show=all").content.decode()
    assert 'form="proposal-batch"' in html and reverse("proposal_admin:batch") in html
    assert reverse("proposal_admin:add") not in html and reverse("proposal_admin:number_batch") not in html
    assert reverse("proposal_admin:bulk_assign") not in html
    for reader in (role_user(Role.CHAIR), administrator):  # reads only (the superuser is not the secretariat)
        client.force_login(reader)
        html = client.get("/admin/proposals/?show=all").content.decode()
        assert 'form="proposal-batch"' in html and reverse("proposal_admin:print_selected") in html  # prints only
        assert reverse("proposal_admin:batch") not in html and reverse("proposal_admin:bulk_assign") not in html
        assert reverse("proposal_admin:add") not in html
        assert 'href="None"' not in html


def test_listing_filters_and_search(clerk, world):
    tea = world.submitted(title="关于加快我县茶叶产业发展的提案")
    water = world.accepted(title="关于改善农村饮水安全的提案", proposer=world.cosigner)
    between = world.submitted(title="关于平时提案的测试", kind="between")
    later = world.make_session(number=2)
    other_session = world.submitted(title="第二次会议的提案", session=later)

    def titles(query):
        html = clerk.get("/admin/proposals/results/" + query).content.decode()
        return {t for t in (tea.title, water.title, between.title, other_session.title) if t in html}

    assert titles("?status=accepted") == {water.title}
    assert titles(f"?session={later.pk}") == {other_session.title}
    assert titles("?kind=between") == {between.title}
    social = Category.objects.get(committee=world.committee, name="社会")
    assert titles(f"?category={social.pk}") == set()
    assert titles("?proposer_type=individual") == {tea.title, water.title, between.title, other_session.title}
    assert titles("?proposer_type=party") == set()
    # Chinese search: a word from the middle of the title, and a proposer's name.
    assert titles("?q=产业发展") == {tea.title}
    assert titles("?q=饮水") == {water.title}
    assert titles("?q=李明") == {water.title}


def test_listing_filters_by_proposer_type_for_collective_proposals(clerk, world):
    account = world.collective_account()
    draft = services.proposal_create_draft(
        actor=account, session=world.session, organisation=world.party, title="关于民盟集体提案的测试",
        category=world.category, situation="情况分析", suggestions="具体建议",
    )
    services.proposal_submit(proposal=draft, actor=account)
    world.submitted(title="委员个人的提案")
    html = clerk.get("/admin/proposals/results/?proposer_type=party").content.decode()
    assert "关于民盟集体提案的测试" in html and "委员个人的提案" not in html
    assert "民盟" in html  # the organisation stands in the proposer column


def test_export_writes_beijing_time_in_xlsx_and_csv(clerk, world):
    p = world.submitted(title="=HYPERLINK(\"http://x\")")
    world.draft(title="没有类别的草稿", category=None)  # an empty cell, not an error
    # 00:30 UTC is 08:30 in Beijing (test data placed at a known moment).
    Proposal.objects.filter(pk=p.pk).update(submitted_at=datetime.datetime(2026, 1, 1, 0, 30, tzinfo=datetime.timezone.utc))
    response = clerk.get("/admin/proposals/?show=all&export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    with translation.override("zh-hans"):
        assert rows[0][:3] == [str(Proposal._meta.get_field(f).verbose_name) for f in ("receipt_number", "case_number", "title")]
    cells = [c for row in rows[1:] for c in row]
    assert datetime.datetime(2026, 1, 1, 8, 30) in cells
    assert datetime.datetime(2026, 1, 1, 0, 30) not in cells
    assert "=HYPERLINK(\"http://x\")" in cells  # typed text (quotePrefix), not a formula: tests/cppcc/test_exports.py
    assert not any(isinstance(c, str) and c.startswith("'") for c in cells)

    csv_text = b"".join(clerk.get("/admin/proposals/?show=all&export=csv").streaming_content).decode()
    assert "2026-01-01 08:30:00" in csv_text and "王芳" in csv_text


def _grow(world, n):
    for i in range(n):
        if i % 3 == 0:
            world.accepted(title=f"提案{i}")
        else:
            world.submitted(joint=i % 3 == 1, title=f"提案{i}")


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/admin/proposals/", "/admin/proposals/?export=xlsx", "/admin/assignments/", "/admin/replies/"])
def test_listing_query_count_is_the_same_at_10_and_60(clerk, world, url):
    def grow(n):
        _grow(world, n)
        for p in Proposal.objects.filter(status=Status.ACCEPTED, assignments__isnull=True):
            a = services.assignment_create(proposal=p, actor=world.secretariat, units=[(world.unit, "single")])[0]
            world.sent_reply(a)

    grow(10)
    _queries(clerk, url)  # warms the process's caches (the first admin page of a process reads more)
    small = _queries(clerk, url)
    grow(50)  # 60: more than the 50 a page shows, so a per-row query would show 50 times over
    assert Proposal.objects.count() == 60
    large = _queries(clerk, url)
    assert large == small, f"{url}: {small} queries at 10 proposals, {large} at 60"


# ---- the proposal's page: buttons per state and role


def test_buttons_follow_the_transition_table_and_the_role(client, world, secretariat, role_user):
    submitted = world.submitted()
    chair, admin = role_user(Role.CHAIR), role_user(Role.ADMIN)

    client.force_login(world.reviewer)
    assert buttons(client, submitted) == REVIEW_BUTTONS  # no assignment, numbering or on-behalf steps
    client.force_login(secretariat)
    assert buttons(client, submitted) == REVIEW_BUTTONS | {"withdraw"}
    for viewer in (chair, admin):  # readers; the auditor reads only the audit log (三员分立)
        client.force_login(viewer)
        assert buttons(client, submitted) == set()

    case = world.accepted(assign_number=False)
    client.force_login(secretariat)
    assert buttons(client, case) == {"number", "assign"}
    client.force_login(world.reviewer)
    assert buttons(client, case) == set()
    assert refused(client.get(reverse("proposal_admin:assign", args=[case.pk])))
    client.force_login(chair)
    assert refused(client.get(reverse("proposal_admin:accept", args=[submitted.pk])))

    numbered = world.accepted()
    client.force_login(secretariat)
    assert buttons(client, numbered) == {"assign"}
    _p, (assignment,) = world.assigned()
    assert {"extend", "reply_on_behalf"} <= all_buttons(client, assignment.proposal)
    client.force_login(world.reviewer)
    assert not {"extend", "reply_on_behalf", "assign"} & all_buttons(client, assignment.proposal)

    rejected = world.submitted()
    services.proposal_reject(proposal=rejected, actor=world.reviewer, reject_reason=world.reject_reason())
    client.force_login(secretariat)
    assert buttons(client, rejected) == set()
    response = client.get(reverse("proposal_admin:accept", args=[rejected.pk]))
    assert response.status_code == 302 and response["Location"] == inspect_url(rejected)  # right person, wrong moment


def test_other_committees_proposal_is_not_found(clerk, world):
    other = other_world()
    other_p = services.proposal_submit(proposal=other.draft(), actor=other.proposer.user)
    assert clerk.get(inspect_url(other_p)).status_code == 404
    assert clerk.get(reverse("proposal_admin:accept", args=[other_p.pk])).status_code == 404


def test_detail_page_shows_signers_units_replies_evaluations_and_timeline(clerk, world):
    p, (lead, co) = world.assigned(units=[(world.unit, "lead"), (world.unit2, "co")], joint=False)
    reply = world.sent_reply(lead)
    services.evaluation_submit(reply=reply, actor=world.proposer.user, overall="satisfied", comment="很满意")
    Proposal.objects.filter(pk=p.pk).update(submitted_at=datetime.datetime(2026, 1, 1, 0, 30, tzinfo=datetime.timezone.utc))
    html = clerk.get(inspect_url(p)).content.decode()
    for text in ("王芳", "县教育局", "县财政局", "主办", "会办", "教函〔2026〕1号", "很满意", p.case_number):
        assert text in html, text
    assert "2026-01-01 08:30" in html  # Beijing time, not UTC
    assert html.count("<tr") > 5  # signers, evaluations and events tables


# ---- each action view, posted


def test_review_stage_accept_and_number(clerk, world):
    p = world.submitted()
    response = clerk.post(reverse("proposal_admin:review_stage", args=[p.pk]), {"stage": "first", "opinion": "符合立案条件"})
    assert response.status_code == 302 and response["Location"] == inspect_url(p)
    p.refresh_from_db()
    assert p.status == Status.UNDER_REVIEW

    clerk.post(reverse("proposal_admin:accept", args=[p.pk]), {"assign_number": "on", "reason": ""})
    p.refresh_from_db()
    assert p.status == Status.ACCEPTED and p.case_number

    later = world.submitted()
    clerk.post(reverse("proposal_admin:accept", args=[later.pk]), {"reason": "立案"})  # box unticked: number later
    later.refresh_from_db()
    assert later.status == Status.ACCEPTED and later.case_seq is None
    clerk.post(reverse("proposal_admin:number", args=[later.pk]), {})
    later.refresh_from_db()
    assert later.case_seq == p.case_seq + 1


def test_number_batch_numbers_the_sessions_waiting_cases(clerk, world):
    first, second = world.accepted(assign_number=False), world.accepted(assign_number=False)
    assert clerk.get(reverse("proposal_admin:number_batch")).status_code == 200
    response = clerk.post(reverse("proposal_admin:number_batch"), {"session": world.session.pk})
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.case_seq, second.case_seq) == (1, 2)


def test_merge_convert_reject_return_and_withdraw(clerk, world):
    case = world.accepted()
    merged, social, letter, rejected, returned, withdrawn = (world.submitted() for _ in range(6))
    clerk.post(reverse("proposal_admin:merge", args=[merged.pk]), {"into": case.pk, "reason": "同一事项"})
    clerk.post(reverse("proposal_admin:convert", args=[social.pk]), {"to": "social", "reason": "宜作社情民意"})
    clerk.post(reverse("proposal_admin:convert", args=[letter.pk]) + "?to=letter", {"to": "letter"})
    reason = world.reject_reason()
    clerk.post(reverse("proposal_admin:reject", args=[rejected.pk]), {"reject_reason": reason.pk, "reason": "补充说明"})
    clerk.post(reverse("proposal_admin:return_for_revision", args=[returned.pk]), {"reason": "请补充具体建议"})
    clerk.post(reverse("proposal_admin:withdraw", args=[withdrawn.pk]), {"reason": "提案人书面申请撤案"})
    states = {p.pk: p for p in Proposal.objects.filter(pk__in=[x.pk for x in (merged, social, letter, rejected, returned, withdrawn)])}
    assert states[merged.pk].status == Status.MERGED and states[merged.pk].merged_into_id == case.pk
    assert states[social.pk].status == Status.CONVERTED_SOCIAL and OpinionReport.objects.filter(source_proposal=social).exists()
    assert states[letter.pk].status == Status.CONVERTED_LETTER
    assert states[rejected.pk].status == Status.REJECTED and states[rejected.pk].reject_reason == reason
    assert states[returned.pk].status == Status.RETURNED
    assert states[withdrawn.pk].status == Status.WITHDRAWN
    event = ProposalEvent.objects.get(proposal=withdrawn, action="withdraw")
    assert event.on_behalf and event.on_behalf_of == world.proposer
    for p in states.values():  # an outcome is final; a returned proposal may still be withdrawn
        assert buttons(clerk, p) == ({"withdraw"} if p.status == Status.RETURNED else set()), p.status
    assert inspect_url(case) in clerk.get(inspect_url(merged)).content.decode()  # the link is kept
    assert inspect_url(merged) in clerk.get(inspect_url(case)).content.decode()


def zh(text, **params):
    """A message as the (Chinese) admin shows it, HTML-escaped."""
    from django.utils.html import escape

    with translation.override("zh-hans"):
        message = translation.gettext(text)
    return escape(message % params if params else message)


def test_a_refused_step_is_a_form_error_not_a_500(clerk, world):
    case = world.accepted()
    response = clerk.post(reverse("proposal_admin:assign", args=[case.pk]),
                          formset([(world.unit, "lead"), (world.unit2, "lead")]))
    assert response.status_code == 200
    assert not Assignment.objects.filter(proposal=case).exists()
    assert zh("Assign one single unit, or several split units, or one lead unit with co-handling units.") in response.content.decode()

    merged = world.submitted()
    other_session_case = world.accepted(session=world.make_session(number=2))
    response = clerk.post(reverse("proposal_admin:merge", args=[merged.pk]), {"into": other_session_case.pk})
    assert response.status_code == 200  # not a choice: only accepted cases of the same session are offered
    merged.refresh_from_db()
    assert merged.status == Status.SUBMITTED


def test_cosign_on_behalf_confirms_the_paper_signature(clerk, world):
    draft = world.draft()
    services.proposal_invite_cosigners(proposal=draft, actor=world.proposer.user, members=[world.cosigner])
    assert "confirm_cosign" in buttons(clerk, draft)
    signer = draft.signers.get(member=world.cosigner)
    clerk.post(reverse("proposal_admin:cosign_on_behalf", args=[draft.pk]), {"signer": signer.pk})
    signer.refresh_from_db()
    assert signer.status == Signer.State.CONFIRMED and signer.recorded_on_behalf


def test_assign_extend_and_decide_a_return(clerk, world):
    case = world.accepted()
    response = clerk.post(reverse("proposal_admin:assign", args=[case.pk]),
                          formset([(world.unit, "lead"), (world.unit2, "co")]))
    assert response.status_code == 302
    lead = Assignment.objects.get(proposal=case, unit=world.unit)
    co = Assignment.objects.get(proposal=case, unit=world.unit2)
    assert (lead.role, co.role) == ("lead", "co")

    new_due = lead.due_date + datetime.timedelta(days=30)
    # The action page loads its fields' scripts: Wagtail's date picker needs date-time-chooser.js.
    assert "date-time-chooser.js" in clerk.get(reverse("assignments:extend", args=[lead.pk])).content.decode()
    clerk.post(reverse("assignments:extend", args=[lead.pk]), {"new_due": new_due.isoformat(), "reason": "情况复杂"})
    lead.refresh_from_db()
    assert lead.due_date == new_due and lead.extensions.count() == 1
    response = clerk.post(reverse("assignments:extend", args=[lead.pk]), {"new_due": "2000-01-01", "reason": "x"})
    assert response.status_code == 200
    assert zh("The new due date must be later than %(due)s.", due=new_due.isoformat()) in response.content.decode()

    services.assignment_request_return(assignment=co, actor=world.liaison2, reason="不属于本单位职责")
    assert "decide_return" in all_buttons(clerk, case)
    clerk.post(reverse("assignments:decide_return", args=[co.pk]), {"decision": "accept", "new_unit": world.unit3.pk, "reason": "改交卫健局"})
    co.refresh_from_db()
    assert not co.active and co.status == AssignmentStatus.RETURNED
    replacement = Assignment.objects.get(proposal=case, unit=world.unit3, active=True)
    assert replacement.role == "co" and replacement.previous_id == co.pk

    services.assignment_request_return(assignment=replacement, actor=world.liaison3, reason="也不属于我们")
    clerk.post(reverse("assignments:decide_return", args=[replacement.pk]), {"decision": "refuse", "reason": "属于职责范围"})
    replacement.refresh_from_db()
    assert replacement.active and replacement.status == AssignmentStatus.SIGNED


def test_reply_on_behalf_correct_code_and_evaluation_on_behalf(clerk, world):
    case, (assignment,) = world.assigned()
    response = clerk.post(reverse("assignments:reply_on_behalf", args=[assignment.pk]), {
        "text": "经研究，答复如下：……", "result_code": world.code("B").pk,
        "follow_up_due": (world.today + datetime.timedelta(days=90)).isoformat(), "methods": ["phone", "letter"],
        "contact_person": "陈科长", "contact_phone": "0915-1234567", "signer_name": "张局长",
        "document_number": "教函〔2026〕9号", "sealed_scan": pdf("盖章答复函.pdf"),
    })
    assert response.status_code == 302, response.content.decode()[-2000:]
    reply = Reply.objects.get(assignment=assignment)
    assert reply.status == ReplyStatus.SENT and reply.recorded_on_behalf and reply.sealed_scan_id
    assert ProposalEvent.objects.get(reply=reply, action="send_paper_signed").on_behalf
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.REPLIED

    clerk.post(reverse("replies:correct_code", args=[reply.pk]), {"new_code": world.code("A").pk, "reason": "已解决"})
    reply.refresh_from_db()
    assert reply.result_code.code == "A"
    assert CodeCorrection.objects.get(reply=reply).old_code.code == "B"

    response = clerk.post(reverse("replies:evaluate_on_behalf", args=[reply.pk]), {
        "slot": f"m{world.proposer.pk}", "overall": "basic", "comment": "纸质征询意见表", "scan": pdf("征询意见表.pdf"),
    })
    assert response.status_code == 302
    evaluation = Evaluation.objects.get(reply=reply)
    assert evaluation.recorded_on_behalf and evaluation.scan_id and evaluation.evaluator == world.proposer
    assert "evaluate" not in all_buttons(clerk, case)  # nobody left to rate this reply

    html = clerk.get(inspect_url(case)).content.decode()
    assert "代为录入" in html  # the marks on the reply and the evaluation


# ---- many at once


def test_batch_accept_reports_each_proposal(clerk, world):
    first, second = world.submitted(title="批量一"), world.submitted(title="批量二")
    already = world.accepted(title="已立案的")
    ids = [first.pk, already.pk, second.pk]
    page = clerk.get(reverse("proposal_admin:batch") + "?" + "&".join(f"id={i}" for i in ids))
    assert page.status_code == 200 and "批量一" in page.content.decode()
    response = clerk.post(reverse("proposal_admin:batch"), {"id": ids, "action": "accept", "reason": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="batch-ok"') == 2 and html.count('class="batch-error"') == 1
    assert "予以立案" in html  # the refusal names the action and the state
    statuses = dict(Proposal.objects.filter(pk__in=ids).values_list("pk", "status"))
    assert statuses == {first.pk: Status.ACCEPTED, second.pk: Status.ACCEPTED, already.pk: Status.ACCEPTED}
    assert Proposal.objects.get(pk=first.pk).case_number and Proposal.objects.get(pk=second.pk).case_number


def test_batch_reject_with_one_reason_and_convert(client, world):
    client.force_login(world.reviewer)
    a, b, c = world.submitted(), world.submitted(), world.submitted()
    other = other_world()
    foreign = services.proposal_submit(proposal=other.draft(), actor=other.proposer.user)
    reason = world.reject_reason()
    response = client.post(reverse("proposal_admin:batch"), {"id": [a.pk, b.pk, foreign.pk], "action": "reject",
                                                             "reject_reason": reason.pk, "reason": ""})
    html = response.content.decode()
    assert html.count('class="batch-ok"') == 2 and html.count('class="batch-error"') == 1
    assert set(Proposal.objects.filter(reject_reason=reason).values_list("pk", flat=True)) == {a.pk, b.pk}
    foreign.refresh_from_db()
    assert foreign.status == Status.SUBMITTED
    client.post(reverse("proposal_admin:batch"), {"id": [c.pk], "action": "convert_opinion"})
    c.refresh_from_db()
    assert c.status == Status.CONVERTED_OPINION


def test_batch_is_refused_to_those_who_do_not_review(client, role_user):
    client.force_login(role_user(Role.CHAIR))
    assert refused(client.get(reverse("proposal_admin:batch") + "?id=1"))


# ---- paper recorded on behalf


def test_paper_proposal_on_behalf_with_its_scan_and_co_signers(clerk, world):
    response = clerk.post(reverse("proposal_admin:add"), paper_form(world))
    assert response.status_code == 302, response.content.decode()[-3000:]
    p = Proposal.objects.get(title="关于改善县城停车难问题的提案")
    assert response["Location"] == inspect_url(p)
    assert p.status == Status.SUBMITTED and p.recorded_on_behalf and p.paper_scan.name == "纸质提案.pdf"
    assert p.receipt_number and p.proposer_type == "joint"
    cosigner = p.signers.get(member=world.cosigner)
    assert cosigner.status == Signer.State.CONFIRMED and cosigner.recorded_on_behalf
    assert ProposalEvent.objects.filter(proposal=p, action="submit", on_behalf=True, on_behalf_of=world.proposer).exists()
    html = clerk.get(inspect_url(p)).content.decode()
    assert "代为录入" in html and "纸质提案.pdf" in html


def test_paper_proposal_for_an_organisation(clerk, world):
    response = clerk.post(reverse("proposal_admin:add"), paper_form(
        world, proposer_kind="party", proposer="", cosigners=[], party=world.party.pk, title="民盟的纸质集体提案"))
    assert response.status_code == 302
    p = Proposal.objects.get(title="民盟的纸质集体提案")
    assert p.proposer_type == "party" and p.party == world.party and not p.signers.exists()


def test_paper_proposal_refuses_a_scan_that_is_not_what_it_says(clerk, world):
    fake = SimpleUploadedFile("扫描件.pdf", b"just some text pretending", content_type="application/pdf")
    response = clerk.post(reverse("proposal_admin:add"), paper_form(world, scan=fake))
    assert response.status_code == 200
    assert not Proposal.objects.filter(title="关于改善县城停车难问题的提案").exists()
    assert "PDF" in response.content.decode()  # the message names the accepted types
    response = clerk.post(reverse("proposal_admin:add"), paper_form(world, scan=""))
    assert response.status_code == 200 and not Proposal.objects.exists()


def test_paper_proposal_form_is_the_secretariats(client, world, role_user, administrator):
    for user in (world.reviewer, role_user(Role.CHAIR), administrator):
        client.force_login(user)
        assert refused(client.get(reverse("proposal_admin:add")))


# ---- workflow fields never change through a form; nothing is deleted or copied


@pytest.mark.parametrize("who", ["secretariat", "administrator"])
def test_edit_view_changes_no_workflow_field(client, world, secretariat, administrator, who):
    p = world.submitted()
    before = Proposal.objects.filter(pk=p.pk).values().get()
    client.force_login({"secretariat": secretariat, "administrator": administrator}[who])
    url = reverse("proposal_admin:edit", args=[p.pk])
    response = client.post(url, {
        "status": Status.ACCEPTED, "case_number": "十届一次第9999号", "receipt_number": "伪造", "title": "改过的标题",
        "submitted_at": "2020-01-01 00:00:00", "decided_at": "2020-01-02 00:00:00",
    })
    assert refused(response)
    assert Proposal.objects.filter(pk=p.pk).values().get() == before
    assert refused(client.get(url))


def test_delete_copy_and_bulk_delete_are_refused_even_to_superusers(client, world, administrator):
    from wagtail.admin.views.bulk_action.registry import bulk_action_registry
    from wagtail.snippets.models import get_snippet_models

    assert administrator.is_superuser
    client.force_login(administrator)
    case, (assignment,) = world.assigned()
    reply = world.sent_reply(assignment)
    for name, obj in (("proposal_admin", case), ("assignments", assignment), ("replies", reply),
                      ("proposal_categories", world.category), ("reject_reasons", world.reject_reason()),
                      ("result_codes", world.code("A"))):
        url = reverse(f"{name}:delete", args=[obj.pk])
        assert refused(client.get(url)) and refused(client.post(url)), name
        assert type(obj).objects.filter(pk=obj.pk).exists()
        with pytest.raises(NoReverseMatch):
            reverse(f"{name}:copy", args=[obj.pk])
    # No bulk actions at all: proposals are not snippets, and Wagtail's bulk Delete has no URL for them.
    for model in (Proposal, Assignment, Reply):
        assert model not in get_snippet_models()
        assert not list(bulk_action_registry.get_bulk_actions_for_model("proposals", model._meta.model_name))
    response = client.post(f"/admin/bulk/proposals/proposal/delete/?id={case.pk}")
    assert response.status_code == 404
    assert Proposal.objects.filter(pk=case.pk).exists()
    html = client.get(inspect_url(case)).content.decode()
    assert reverse("proposal_admin:delete", args=[case.pk]) not in html
    assert reverse("proposal_admin:edit", args=[case.pk]) not in html


def test_workflow_records_are_not_added_or_edited_through_forms(clerk, world):
    case, (assignment,) = world.assigned()
    reply = world.sent_reply(assignment)
    for name, obj in (("assignments", assignment), ("replies", reply)):
        assert refused(clerk.get(reverse(f"{name}:add")))
        assert refused(clerk.post(reverse(f"{name}:edit", args=[obj.pk]), {"status": "returned", "due_date": "2000-01-01"}))
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.REPLIED


# ---- the other listings and the rules


def test_assignments_listing_derives_overdue_from_today(clerk, world):
    _case, (late,) = world.assigned()
    _case2, (on_time,) = world.assigned()
    _case3, (replied,) = world.assigned()
    world.sent_reply(replied)
    yesterday = world.today - datetime.timedelta(days=1)
    # Test data placed in the past: assignments made three months ago would be due yesterday.
    Assignment.objects.filter(pk__in=[late.pk, replied.pk]).update(due_date=yesterday)
    html = clerk.get("/admin/assignments/results/?overdue=true").content.decode()
    assert str(late.proposal) in html and str(on_time.proposal) not in html and str(replied.proposal) not in html
    html = clerk.get("/admin/assignments/results/?overdue=false").content.decode()
    assert str(on_time.proposal) in html and str(late.proposal) not in html
    assert str(late.proposal) in clerk.get(f"/admin/assignments/results/?unit={world.unit.pk}&role=single").content.decode()


def test_replies_listing_is_read_only_and_shows_sent_replies(clerk, world):
    _case, (a1,) = world.assigned()
    _case2, (a2,) = world.assigned()
    world.sent_reply(a1)
    world.reply_draft(a2)
    html = clerk.get("/admin/replies/").content.decode()
    assert str(a1.proposal) in html and str(a2.proposal) not in html
    assert "教函〔2026〕1号" in html


def test_rules_are_added_and_retired_not_deleted(clerk, world):
    response = clerk.post(reverse("proposal_categories:add"), {
        "committee": world.committee.pk, "name": "乡村振兴", "national_class": "economy", "order": 9, "active": "on"})
    assert response.status_code == 302
    category = Category.objects.get(name="乡村振兴")
    reason = world.reject_reason()
    clerk.post(reverse("reject_reasons:edit", args=[reason.pk]),
               {"committee": world.committee.pk, "text": reason.text, "order": reason.order})  # "active" unticked
    reason.refresh_from_db()
    assert not reason.active
    rules = world.settings
    response = clerk.post(reverse("proposal_settings:edit", args=[rules.pk]), {
        "committee": world.committee.pk, "body_max_chars": 3000, "cosign_by_filing_deadline": "on",
        "unconfirmed_cosigners": "block", "receipt_number_format": rules.receipt_number_format, "accepted_credit": "all",
        "evaluators": "first", "evaluation_days": 30, "reply_months_plenary": 3, "reply_months_between": 3,
        "max_reply_months": 6, "rehandling_months": 3, "return_window_workdays": 5, "co_opinion_days": 30,
    })
    assert response.status_code == 302, response.content.decode()[-2000:]
    rules.refresh_from_db()
    assert rules.body_max_chars == 3000
    assert category.pk and RejectReason.objects.filter(pk=reason.pk).exists()


# ---- the dashboard


def test_dashboard_panel_counts_match_a_hand_count(clerk, world, secretariat):
    submitted = [world.submitted() for _ in range(3)]
    accepted = [world.accepted() for _ in range(2)]
    rejected = world.submitted()
    services.proposal_reject(proposal=rejected, actor=world.reviewer, reject_reason=world.reject_reason())
    world.draft()  # not received: drafts are not counted
    services.assignment_create(proposal=accepted[0], actor=secretariat, units=[(world.unit, "single")])
    split = services.assignment_create(proposal=accepted[1], actor=secretariat,
                                       units=[(world.unit2, "split"), (world.unit3, "split")])
    world.sent_reply(split[0])
    yesterday = world.today - datetime.timedelta(days=1)
    Assignment.objects.filter(proposal__in=accepted).update(due_date=yesterday)  # all three past due; one replied
    other = other_world()
    other_case = services.proposal_accept(
        proposal=services.proposal_submit(proposal=other.draft(), actor=other.proposer.user), actor=other.reviewer)
    services.assignment_create(proposal=other_case, actor=other.secretariat, units=[(other.unit, "single")])
    Assignment.objects.filter(proposal=other_case).update(due_date=yesterday)

    secretariat.refresh_from_db()
    with CaptureQueriesContext(connection) as ctx:
        (block,) = panels.figures(secretariat)
    assert len(ctx.captured_queries) <= 4  # roles, sessions, one aggregate for the counts, one for overdue
    counts = {row["label"]: row["n"] for row in block["statuses"]}
    assert counts == {Status.SUBMITTED.label: len(submitted), Status.ACCEPTED.label: 2, Status.REJECTED.label: 1}
    assert block["received"] == 6 and block["overdue"] == 2

    html = clerk.get("/admin/").content.decode()
    assert "proposal-figures" in html
    assert f"?session={world.session.pk}&amp;status=submitted" in html
    assert re.search(r'class="proposal-overdue".*?<span class="count">2</span>', html, re.S)


def test_dashboard_panel_is_for_those_who_view_proposals(client, role_user, world):
    client.force_login(role_user(Role.SPECIAL_STAFF))
    assert "proposal-figures" not in client.get("/admin/").content.decode()
    client.force_login(role_user(Role.CHAIR))
    assert "proposal-figures" in client.get("/admin/").content.decode()
