"""Chromium through pytest-playwright against pytest-django's live server (scripts/test.sh runs it).

Playwright cannot download its own browser here: the system Chromium is used (docs/stack-notes.md#browser-tests). Without it
these tests skip; CPPCC_REQUIRE_BROWSER=1 (set by scripts/test.sh) turns the skip into a failure.
"""

import os

import pytest

CHROMIUM = os.environ.get("CPPCC_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
# Playwright's sync API runs an event loop in the test thread; the ORM would refuse to run there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _require_chromium():
    if not os.access(CHROMIUM, os.X_OK):
        message = f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium fonts-wqy-microhei)"
        if os.environ.get("CPPCC_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session", autouse=True)
def _needs_chromium():
    _require_chromium()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    _require_chromium()
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}
