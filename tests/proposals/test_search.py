"""Chinese search (proposals.search): a word from the middle of a sentence is found in the admin list,
the drafting hint and the public pages; the hint shows only proposals the member may read.

Every search here is icontains on plain columns, so the same tests hold on SQLite and PostgreSQL.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models.roles import Role
from proposals import permissions, search, services
from proposals.models import Proposal
from proposals.public import ensure_public_pages
from tests import factories

pytestmark = pytest.mark.django_db

TEA = "关于加快我县茶叶产业发展的提案"
WATER = "关于改善农村饮水安全的提案"


# ---- the rule


def test_keywords_drop_stopwords_and_single_characters():
    assert search.keywords(TEA) == ["茶叶", "产业"]
    assert search.keywords("关于进一步加强农村饮水安全工作的建议") == ["农村", "饮水", "安全"]
    assert search.keywords("") == [] and search.keywords("的") == []


def test_parts_split_on_any_whitespace_once_each():
    assert search.parts("  茶叶\u3000产业 茶叶 ") == ["茶叶", "产业"]
    assert search.parts("") == []


def _titles(qs):
    return set(qs.values_list("title", flat=True))


def test_search_box_finds_a_word_mid_sentence_and_ands_the_parts(world):
    tea = world.submitted(title=TEA)
    water = world.submitted(title=WATER, situation="农村饮水工程老化。", suggestions="加大投入。")
    base = Proposal.objects.all()

    def find(query):
        return _titles(search.admin_search(base, query))

    assert find("茶叶") == {tea.title}
    assert find("产业发展") == {tea.title}
    assert find("龙头企业") == {tea.title}  # in the suggestions
    assert find("工程老化") == {water.title}  # in the situation
    assert find("茶叶 品牌") == {tea.title}  # both words (title and body)
    assert find("茶叶 饮水") == set()  # AND: no proposal has both
    assert find("王芳") == {tea.title, water.title}  # the first proposer of both
    assert find(tea.receipt_number) == {tea.title}
    # A pasted phrase that is not written as such is found by its keywords.
    assert find("关于茶叶产业的建议") == {tea.title}
    assert find("") == {tea.title, water.title}


# ---- (a) the admin list


def test_admin_list_search_covers_title_body_numbers_and_names(client, world):
    tea = world.accepted(title=TEA, suggestions="一是扶持龙头企业；二是打造区域品牌。")
    water = world.submitted(title=WATER, proposer=world.cosigner, situation="饮水工程老化。", suggestions="加大投入。")
    client.force_login(world.secretariat)

    def titles(query):
        html = client.get(reverse("proposal_admin:index_results") + "?q=" + query).content.decode()
        return {t for t in (tea.title, water.title) if t in html}

    assert titles("茶叶") == {TEA}
    assert titles("区域品牌") == {TEA}  # a word of the body
    assert titles(tea.case_number) == {TEA}
    assert titles("李明") == {WATER}  # the proposer's name
    assert titles("茶叶%20李明") == set()


# ---- (b) the hint while drafting


def _hint(client, title, exclude=None):
    url = reverse("proposals:member_similar") + "?title=" + title + (f"&exclude={exclude}" if exclude else "")
    response = client.get(url)
    assert response.status_code == 200
    return response.json()["results"]


@pytest.fixture
def hint_world(world):
    """Tea proposals the member (王芳) may and may not read."""
    other = world.member("孙丽")
    mine = world.submitted(title=TEA)
    my_draft = world.draft(title="关于茶叶品牌建设的提案")
    invited = world.draft(proposer=other, title="关于茶叶加工园区的提案")
    services.proposal_invite_cosigners(proposal=invited, actor=other.user, members=[world.proposer])
    hidden_submitted = world.submitted(proposer=other, title="关于茶叶出口的提案")
    hidden_case = world.accepted(proposer=other, title="关于茶叶冷链物流的提案")
    published = world.accepted(proposer=other, title="关于茶叶产业扶贫的提案", publish_consent=True)
    services.proposal_publish(proposal=published, actor=world.secretariat)
    taken_down = world.accepted(proposer=other, title="关于茶叶产业园的提案", publish_consent=True)
    services.proposal_publish(proposal=taken_down, actor=world.secretariat)
    services.proposal_unpublish(proposal=taken_down, actor=world.secretariat, reason="内容需要核实")
    elsewhere = factories.committee("政协邻县委员会")
    return {
        "mine": mine, "my_draft": my_draft, "invited": invited, "hidden_submitted": hidden_submitted,
        "hidden_case": hidden_case, "published": published, "taken_down": taken_down, "other": other,
        "elsewhere": elsewhere,
    }


def test_hint_shows_only_what_the_member_may_read(client, world, hint_world):
    ensure_public_pages()
    client.force_login(world.proposer.user)
    results = _hint(client, "关于发展茶叶产业的建议")
    titles = {r["title"] for r in results}
    expected = {TEA, "关于茶叶品牌建设的提案", "关于茶叶加工园区的提案", "关于茶叶产业扶贫的提案"}
    assert titles == expected
    # Every result is one the member may read in the portal, or a published case with its public URL.
    by_title = {p.title: p for p in Proposal.objects.filter(title__in=titles)}
    for r in results:
        p = by_title[r["title"]]
        assert permissions.can_view_proposal(world.proposer.user, p) or r["title"] == "关于茶叶产业扶贫的提案"
    published = next(r for r in results if r["title"] == "关于茶叶产业扶贫的提案")
    assert not published["mine"] and published["url"] == f"/proposals/case/{hint_world['published'].pk}/"
    mine = next(r for r in results if r["title"] == TEA)
    assert mine["mine"] and mine["url"] == reverse("proposals:member_detail", args=[hint_world["mine"].pk])
    # Ranked: both keywords (茶叶, 产业) in the title come before one in the title and one in the body.
    assert {r["title"] for r in results[:2]} == {TEA, "关于茶叶产业扶贫的提案"}


def test_hint_excludes_the_draft_being_edited_and_needs_a_keyword(client, world, hint_world):
    client.force_login(world.proposer.user)
    titles = {r["title"] for r in _hint(client, "茶叶品牌", exclude=hint_world["my_draft"].pk)}
    assert "关于茶叶品牌建设的提案" not in titles and TEA in titles
    assert _hint(client, "关于") == [] and _hint(client, "") == []


def test_hint_for_a_stranger_shows_published_cases_only(client, world, hint_world):
    stranger = world.member("周杰")
    client.force_login(stranger.user)
    assert {r["title"] for r in _hint(client, TEA)} == {"关于茶叶产业扶贫的提案"}
    # A member of another committee does not get this committee's cases at all.
    outsider = factories.user_with_role(Role.MEMBER, hint_world["elsewhere"])
    client.force_login(outsider)
    assert _hint(client, TEA) == []


def test_hint_for_a_collective_account_shows_its_organisation_s_proposals(client, world, hint_world):
    account = world.collective_account()
    draft = services.proposal_create_draft(actor=account, session=world.session, organisation=world.party,
                                           title="关于茶叶合作社的提案", category=world.category)
    client.force_login(account)
    assert {r["title"] for r in _hint(client, TEA)} == {draft.title, "关于茶叶产业扶贫的提案"}


def test_hint_query_count_does_not_grow_with_the_results(client, world):
    client.force_login(world.proposer.user)
    ensure_public_pages()

    def add(i):
        p = world.accepted(title=f"关于茶叶产业第{i}项的提案", proposer=world.cosigner, publish_consent=True)
        services.proposal_publish(proposal=p, actor=world.secretariat)
        world.submitted(title=f"关于茶叶产业第{i}条的提案")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            results = _hint(client, "茶叶产业")
        return len(results), len(ctx.captured_queries)

    add(0)
    few, small = count()
    for i in range(1, 8):
        add(i)
    many, large = count()
    assert (few, many) == (2, search.HINT_LIMIT)
    assert large == small


def test_hint_is_refused_to_people_who_do_not_file(client, world):
    client.force_login(world.liaison)
    assert client.get(reverse("proposals:member_similar") + "?title=茶叶").status_code == 403
    client.logout()
    assert client.get(reverse("proposals:member_similar") + "?title=茶叶").status_code == 302


def test_drafting_form_carries_the_hint(client, world):
    client.force_login(world.proposer.user)
    html = client.get(reverse("proposals:member_new")).content.decode()
    assert 'id="similar-hint"' in html and f'data-url="{reverse("proposals:member_similar")}"' in html


# ---- (c) the public pages


def test_public_search_finds_a_word_mid_title(client, world):
    index = ensure_public_pages()
    tea = world.accepted(title=TEA, publish_consent=True)
    water = world.accepted(title=WATER, publish_consent=True, situation="饮水工程老化。", suggestions="加大投入。")
    for p in (tea, water):
        services.proposal_publish(proposal=p, actor=world.secretariat)
    html = client.get(index.url + "?q=茶叶").content.decode()
    assert TEA in html and WATER not in html
    html = client.get(index.url + "?q=饮水").content.decode()
    assert WATER in html and TEA not in html
