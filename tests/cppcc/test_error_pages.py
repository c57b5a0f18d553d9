"""400, 403, 404 and the expired-form (CSRF) page: Chinese, in the site's style, saying what to do next,
with DEBUG off (the test settings), in the portal, on the public site and in the admin; English when the
person chose it. No page a member, a unit or a visitor reaches shows Django's English defaults.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import DatabaseError
from django.test import Client, RequestFactory
from django.utils.functional import SimpleLazyObject

from cppcc import errors
from members.models.roles import Role
from tests import factories
from tests.proposals.conftest import World

DJANGO_DEFAULTS = [
    "<h1>Not Found</h1>", "The requested resource was not found", "<h1>Bad Request (400)</h1>", "403 Forbidden",
    "<h1>403 Forbidden</h1>", "CSRF verification failed", "Forbidden <span>(403)</span>", "Server Error (500)",
]
OFFICE = "政协办公室"


def _page(response, status):
    assert response.status_code == status
    body = response.content.decode()
    for text in DJANGO_DEFAULTS:
        assert text not in body
    assert "/static/cppcc/site.css" in body and 'class="site-header"' in body  # the site's style
    assert "no-store" in response["Cache-Control"]
    return body


def test_the_test_settings_run_with_debug_off(settings):
    assert settings.DEBUG is False


@pytest.mark.django_db
def test_a_stale_public_link_gets_the_chinese_404_with_the_way_home(client):
    body = _page(client.get("/proposals/no-such-case/"), 404)
    assert '<html lang="zh-hans">' in body
    assert "您要访问的页面不存在" in body and "提案经政协办公室公开后才会出现在公开页面上" in body
    assert "返回网站首页" in body and OFFICE in body


@pytest.mark.django_db
def test_the_404_is_english_for_who_chose_english(client):
    client.cookies["django_language"] = "en"
    body = _page(client.get("/no-such-page/"), 404)
    assert '<html lang="en">' in body
    assert "This page does not exist" in body and "Go to the home page" in body
    assert "您要访问的页面不存在" not in body


@pytest.mark.django_db
def test_another_members_draft_is_the_chinese_404_of_the_portal(client, committee, secretariat):
    world = World(committee, secretariat)
    draft = world.draft(title="关于农村饮水安全的提案")
    client.force_login(world.cosigner2.user)
    body = _page(client.get(f"/portal/proposals/{draft.pk}/"), 404)
    assert "您要访问的页面不存在" in body and "其他委员的草稿" in body
    assert 'href="/portal/"' in body and "返回工作台首页" in body
    assert "关于农村饮水安全的提案" not in body  # nothing of the draft leaks


@pytest.mark.django_db
def test_a_role_mismatch_in_the_portal_is_the_chinese_403_with_the_reason(client, committee, secretariat):
    world = World(committee, secretariat)
    client.force_login(world.liaison)
    body = _page(client.get("/portal/proposals/new/"), 403)
    assert "您没有权限打开此页面" in body
    assert "error-card__reason" in body  # the view's own refusal, in the person's language
    assert "联系政协办公室为您开通相应角色" in body and "换一个账号登录" in body
    assert 'href="/accounts/login/?next=/portal/proposals/new/"' in body


@pytest.mark.django_db
def test_a_cosigner_editing_the_first_proposers_draft_gets_the_403_page(client, committee, secretariat):
    world = World(committee, secretariat)
    draft = world.joint_draft(title="联名草稿")
    cosigner = draft.signers.exclude(member=world.proposer).first().member
    client.force_login(cosigner.user)
    body = _page(client.get(f"/portal/proposals/{draft.pk}/edit/"), 403)
    assert "您没有权限打开此页面" in body


@pytest.mark.django_db
def test_an_admin_refusal_is_readable_and_leads_back_to_the_admin(client, committee, role_user):
    member = factories.member(committee)
    client.force_login(role_user(Role.REVIEWER))
    body = _page(client.get(f"/admin/members/{member.pk}/password-reset/"), 403)
    assert "您没有权限打开此页面" in body and "返回管理后台首页" in body and 'href="/admin/"' in body


@pytest.mark.django_db
def test_an_unknown_admin_address_is_wagtails_chinese_404_inside_the_admin(client, role_user):
    """The admin answers its own 404 in its own layout (Wagtail's template, translated), with the way back."""
    client.force_login(role_user(Role.SECRETARIAT))
    response = client.get("/admin/members/999999/edit/")
    assert response.status_code == 404
    body = response.content.decode()
    assert '<html lang="zh-hans"' in body and 'href="/admin/"' in body and "转到管理界面" in body
    assert not [text for text in DJANGO_DEFAULTS if text in body]


@pytest.mark.django_db
def test_a_forged_form_gets_the_expired_form_page(committee, role_user):
    client = Client(enforce_csrf_checks=True)
    body = _page(client.post("/accounts/login/", {"username": "x", "password": "y"}), 403)
    assert "表单已过期，没有提交成功" in body and "您在表单中填写的内容没有保存" in body
    assert "Cookie" in body and OFFICE in body

    client.cookies["django_language"] = "en"
    body = _page(client.post("/accounts/login/", {"username": "x", "password": "y"}), 403)
    assert "This form has expired and was not sent" in body


@pytest.mark.django_db
def test_a_logged_in_forged_portal_form_gets_the_page_too(committee, secretariat):
    world = World(committee, secretariat)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.proposer.user)
    body = _page(client.post("/portal/proposals/new/", {"title": "伪造"}), 403)
    assert "表单已过期" in body and "返回工作台首页" in body


@pytest.mark.django_db
def test_a_bad_host_gets_the_chinese_400(client):
    body = _page(client.get("/", HTTP_HOST="evil.example.com"), 400)
    assert "无法处理此请求" in body and "返回网站首页" in body


@pytest.mark.django_db
def test_the_error_handlers_read_nothing_from_the_database(django_assert_num_queries):
    request = RequestFactory().get("/portal/proposals/1/")
    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        responses = [errors.page_not_found(request), errors.permission_denied(request), errors.bad_request(request),
                     errors.csrf_failure(request, reason="CSRF cookie not set.")]
    assert [r.status_code for r in responses] == [404, 403, 400, 403]
    assert "CSRF cookie not set" not in responses[3].content.decode()  # Django's English reason is only logged


@pytest.mark.django_db
def test_the_500_page_has_the_sites_style_and_still_reads_nothing(django_assert_num_queries):
    request = RequestFactory().get("/portal/")
    with django_assert_num_queries(0):
        try:
            raise ValueError("boom")
        except ValueError:
            response = errors.server_error(request)
    body = response.content.decode()
    assert response.status_code == 500
    assert "系统出错了" in body and "/static/cppcc/site.css" in body and "政协办公室" in body and 'href="/"' in body


def test_an_error_page_still_renders_when_the_request_context_fails():
    def broken():
        raise DatabaseError("connection lost")

    request = RequestFactory().get("/portal/")
    request.user = SimpleLazyObject(broken)
    response = errors.page_not_found(request)
    assert response.status_code == 404
    assert "您要访问的页面不存在" in response.content.decode()


def test_a_permission_denied_without_a_message_shows_the_general_explanation():
    request = RequestFactory().get("/portal/")
    request.user = AnonymousUser()
    body = errors.permission_denied(request).content.decode()
    assert "error-card__reason" not in body
    assert "此页面只对已登录且有相应权限的账号开放" in body and 'href="/accounts/login/?next=/portal/"' in body
