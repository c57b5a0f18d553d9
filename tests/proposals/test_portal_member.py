"""The member portal (/portal/proposals/): filing, co-signing, the proposal page, evaluation, the list."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cppcc.models import Message
from members.models.roles import Role
from proposals import selectors, services
from proposals.models import Assignment, Evaluation, Proposal, Signer
from tests import factories
from tests.proposals.conftest import pdf

NEW = reverse("proposals:member_new")
LIST = reverse("proposals:member_list")


def url(name, obj):
    return reverse(f"proposals:member_{name}", args=[obj.pk])


def login(client, user):
    client.force_login(user)
    return client


def form_data(world, **overrides):
    data = {
        "session": world.session.pk, "kind": "plenary", "title": "关于加快我县茶叶产业发展的提案",
        "category": world.category.pk, "situation": "茶叶产业规模小，品牌弱。", "suggestions": "一是扶持龙头企业。",
        "contact_phone": "13800000000", "suggested_units": [world.unit.pk],
    }
    data.update(overrides)
    return data


def texts(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


# ---- the whole joint filing, through the pages


def test_draft_invite_confirm_and_submit_gives_the_receipt_number(client, world):
    login(client, world.proposer.user)
    response = client.post(NEW, form_data(world))
    p = Proposal.objects.get()
    assert response.status_code == 302 and response["Location"] == p.get_absolute_url()
    assert p.status == "draft" and p.signers.get().member == world.proposer
    assert list(p.suggested_units.all()) == [world.unit]

    # Invite: search by name, tick, post.
    found = client.get(url("cosigners", p), {"q": "李"})
    assert world.cosigner.member_number in found.content.decode()
    client.post(url("cosigners", p), {"members": [world.cosigner.pk]})
    invitation = p.signers.get(member=world.cosigner)
    assert invitation.status == Signer.State.INVITED

    # Blocked until the co-signer answers (the default setting).
    response = client.post(url("submit", p), follow=True)
    assert any("李明" in m for m in texts(response))
    assert Proposal.objects.get(pk=p.pk).status == "draft"

    # The co-signer, in their own session, sees the invitation on top of the list and confirms it.
    other = login(type(client)(), world.cosigner.user)
    listing = other.get(LIST)
    assert [s.pk for s in listing.context["invitations"]] == [invitation.pk]
    other.post(url("invitation", invitation), {"answer": "confirm"})
    assert Signer.objects.get(pk=invitation.pk).status == Signer.State.CONFIRMED

    response = client.post(url("submit", p), follow=True)
    p.refresh_from_db()
    assert p.status == "submitted" and p.receipt_number and p.proposer_type == "joint"
    page = response.content.decode()
    assert p.receipt_number in page and 'id="receipt-number"' in page


def test_a_draft_can_be_edited_and_the_session_window_is_checked(client, world):
    p = world.draft()
    login(client, world.proposer.user)
    assert client.get(url("edit", p)).status_code == 200
    client.post(url("edit", p), form_data(world, title="新标题", suggested_units=[]))
    p.refresh_from_db()
    assert p.title == "新标题" and not p.suggested_units.exists()


def test_the_length_cap_is_shown_and_enforced(client, world):
    world.settings.body_max_chars = 100
    world.settings.save()
    login(client, world.proposer.user)
    page = client.get(NEW)
    assert page.context["body_max_chars"] == 100 and 'data-max="100"' in page.content.decode()
    response = client.post(NEW, form_data(world, situation="情" * 80, suggestions="议" * 30))
    assert response.status_code == 200 and not Proposal.objects.exists()
    assert "100" in " ".join(response.context["form"].errors["suggestions"])


def test_a_collective_account_files_for_its_organisation(client, world):
    account = world.collective_account()
    login(client, account)
    page = client.get(NEW)
    choices = dict(page.context["form"].fields["organisation"].choices)
    assert choices == {f"party:{world.party.pk}": str(world.party)}  # no "in my own name": not a member
    client.post(NEW, form_data(world, organisation=f"party:{world.party.pk}"))
    p = Proposal.objects.get()
    assert p.party == world.party and p.proposer_type == "party" and not p.signers.exists()
    assert [x.pk for x in client.get(LIST).context["proposals"]] == [p.pk]
    client.post(url("submit", p))
    p.refresh_from_db()
    assert p.status == "submitted"
    assert client.get(url("detail", p)).status_code == 200
    assert client.get(url("cosigners", p)).status_code == 302  # a collective proposal has no co-signers


def test_search_tells_members_with_the_same_name_apart(client, world):
    twin = world.member("李明")
    type(twin).objects.filter(pk=twin.pk).update(work_unit="县第二中学")
    p = world.draft()
    login(client, world.proposer.user)
    response = client.get(url("cosigners", p), {"q": "李明"})
    found = response.context["candidates"]
    assert {m.pk for m in found} == {world.cosigner.pk, twin.pk}
    page = response.content.decode()
    assert world.cosigner.member_number in page and twin.member_number in page and "县第二中学" in page
    # By member number too.
    assert [m.pk for m in client.get(url("cosigners", p), {"q": twin.member_number}).context["candidates"]] == [twin.pk]


def test_decline_and_uninvite(client, world):
    p = world.draft()
    services.proposal_invite_cosigners(proposal=p, actor=world.proposer.user, members=[world.cosigner, world.cosigner2])
    first, second = p.signers.get(member=world.cosigner), p.signers.get(member=world.cosigner2)
    other = login(type(client)(), world.cosigner.user)
    assert other.get(url("invitation", first)).status_code == 200
    other.post(url("invitation", first), {"answer": "decline", "reason": "不熟悉此领域"})
    assert Signer.objects.get(pk=first.pk).status == Signer.State.DECLINED
    assert other.get(url("detail", p)).status_code == 404  # no longer part of it
    # Only the invited member answers an invitation.
    assert other.get(url("invitation", second)).status_code == 404
    login(client, world.proposer.user)
    assert client.get(url("uninvite", second)).status_code == 200
    client.post(url("uninvite", second))
    assert Signer.objects.get(pk=second.pk).status == Signer.State.LAPSED
    assert "赵强" in client.get(url("cosigners", p)).content.decode()  # the status stays visible


def test_withdraw_needs_a_reason(client, world):
    p = world.submitted()
    login(client, world.proposer.user)
    response = client.post(url("withdraw", p), {"reason": ""})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    client.post(url("withdraw", p), {"reason": "情况已变化"})
    p.refresh_from_db()
    assert p.status == "withdrawn"
    assert "情况已变化" in client.get(url("detail", p)).content.decode()


def test_returned_for_revision_is_edited_and_resubmitted(client, world):
    p = world.submitted()
    receipt = p.receipt_number
    services.proposal_return_for_revision(proposal=p, actor=world.reviewer, reason="请补充数据")
    login(client, world.proposer.user)
    page = client.get(url("detail", p)).content.decode()
    assert "请补充数据" in page and url("edit", p) in page
    edit = client.get(url("edit", p))
    assert edit.context["form"].fields["session"].disabled  # the receipt number is per session
    client.post(url("edit", p), form_data(world, situation="补充了数据。"))
    client.post(url("submit", p))
    p.refresh_from_db()
    assert p.status == "submitted" and p.situation == "补充了数据。" and p.receipt_number == receipt


# ---- who sees what


def test_a_stranger_gets_404_on_the_proposal_and_its_files(client, world):
    p, (a,) = world.assigned(joint=True)
    reply = world.sent_reply(a, letter=pdf("答复函.pdf"))
    stranger = world.member("孙丽")
    login(client, stranger.user)
    for name in ("detail", "edit", "submit", "withdraw", "cosigners"):
        assert client.get(url(name, p)).status_code == 404, name
    assert client.get(reverse("proposals:member_evaluate", args=[reply.pk])).status_code == 404
    assert client.get(reverse("file_download", args=[reply.letter.pk])).status_code == 404
    # The proposer reads the letter from the page's link.
    login(client, world.proposer.user)
    page = client.get(url("detail", p)).content.decode()
    link = reverse("file_download", args=[reply.letter.pk])
    assert link in page and client.get(link).status_code == 200


def test_a_cosigner_views_but_does_not_edit(client, world):
    p = world.submitted(joint=True)
    login(client, world.cosigner.user)
    page = client.get(url("detail", p))
    assert page.status_code == 200 and not page.context["is_proposer"]
    assert url("withdraw", p) not in page.content.decode()
    for name in ("edit", "submit", "withdraw", "cosigners"):
        assert client.get(url(name, p)).status_code == 403, name
    assert [x.pk for x in client.get(LIST).context["proposals"]] == [p.pk]


def test_people_who_file_nothing_are_refused_or_sent_to_the_admin(client, world):
    assert login(client, world.liaison).get(LIST).status_code == 403
    response = login(client, world.secretariat).get(LIST)
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_the_page_shows_sent_replies_only_and_no_unit_contact_data(client, world):
    type(world.unit).objects.filter(pk=world.unit.pk).update(contact_person="内部联系人", phone="0915-9999999")
    p, (a, b) = world.assigned(units=[(world.unit, "split"), (world.unit2, "split")])
    world.sent_reply(a, text="已解决，答复如下。")
    world.reply_draft(b, text="草稿内容不应显示")
    login(client, world.proposer.user)
    page = client.get(url("detail", p)).content.decode()
    assert "已解决，答复如下。" in page and "草稿内容不应显示" not in page
    assert "县教育局" in page and "县财政局" in page
    assert "内部联系人" not in page and "0915-9999999" not in page
    assert "所提问题已解决或采纳" in page and p.case_number in page


# ---- evaluation


def test_the_first_proposer_evaluates_and_not_satisfied_opens_re_handling(client, world):
    p, (a,) = world.assigned(joint=True)
    reply = world.sent_reply(a)
    # The co-signer is not asked (default: the first proposer evaluates).
    cosigner = login(type(client)(), world.cosigner.user)
    assert cosigner.get(url("detail", p)).context["replies"][0].form is None
    assert cosigner.post(url("evaluate", reply), {"overall": "satisfied"}).status_code == 403

    login(client, world.proposer.user)
    assert client.get(url("detail", p)).context["replies"][0].form is not None
    response = client.post(url("evaluate", reply), {"overall": "unsatisfied", "comment": "未回应第二条建议"}, follow=True)
    evaluation = Evaluation.objects.get()
    assert evaluation.overall == "unsatisfied" and evaluation.evaluator == world.proposer
    second = Assignment.objects.get(proposal=p, round=2)
    assert second.unit == world.unit
    assert any(second.due_date.isoformat() in m for m in texts(response))
    page = response.content.decode()
    assert "未回应第二条建议" in page
    assert response.context["replies"][0].my_state.state == "rated"
    # A second evaluation of the same reply is refused with a message, not an error page.
    again = client.post(url("evaluate", reply), {"overall": "satisfied"})
    assert again.status_code == 200 and again.context["form"].errors
    assert Evaluation.objects.count() == 1


def test_after_the_deadline_the_reply_shows_no_response(client, world):
    p, (a,) = world.assigned()
    reply = world.sent_reply(a)
    type(reply).objects.filter(pk=reply.pk).update(sent_at=timezone.now() - datetime.timedelta(days=world.settings.evaluation_days + 2))
    login(client, world.proposer.user)
    page = client.get(url("detail", p))
    assert page.context["replies"][0].my_state.state == "no_response"
    assert "未表态" in page.content.decode()
    client.post(url("evaluate", reply), {"overall": "satisfied"})
    assert not Evaluation.objects.exists()


def test_process_and_result_are_rated_separately_when_the_settings_say_so(client, world):
    world.settings.rate_separately = True
    world.settings.save()
    p, (a,) = world.assigned()
    reply = world.sent_reply(a)
    login(client, world.proposer.user)
    form = client.get(url("evaluate", reply)).context["form"]
    assert {"process", "result"} <= set(form.fields)
    client.post(url("evaluate", reply), {"process": "satisfied", "result": "basic"})
    e = Evaluation.objects.get()
    assert (e.overall, e.process, e.result) == ("basic", "satisfied", "basic")


def test_an_inbox_message_about_a_reply_opens_the_proposal_page(client, world, django_capture_on_commit_callbacks):
    p, (a,) = world.assigned()
    with django_capture_on_commit_callbacks(execute=True):
        reply = world.sent_reply(a)
    message = Message.objects.get(recipient=world.proposer.user, kind=Message.Kind.EVALUATION_REQUESTED)
    login(client, world.proposer.user)
    response = client.get(reverse("inbox:detail", args=[message.pk]), {"go": "1"})
    assert response["Location"] == f"{p.get_absolute_url()}#reply-{reply.pk}"


# ---- the list


def test_the_list_filters_by_session_and_status(client, world):
    submitted = world.submitted()
    draft = world.draft(title="草稿")
    later = world.make_session(number=2)
    between = world.draft(session=later, kind="between", title="平时")
    login(client, world.proposer.user)
    ids = lambda response: [p.pk for p in response.context["proposals"]]  # noqa: E731
    assert set(ids(client.get(LIST))) == {submitted.pk, draft.pk, between.pk}
    assert set(ids(client.get(LIST, {"session": world.session.pk}))) == {submitted.pk, draft.pk}
    assert ids(client.get(LIST, {"status": "submitted"})) == [submitted.pk]
    assert ids(client.get(LIST, {"session": later.pk, "status": "draft"})) == [between.pk]


def _grow(world, n):
    for i in range(n):
        if i % 3:
            world.draft(title=f"提案{i}")
        else:
            world.submitted(joint=True, title=f"联名{i}")
    inviter = world.member(f"邀请人{n}")
    draft = world.draft(proposer=inviter, title="邀请")
    services.proposal_invite_cosigners(proposal=draft, actor=inviter.user, members=[world.proposer])


def _count(client, path):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def test_the_list_takes_the_same_queries_for_5_and_30_proposals(client, world):
    login(client, world.proposer.user)
    _grow(world, 5)
    small, response = _count(client, LIST)
    assert len(response.context["proposals"]) == 5 and len(response.context["invitations"]) == 1
    _grow(world, 25)
    large, response = _count(client, LIST)
    assert len(response.context["proposals"]) == 30 and len(response.context["invitations"]) == 2
    assert large == small, f"{small} queries for 5 proposals, {large} for 30"


# ---- pieces


def test_the_timeline_reads_events_and_actors_in_one_query(world, django_assert_num_queries):
    p, (a,) = world.assigned(joint=True)
    world.sent_reply(a)
    with django_assert_num_queries(1):
        events = selectors.timeline(p)
        names = [(e.action, e.actor and e.actor.get_username(), e.assignment and e.assignment.unit.name) for e in events]
    actions = [n[0] for n in names]
    assert actions[:2] == ["create", "invite_cosigners"] and "sign_and_send" in actions and "draft_reply" in actions
    mine = [e.action for e in selectors.timeline(p, for_proposer=True)]
    assert "draft_reply" not in mine and "submit_for_signature" not in mine and "sign_and_send" in mine
    accepted = next(e for e in events if e.action == "accept")
    assert str(accepted.to_label) and accepted.data["case_number"] == p.case_number


def test_get_absolute_url_is_the_portal_page(world):
    p = world.draft()
    assert p.get_absolute_url() == f"/portal/proposals/{p.pk}/"


def test_a_member_without_a_term_membership_gets_a_form_error_not_a_crash(client, world):
    user = factories.user_with_role(Role.MEMBER, world.committee)  # a member row, no membership of the term
    login(client, user)
    response = client.post(NEW, form_data(world))
    assert response.status_code == 200 and response.context["form"].errors


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_pages_render_in_both_languages(client, world, lang):
    p, (a,) = world.assigned(joint=True)
    world.sent_reply(a)
    login(client, world.proposer.user)
    client.cookies["django_language"] = lang
    for path in (LIST, NEW, url("detail", p)):
        assert client.get(path).status_code == 200
