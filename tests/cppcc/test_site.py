"""The public site and the login pages: Chinese first, English on request, logout by POST."""

import datetime

import pytest
from django.urls import reverse

from cppcc.models.pages import HomePage, NewsIndexPage, NewsPage
from members.models.roles import Role
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_index():
    return NewsIndexPage.objects.get(slug="news")


@pytest.fixture
def article(news_index):
    page = NewsPage(
        title="县政协召开十届五次全委会", slug="plenary", date=datetime.date(2025, 3, 2), source="县政协办公室",
        summary="会议收到委员提案101件。", body="<p>会议听取了常委会工作报告。</p>",
    )
    news_index.add_child(instance=page)
    return page


def test_home_page_is_chinese_with_latest_news_and_the_news_index_link(client, article):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-hans">' in html
    assert "政协提案与履职管理系统" in html
    assert isinstance(response.context["page"], HomePage)
    assert "首页" in html  # the nav, through Django's own zh_Hans catalogue
    assert 'href="/news/"' in html
    assert "县政协召开十届五次全委会" in html and 'href="/news/plenary/"' in html


def test_news_index_lists_articles_with_date_and_summary(client, article):
    response = client.get("/news/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "2025-03-02" in html and "会议收到委员提案101件。" in html
    assert 'aria-current="page"' in html and 'href="/news/" aria-current="page"' in html


def test_news_index_paginates(client, news_index):
    for day in range(1, 15):
        news_index.add_child(instance=NewsPage(title=f"动态{day}", slug=f"n{day}", date=datetime.date(2025, 1, day), body="<p>x</p>"))
    first = client.get("/news/").content.decode()
    second = client.get("/news/?page=2").content.decode()
    assert "动态14" in first and "动态3" in first and "动态2" not in first
    assert "动态2" in second and "动态1<" in second and 'rel="prev"' in second


def test_news_article_shows_title_date_source_and_body(client, article):
    response = client.get("/news/plenary/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("县政协召开十届五次全委会", "2025-03-02", "县政协办公室", "<p>会议听取了常委会工作报告。</p>"):
        assert text in html


def test_login_page_renders_and_keeps_next(client):
    response = client.get(reverse("login") + "?next=/portal/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="username"' in html and 'name="password"' in html
    assert 'name="next" value="/portal/"' in html


def test_wrong_password_shows_an_error_and_the_right_one_opens_the_portal(client, committee):
    user = factories.user_with_role(Role.MEMBER, committee, username="M0001")
    response = client.post(reverse("login"), {"username": "M0001", "password": "wrong-password"})
    assert response.status_code == 200
    assert 'class="form-errors"' in response.content.decode()
    assert response.context["form"].non_field_errors()
    assert "_auth_user_id" not in client.session

    response = client.post(reverse("login"), {"username": "M0001", "password": "pass-1234-word"})
    assert response.status_code == 302 and response["Location"] == "/portal/"
    assert client.session["_auth_user_id"] == str(user.pk)


def test_logout_is_a_post_from_the_header(client, committee):
    client.force_login(factories.user_with_role(Role.MEMBER, committee))
    html = client.get("/").content.decode()
    assert f'method="post" action="{reverse("logout")}"' in html
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == "/"
    assert "_auth_user_id" not in client.session


def test_language_switch_to_english_changes_the_nav(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert ">Home</a>" in html and "首页" not in html
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    assert "首页" in client.get("/").content.decode()


def test_password_change_through_the_site(client, committee):
    user = factories.user_with_role(Role.MEMBER, committee)
    client.force_login(user)
    assert client.get(reverse("password_change")).status_code == 200
    response = client.post(reverse("password_change"), {
        "old_password": "pass-1234-word", "new_password1": "Zy-xian-2025!", "new_password2": "Zy-xian-2025!",
    })
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    user.refresh_from_db()
    assert user.check_password("Zy-xian-2025!")


def test_an_english_browser_still_gets_chinese_until_the_person_chooses(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert 'lang="zh-hans"' in response.content.decode()
