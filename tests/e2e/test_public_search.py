"""An anonymous visitor on the public pages (提案公开): from the home page to a published case found by a
word of its reply, and a 404 for a case that was never published, even by its URL.

No login: a fresh browser context with no cookies. The page is driven by URLs, names and classes, not
button texts, so it runs whatever the catalogue says.
"""

import re
from pathlib import Path

import pytest

from members.models.roles import Role
from proposals import services
from proposals.public import ensure_public_pages
from tests import factories
from tests.proposals.conftest import World

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
TEA = "关于加快我县茶叶产业发展的提案"
WATER = "关于改善农村饮水安全的提案"
REPLY = "经研究，我局将设立茶园改造专项资金，三年内完成低产茶园提质增效。"
PHONE = "13812345678"


def test_visitor_finds_a_published_case_by_a_word_of_its_reply(live_server, browser):
    committee = factories.committee("政协紫阳县委员会")
    world = World(committee, factories.user_with_role(Role.SECRETARIAT, committee))
    index = ensure_public_pages()

    published, (assignment,) = world.assigned(title=TEA, publish_consent=True, contact_phone=PHONE)
    world.sent_reply(assignment, text=REPLY, contact_phone="0915-7654321")
    services.proposal_publish(proposal=published, actor=world.secretariat)
    hidden, (other,) = world.assigned(title=WATER, publish_consent=True, situation="饮水工程老化。",
                                      suggestions="加大投入。", units=[(world.unit2, "single")])
    world.sent_reply(other, text="茶园改造之外，另行安排饮水项目。")  # has the word, but is not published

    context = browser.new_context(locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/")
        page.locator(f'.public-proposals-link a[href="{index.url}"]').click()
        page.wait_for_url(re.compile(re.escape(index.url) + "$"))
        assert page.locator("li.case").count() == 1

        # A word from the middle of the reply's text.
        page.fill('form[role="search"] input[name="q"]', "茶园改造")
        page.locator('form[role="search"] button[type="submit"]').click()
        page.wait_for_url(re.compile(r"\?.*q="))
        results = page.locator("li.case a")
        assert results.count() == 1 and TEA in results.first.inner_text()
        assert WATER not in page.content()

        results.first.click()
        page.wait_for_url(re.compile(rf"/case/{published.pk}/$"))
        assert page.locator("h1").inner_text().strip() == TEA
        assert REPLY in page.locator(".reply-text").inner_text()
        assert world.unit.name in page.locator(".reply-unit").inner_text()
        assert "王芳" in page.locator(".proposers").inner_text()
        html = page.content()
        assert PHONE not in html and "0915-7654321" not in html and "/files/" not in html
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "public-case.png"), full_page=True)

        # The unpublished case cannot be reached by its URL.
        response = page.goto(f"{live_server.url}{index.url}case/{hidden.pk}/")
        assert response.status == 404
        assert WATER not in page.content()
    finally:
        context.close()
