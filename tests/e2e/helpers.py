"""What the Chromium stories share: where screenshots go, the test password, and logging a person in
in a browser context of their own."""

import re
from pathlib import Path

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PASSWORD = "pass-1234-word"


def log_in(browser, live_server, user, next_path, **context_args):
    """A new browser context (zh-CN, plus `context_args` such as a phone's viewport) logged in as `user`,
    on `next_path`. Returns (context, page)."""
    context = browser.new_context(locale="zh-CN", **context_args)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/?next={next_path}")
    form = page.locator("form", has=page.locator('input[name="password"]'))
    form.locator('input[name="username"]').fill(user.username)
    form.locator('input[name="password"]').fill(PASSWORD)
    form.locator('button[type="submit"]').first.click()
    page.wait_for_url(re.compile(re.escape(next_path) + "$"))
    return context, page
