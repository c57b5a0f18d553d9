"""The whole life of a joint proposal in a real Chromium, each person in their own browser and login.

A member files a joint proposal, the co-signer confirms, the secretariat accepts it and assigns it to
a lead and a co-handling unit, the co-handling unit sends its opinion, the lead unit's liaison drafts
the reply with its letter and the leader signs and sends it, the member rates it 不满意 and the case
reopens for re-handling. (The paper proposal recorded on behalf is in test_secretariat_review.py.)
"""

import re

import pytest

from members.models.roles import Role
from proposals.models import Assignment, CoOpinion, Evaluation, Proposal, Reply
from proposals.workflow import ReplyStatus, Status
from tests import factories
from tests.e2e.helpers import SCREENSHOTS, log_in
from tests.proposals.conftest import PDF, World

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_joint_proposal_from_filing_to_re_handling(live_server, browser, tmp_path):
    committee = factories.committee("政协紫阳县委员会")
    clerk = factories.user_with_role(Role.SECRETARIAT, committee, username="story-clerk")
    world = World(committee, clerk)
    phone = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
    contexts = []

    def person(user, path, **args):
        context, page = log_in(browser, live_server, user, path, **args)
        contexts.append(context)
        return page

    try:
        # 1. The member drafts, invites the co-signer; the co-signer confirms; the member submits.
        member = person(world.proposer.user, "/portal/proposals/", **phone)
        member.goto(f"{live_server.url}/portal/proposals/new/")
        member.select_option('select[name="session"]', str(world.session.pk))
        member.check('input[name="kind"][value="plenary"]')
        member.fill('input[name="title"]', "关于加快我县茶叶产业发展的提案")
        member.select_option('select[name="category"]', str(world.category.pk))
        member.fill('textarea[name="situation"]', "我县茶叶产业规模小、品牌弱，加工能力不足。")
        member.fill('textarea[name="suggestions"]', "一是扶持龙头企业；二是打造区域公用品牌。")
        member.locator('form.card button[type="submit"]').click()
        member.wait_for_url(re.compile(r"/portal/proposals/\d+/$"))
        proposal = Proposal.objects.get()
        member.goto(f"{live_server.url}/portal/proposals/{proposal.pk}/cosigners/")
        member.fill('input[name="q"]', world.cosigner.name)
        member.locator('form[role="search"] button[type="submit"]').click()
        member.check(f'input[name="members"][value="{world.cosigner.pk}"]')
        member.locator('form:has(input[name="members"]) button[type="submit"]').click()
        member.wait_for_url(re.compile(r"/cosigners/$"))

        cosigner = person(world.cosigner.user, f"/portal/proposals/{proposal.pk}/", **phone)
        cosigner.locator('button[name="answer"][value="confirm"]').first.click()
        cosigner.wait_for_url(re.compile(rf"/portal/proposals/{proposal.pk}/$"))

        member.goto(f"{live_server.url}/portal/proposals/{proposal.pk}/submit/")
        member.locator('form.actions button[type="submit"]').click()
        member.wait_for_url(re.compile(rf"/portal/proposals/{proposal.pk}/$"))
        proposal.refresh_from_db()
        assert proposal.status == Status.SUBMITTED and proposal.receipt_number

        # 2. The secretariat accepts it and assigns a lead and a co-handling unit.
        office = person(clerk, "/admin/", viewport={"width": 1280, "height": 900})
        office.goto(f"{live_server.url}/admin/proposals/inspect/{proposal.pk}/")
        office.locator('a[data-action="accept"]').click()
        office.locator("button.proposal-action-submit").click()
        office.wait_for_url(re.compile(rf"/admin/proposals/inspect/{proposal.pk}/$"))
        office.locator('a[data-action="assign"]').click()
        office.locator('select[name="units-0-unit"]').select_option(label=world.unit.name)
        office.locator('select[name="units-0-role"]').select_option(value="lead")
        office.locator('select[name="units-1-unit"]').select_option(label=world.unit2.name)
        office.locator('select[name="units-1-role"]').select_option(value="co")
        office.locator("button.proposal-action-submit").click()
        office.wait_for_url(re.compile(rf"/admin/proposals/inspect/{proposal.pk}/$"))
        proposal.refresh_from_db()
        assert proposal.status == Status.ACCEPTED and proposal.case_number
        lead = Assignment.objects.get(proposal=proposal, role="lead")
        co = Assignment.objects.get(proposal=proposal, role="co")

        # 3. The co-handling unit signs for it and sends its opinion to the lead unit.
        co_unit = person(world.liaison2, f"/portal/unit/{co.pk}/", **phone)
        co_unit.locator('button[data-action="sign"]').click()
        co_unit.wait_for_selector('[data-status="signed"]')
        co_unit.locator('form:has(button[data-action="send_co_opinion"]) textarea').first.fill("建议将茶叶产业纳入县财政专项扶持。")
        co_unit.locator('button[data-action="send_co_opinion"]').click()
        co_unit.wait_for_url(re.compile(rf"/portal/unit/{co.pk}/$"))
        assert CoOpinion.objects.get(assignment=co).text == "建议将茶叶产业纳入县财政专项扶持。"

        # 4. The lead unit's liaison drafts the reply with the letter; the leader signs and sends it.
        liaison = person(world.liaison, f"/portal/unit/{lead.pk}/", **phone)
        liaison.locator('button[data-action="sign"]').click()
        liaison.wait_for_selector('[data-status="signed"]')
        liaison.locator('a[data-action="draft_reply"]').click()
        liaison.locator('textarea[name="text"]').fill("王芳委员：您的提案收悉。经研究，答复如下：……")
        liaison.locator('input[name="contact_person"]').fill("陈科长")
        liaison.locator('input[name="contact_phone"]').fill("0915-1234567")
        liaison.locator('input[name="methods"][value="phone"]').check()
        liaison.locator(f'input[name="result_code"][value="{world.code("C").pk}"]').check()
        liaison.locator('input[name="letter"]').set_input_files({"name": "答复函.pdf", "mimeType": "application/pdf", "buffer": PDF})
        liaison.locator('button[name="action"][value="submit"]').click()
        liaison.wait_for_selector("#reply-draft .badge--awaiting_signature")

        leader = person(world.leader, f"/portal/unit/{lead.pk}/", **phone)
        leader.locator('input[name="document_number"]').fill("教函〔2026〕12号")
        leader.locator('button[data-action="sign_and_send"]').click()
        leader.wait_for_selector("#reply .badge--sent")
        reply = Reply.objects.get(assignment=lead, status=ReplyStatus.SENT)
        assert reply.letter.name == "答复函.pdf" and reply.signed_by == world.leader

        # 5. The member reads the reply and rates it 不满意: the case reopens for re-handling.
        member.goto(f"{live_server.url}/portal/proposals/{proposal.pk}/")
        assert "答复如下" in member.content()
        member.check('input[name="overall"][value="unsatisfied"]')
        member.fill('textarea[name="comment"]', "答复未回应具体建议。")
        member.locator('form:has(input[name="overall"]) button[type="submit"]').click()
        member.wait_for_url(re.compile(rf"/portal/proposals/{proposal.pk}/"))
        evaluation = Evaluation.objects.get(reply=reply)
        assert evaluation.overall == "unsatisfied"
        second_round = Assignment.objects.filter(proposal=proposal, round=2, active=True)
        assert second_round.filter(unit=world.unit).exists()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        member.screenshot(path=str(SCREENSHOTS / "proposal-story-rehandling.png"), full_page=True)
    finally:
        for context in contexts:
            context.close()
