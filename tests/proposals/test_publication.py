"""Publication (公开): the services, the admin buttons and views, and the public pages an anonymous visitor reads."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from cppcc.models import HomePage
from members.models.roles import Role
from proposals import services
from proposals.errors import TransitionError
from proposals.models import ProposalEvent, ProposalIndexPage, Publication
from proposals.public import ensure_public_pages
from tests import factories

pytestmark = pytest.mark.django_db

TEA = "关于加快我县茶叶产业发展的提案"
REPLY_TEXT = "经研究，我局将设立茶园改造专项资金，三年内完成低产茶园提质。"
PROPOSER_PHONE = "13812345678"
REPLY_PHONE = "0915-7654321"


@pytest.fixture
def index():
    return ensure_public_pages()


@pytest.fixture
def case(world):
    """A consented tea case assigned to one unit, with a sent reply (its contact phone and person set)."""
    p, (assignment,) = world.assigned(title=TEA, publish_consent=True, contact_phone=PROPOSER_PHONE)
    world.sent_reply(assignment, text=REPLY_TEXT, contact_person="陈科长", contact_phone=REPLY_PHONE)
    p.refresh_from_db()
    return p


def case_url(index, proposal):
    return index.url + index.reverse_subpage("case", args=[proposal.pk])


# ---- the services


def test_secretariat_publishes_a_consented_case_with_an_event_and_a_history_reason(world, case):
    publication = services.proposal_publish(proposal=case, actor=world.secretariat, reason="公共利益事项")
    assert publication.withdrawn_at is None and publication.include_replies and publication.published_by == world.secretariat
    event = ProposalEvent.objects.get(proposal=case, action="publish")
    assert (event.from_status, event.to_status, event.actor, event.reason) == ("accepted", "accepted", world.secretariat, "公共利益事项")
    assert event.data == {"include_replies": True}
    record = publication.history.get()
    assert record.history_change_reason.endswith("公共利益事项") and record.history_user == world.secretariat


def test_consent_is_required(world):
    p = world.accepted(title=TEA, publish_consent=False)
    with translation.override("en"), pytest.raises(TransitionError, match="agreed"):
        services.proposal_publish(proposal=p, actor=world.secretariat)
    assert not Publication.objects.exists() and not ProposalEvent.objects.filter(action="publish").exists()


def test_only_an_accepted_case_is_published(world):
    p = world.submitted(title=TEA, publish_consent=True)
    with pytest.raises(TransitionError):
        services.proposal_publish(proposal=p, actor=world.secretariat)
    assert not Publication.objects.exists()


@pytest.mark.parametrize("who", ["reviewer", "administrator", "member", "other_secretariat"])
def test_only_the_committee_s_secretariat_publishes(world, case, administrator, who):
    actor = {
        "reviewer": world.reviewer, "administrator": administrator, "member": world.proposer.user,
        "other_secretariat": factories.user_with_role(Role.SECRETARIAT, factories.committee()),
    }[who]
    with pytest.raises(PermissionDenied):
        services.proposal_publish(proposal=case, actor=actor)
    services.proposal_publish(proposal=case, actor=world.secretariat)
    with pytest.raises(PermissionDenied):
        services.proposal_unpublish(proposal=case, actor=actor, reason="x")
    assert Publication.objects.get().withdrawn_at is None


def test_published_once_then_taken_down_with_a_reason_then_again(world, case):
    services.proposal_publish(proposal=case, actor=world.secretariat)
    with translation.override("en"), pytest.raises(TransitionError, match="already"):
        services.proposal_publish(proposal=case, actor=world.secretariat)
    with pytest.raises(ValidationError):
        services.proposal_unpublish(proposal=case, actor=world.secretariat, reason="  ")
    taken = services.proposal_unpublish(proposal=case, actor=world.secretariat, reason="承办单位要求更正")
    assert taken.withdrawn_at is not None and taken.withdrawn_by == world.secretariat and taken.reason == "承办单位要求更正"
    assert ProposalEvent.objects.get(proposal=case, action="unpublish").reason == "承办单位要求更正"
    with pytest.raises(TransitionError):
        services.proposal_unpublish(proposal=case, actor=world.secretariat, reason="again")
    services.proposal_publish(proposal=case, actor=world.secretariat, include_replies=False)
    assert Publication.objects.filter(proposal=case).count() == 2
    assert Publication.objects.get(proposal=case, withdrawn_at__isnull=True).include_replies is False


# ---- the public pages


def test_anonymous_visitor_reads_a_published_case_with_its_reply(client, world, case, index):
    services.proposal_publish(proposal=case, actor=world.secretariat)
    response = client.get(case_url(index, case))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (TEA, case.case_number, "十届一次", "经济", "王芳", "茶叶产业规模小，品牌弱。", "一是扶持龙头企业",
                 "县教育局", REPLY_TEXT, "教函〔2026〕1号"):
        assert text in html, text
    # Never: contact phones and persons, files, evaluations, internal notes.
    for secret in (PROPOSER_PHONE, REPLY_PHONE, "陈科长", "答复函.pdf", "/files/", "局长县教育局", case.receipt_number):
        assert secret not in html, secret


def test_public_page_leaves_out_unsent_replies_and_unconfirmed_signers(client, world, index):
    p, (a1, a2) = world.assigned(title=TEA, publish_consent=True, joint=True,
                                 units=[(world.unit, "split"), (world.unit2, "split")])
    world.sent_reply(a1, text="已发出的答复。")
    world.reply_draft(a2, text="尚未签发的草稿答复。")
    services.proposal_publish(proposal=p, actor=world.secretariat)
    html = client.get(case_url(index, p)).content.decode()
    assert "已发出的答复。" in html and "尚未签发的草稿答复。" not in html
    assert "王芳" in html and "李明" in html  # the first proposer and the confirmed co-signer
    assert "县教育局" in html and "县财政局" in html


def test_replies_stay_private_when_published_without_them(client, world, case, index):
    services.proposal_publish(proposal=case, actor=world.secretariat, include_replies=False)
    html = client.get(case_url(index, case)).content.decode()
    assert TEA in html and REPLY_TEXT not in html
    # …and a word of the reply does not find the case either.
    assert TEA not in client.get(index.url + "?q=茶园改造").content.decode()


def test_404_for_unpublished_taken_down_and_missing_cases(client, world, case, index):
    other = world.accepted(title="关于改善农村饮水安全的提案", publish_consent=True)
    assert client.get(case_url(index, other)).status_code == 404  # never published
    draft = world.draft(title="草稿提案", publish_consent=True)
    assert client.get(case_url(index, draft)).status_code == 404
    services.proposal_publish(proposal=case, actor=world.secretariat)
    assert client.get(case_url(index, case)).status_code == 200
    services.proposal_unpublish(proposal=case, actor=world.secretariat, reason="撤下")
    assert client.get(case_url(index, case)).status_code == 404  # taken down
    assert client.get(index.url + "case/999999/").status_code == 404
    assert TEA not in client.get(index.url).content.decode()


def test_public_search_finds_a_case_by_a_word_of_its_reply(client, world, case, index):
    services.proposal_publish(proposal=case, actor=world.secretariat)
    hidden = world.accepted(title="关于改善农村饮水安全的提案", situation="饮水工程老化。", suggestions="加大投入。")
    h_assignment, = services.assignment_create(proposal=hidden, actor=world.secretariat, units=[(world.unit2, "single")])
    world.sent_reply(h_assignment, text="将实施茶园改造以外的饮水项目。")  # unpublished: never found
    html = client.get(index.url + "?q=茶园改造").content.decode()
    assert TEA in html and "关于改善农村饮水安全的提案" not in html
    assert "1 件" in html or "1 published case" in html
    html = client.get(index.url + "?q=不存在的词").content.decode()
    assert TEA not in html and 'class="muted no-results"' in html


def test_public_filters_by_session_category_and_unit(client, world, case, index):
    services.proposal_publish(proposal=case, actor=world.secretariat)
    later = world.make_session(number=2)
    social = world.category.__class__.objects.get(committee=world.committee, name="社会")
    p2, _ = world.assigned(title="关于建设社区养老服务中心的提案", session=later, category=social, publish_consent=True,
                           units=[(world.unit3, "single")], situation="老龄人口增多。", suggestions="建设养老服务中心。")
    services.proposal_publish(proposal=p2, actor=world.secretariat)

    def titles(query):
        html = client.get(index.url + query).content.decode()
        return {t for t in (TEA, p2.title) if t in html}

    assert titles("") == {TEA, p2.title}
    assert titles(f"?session={later.pk}") == {p2.title}
    assert titles(f"?category={world.category.pk}") == {TEA}
    assert titles(f"?unit={world.unit.pk}") == {TEA}
    assert titles(f"?unit={world.unit3.pk}&q=养老") == {p2.title}
    assert titles(f"?unit={world.unit3.pk}&q=茶叶") == set()
    # A unit with no published case is not a choice; a bad value is ignored rather than an error.
    html = client.get(index.url).content.decode()
    assert "县卫健局" in html and "县财政局" not in html
    assert client.get(index.url + "?unit=abc").status_code == 200


def test_public_list_query_count_is_the_same_for_10_and_30_cases(client, world, index):
    def publish(n):
        for i in range(n):
            p, (a,) = world.assigned(title=f"关于茶叶产业第{i}项建议的提案", publish_consent=True, joint=i % 2 == 0)
            services.proposal_publish(proposal=p, actor=world.secretariat)

    def count(query=""):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(index.url + query)
        assert response.status_code == 200
        return len(ctx.captured_queries), response.content.decode()

    publish(10)
    count()  # warm the per-process caches (content types, the site's root paths)
    small, html = count()
    assert html.count('class="case"') == 10
    small_search, _ = count("?q=茶叶")
    publish(20)  # 30: a full page of 20 and a next one
    large, html = count()
    assert html.count('class="case"') == 20 and 'rel="next"' in html
    large_search, _ = count("?q=茶叶")
    assert (large, large_search) == (small, small_search)


def test_public_pages_in_english(client, world, case, index):
    services.proposal_publish(proposal=case, actor=world.secretariat)
    client.cookies["django_language"] = "en"
    html = client.get(case_url(index, case)).content.decode()
    assert "Replies of the handling units" in html and REPLY_TEXT in html
    assert 'lang="en"' in html


def test_ensure_public_pages_is_idempotent_and_linked_from_home(client, index):
    assert ensure_public_pages().pk == index.pk and ProposalIndexPage.objects.count() == 1
    assert index.get_parent().specific_class is HomePage and index.slug == "proposals" and index.title == "提案公开"
    assert index.live
    assert f'href="{index.url}"' in client.get("/").content.decode()


# ---- the admin buttons and views


def _buttons(client, proposal):
    html = client.get(reverse("proposal_admin:inspect", args=[proposal.pk])).content.decode()
    return {key for key in ("publish", "unpublish") if f'data-action="{key}"' in html}


def test_admin_publish_and_take_down_buttons_and_views(client, world, case, index):
    client.force_login(world.reviewer)
    assert _buttons(client, case) == set()
    client.force_login(world.secretariat)
    assert _buttons(client, case) == {"publish"}
    url = reverse("proposal_admin:publish", args=[case.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"include_replies": "on", "reason": "公共利益"})
    assert response.status_code == 302 and response["Location"] == reverse("proposal_admin:inspect", args=[case.pk])
    assert Publication.objects.get(proposal=case).include_replies is True
    assert _buttons(client, case) == {"unpublish"}
    assert client.get(case_url(index, case)).status_code == 200

    unpublish = reverse("proposal_admin:unpublish", args=[case.pk])
    response = client.post(unpublish, {"reason": ""})
    assert response.status_code == 200 and Publication.objects.get(proposal=case).withdrawn_at is None  # reason needed
    response = client.post(unpublish, {"reason": "内容需要更正"})
    assert response.status_code == 302 and Publication.objects.get(proposal=case).withdrawn_at is not None
    assert client.get(case_url(index, case)).status_code == 404
    assert _buttons(client, case) == {"publish"}


def test_admin_no_publish_button_without_consent_and_the_url_refuses(client, world):
    p = world.accepted(title=TEA, publish_consent=False)
    client.force_login(world.secretariat)
    assert _buttons(client, p) == set()
    response = client.post(reverse("proposal_admin:publish", args=[p.pk]), {"include_replies": "on"})
    assert response.status_code == 302 and not Publication.objects.exists()
    client.force_login(world.reviewer)
    response = client.get(reverse("proposal_admin:publish", args=[p.pk]))
    assert response.status_code == 302 and not Publication.objects.exists()


def test_admin_list_has_a_published_column_and_filter(client, world, case):
    other = world.accepted(title="关于改善农村饮水安全的提案")
    services.proposal_publish(proposal=case, actor=world.secretariat)
    client.force_login(world.secretariat)

    def titles(query):
        html = client.get(reverse("proposal_admin:index_results") + query).content.decode()
        return {t for t in (TEA, other.title) if t in html}

    assert titles("?published=true") == {TEA}
    assert titles("?published=false") == {other.title}
    assert titles("?show=all") == {TEA, other.title}  # the bare list opens on what awaits the office


def test_the_public_list_is_in_the_site_menu(client, index):
    html = client.get("/").content.decode()
    nav = html[html.index("<nav"):html.index("</nav>")]
    assert index.title in nav and index.url in nav


def test_a_committee_page_lists_only_that_committees_cases(client, world, case, other_committee, index):
    from tests.proposals.conftest import World

    services.proposal_publish(proposal=case, actor=world.secretariat)
    other = World(other_committee, factories.user_with_role(Role.SECRETARIAT, other_committee))
    p, (a,) = other.assigned(title="外县茶叶提案", publish_consent=True)
    services.proposal_publish(proposal=p, actor=other.secretariat)
    everyone = client.get(index.url, {"q": "茶叶"}).content.decode()
    assert TEA in everyone and "外县茶叶提案" in everyone  # no committee set: the deployment's cases
    index.committee = world.committee
    index.save_revision().publish()
    mine = client.get(index.url, {"q": "茶叶"}).content.decode()
    assert TEA in mine and "外县茶叶提案" not in mine
    assert client.get(case_url(index, p)).status_code == 404
    assert client.get(case_url(index, case)).status_code == 200
