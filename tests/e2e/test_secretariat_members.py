"""A secretariat clerk logs in through the real form, opens the member list and downloads Excel files.

Run in Chinese (the default) and in English. The role export proves times come out as Beijing wall
time (Wagtail alone would write naive UTC, 8 hours early).
"""

import datetime
import re
from pathlib import Path

import openpyxl
import pytest
from django.utils import translation
from wagtail.users.models import UserProfile

from members.models import Member, RoleAssignment
from members.models.roles import Role
from tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "var" / "screenshots"
PASSWORD = "pass-1234-word"
NAMES = ["王小红", "李建国", "欧阳明"]
# One role assignment granted at a known moment: 00:30 UTC is 08:30 in Beijing.
GRANTED_UTC = datetime.datetime(2026, 1, 1, 0, 30, tzinfo=datetime.timezone.utc)
GRANTED_BEIJING = datetime.datetime(2026, 1, 1, 8, 30)

LANGUAGES = {
    # language: (browser locale, Wagtail profile preference, Django language code, download link text)
    "zh": ("zh-CN", "", "zh-hans", "下载XLSX"),
    "en": ("en-US", "en", "en", "Download XLSX"),
}


def has_chinese(text):
    return re.search(r"[\u4e00-\u9fff]", text) is not None


def download_xlsx(page, link_text, tmp_path):
    """Open the header's actions menu, click the XLSX download, and read the file with openpyxl."""
    # The "..." beside the page title (Wagtail moves the menu's links into a popup when it opens).
    page.locator("header button.w-dropdown__toggle").first.click()
    with page.expect_download() as info:
        page.get_by_role("link", name=link_text).click()
    download = info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    assert target.suffix == ".xlsx"
    sheet = openpyxl.load_workbook(target).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_secretariat_lists_and_exports_members(lang, live_server, browser, tmp_path):
    browser_locale, preference, language_code, link_text = LANGUAGES[lang]
    committee = factories.committee("政协紫阳县委员会")
    clerk = factories.user_with_role(Role.SECRETARIAT, committee, username=f"clerk-{lang}")
    if preference:
        profile = UserProfile.get_for_user(clerk)
        profile.preferred_language = preference
        profile.save()
    for name in NAMES:
        factories.member(committee, name=name, work_unit="紫阳县人民医院")
    member_user = factories.user_with_role(Role.MEMBER, committee, username=f"member-{lang}")
    RoleAssignment.objects.filter(user=member_user).update(granted_at=GRANTED_UTC)

    context = browser.new_context(locale=browser_locale, accept_downloads=True, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        # The real login form, as a person would use it.
        page.goto(f"{live_server.url}/accounts/login/?next=/admin/")
        form = page.locator("form", has=page.locator('input[name="password"]'))
        form.locator('input[name="username"]').fill(clerk.username)
        form.locator('input[name="password"]').fill(PASSWORD)
        form.locator('button[type="submit"], input[type="submit"]').first.click()
        page.wait_for_url(re.compile(r"/admin/$"))

        page.goto(f"{live_server.url}/admin/members/")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"members-{lang}.png"))
        with translation.override(language_code):
            heading = str(Member._meta.verbose_name_plural)
        title = page.locator("h1").first.inner_text().strip()
        assert title.lower() == heading.lower()
        if lang == "zh":
            assert has_chinese(title), f"the member list heading is not translated: {title!r}"
        else:
            assert title == "Members"
        for name in NAMES:
            assert page.get_by_text(name, exact=True).count() == 1

        rows = download_xlsx(page, link_text, tmp_path)
        exported = {cell for row in rows[1:] for cell in row}
        assert set(NAMES) <= exported
        assert has_chinese(" ".join(str(h) for h in rows[0] if h)) == (lang == "zh"), rows[0]

        page.goto(f"{live_server.url}/admin/roles/")
        rows = download_xlsx(page, link_text, tmp_path)
        times = [cell for row in rows[1:] for cell in row if isinstance(cell, datetime.datetime)]
        assert GRANTED_BEIJING in times, times
        assert GRANTED_UTC.replace(tzinfo=None) not in times
    finally:
        context.close()
