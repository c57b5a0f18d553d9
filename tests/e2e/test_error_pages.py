"""Chromium, DEBUG off: a stale public link, another member's draft and a forged form each show the Chinese
error page in the site's style, saying what to do next, with no Content-Security-Policy violation; the 404
in English for who chose English; the admin with the committee's emblem and its own guide. Screenshots go
to var/screenshots/errors/.
"""

import pytest
from django.conf import settings

from members.models.roles import Role
from tests import factories
from tests.e2e.helpers import SCREENSHOTS, log_in
from tests.proposals.conftest import World

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
SHOTS = SCREENSHOTS / "errors"
DJANGO_DEFAULTS = ["Not Found", "Forbidden", "CSRF verification failed", "Bad Request"]
WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(e.violatedDirective + " " + e.blockedURI));
"""


def _check(page, response, status, heading, shot):
    assert response.status == status
    page.locator("h1#error-title").wait_for()
    assert page.locator("h1#error-title").inner_text() == heading
    text = page.locator("body").inner_text()
    assert not [d for d in DJANGO_DEFAULTS if d in text]
    # the site's stylesheet applied: the header is the site's red band
    assert page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(180, 35, 42)"
    assert page.evaluate("window.__csp") == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / shot), full_page=True)
    return text


def test_error_pages_in_chromium(live_server, browser):
    assert settings.DEBUG is False
    committee = factories.committee("政协紫阳县委员会")
    clerk = factories.user_with_role(Role.SECRETARIAT, committee, username="clerk-errors")
    world = World(committee, clerk)
    draft = world.draft(title="关于农村饮水安全的提案")

    # A visitor follows a stale link to the public pages.
    context = browser.new_context(locale="zh-CN")
    context.add_init_script(WATCH)
    page = context.new_page()
    response = page.goto(f"{live_server.url}/proposals/2007-999/")
    text = _check(page, response, 404, "您要访问的页面不存在", "404-public-zh.png")
    assert "返回网站首页" in text and "政协办公室" in text
    page.get_by_role("link", name="返回网站首页").click()
    page.wait_for_url(f"{live_server.url}/")

    # The same visitor chose English.
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    response = page.goto(f"{live_server.url}/no-such-page/")
    text = _check(page, response, 404, "This page does not exist", "404-public-en.png")
    assert "Go to the home page" in text
    context.close()

    # Another member opens the draft by its address: the portal's 404, nothing of the draft.
    context, page = log_in(browser, live_server, world.cosigner2.user, "/portal/proposals/")
    context.add_init_script(WATCH)
    page = context.new_page()
    response = page.goto(f"{live_server.url}/portal/proposals/{draft.pk}/")
    text = _check(page, response, 404, "您要访问的页面不存在", "404-other-members-draft.png")
    assert "关于农村饮水安全的提案" not in text and "返回工作台首页" in text

    # A forged form: the new-proposal form sent with a token the server never issued.
    page.goto(f"{live_server.url}/portal/proposals/new/")
    page.locator('input[name="title"]').fill("关于伪造表单的提案")
    page.evaluate("document.querySelectorAll('input[name=csrfmiddlewaretoken]').forEach(i => i.value = 'x'.repeat(64))")
    with page.expect_navigation() as navigation:
        page.locator('form[method="post"] [type="submit"]').last.click()
    text = _check(page, navigation.value, 403, "表单已过期，没有提交成功", "403-forged-form.png")
    assert "您在表单中填写的内容没有保存" in text
    context.close()

    # A unit's liaison opens the member's filing form: the portal's 403 with the reason and what to do.
    context, page = log_in(browser, live_server, world.liaison, "/portal/unit/")
    context.add_init_script(WATCH)
    page = context.new_page()
    response = page.goto(f"{live_server.url}/portal/proposals/new/")
    text = _check(page, response, 403, "您没有权限打开此页面", "403-role-mismatch.png")
    assert "联系政协办公室为您开通相应角色" in text
    context.close()

    # The admin carries the committee's emblem and name and its own guide.
    context, page = log_in(browser, live_server, clerk, "/admin/")
    page.locator("img.cppcc-emblem").first.wait_for()
    assert "政协紫阳县委员会" in page.title()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "admin-home-brand.png"))
    page.goto(f"{live_server.url}/admin/guide/secretariat/")
    page.locator("article h2").first.wait_for()
    page.screenshot(path=str(SHOTS / "admin-guide-secretariat.png"), full_page=True)
    context.close()
