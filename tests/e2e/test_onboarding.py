"""Onboarding in a real Chromium: the secretariat imports a roster of 5 members and 1 unit with its liaison and
leader, prints their account slips (one Word file), and each person opens the slip's link, sets a password and
lands on their portal. Then one member files a proposal, and (accepted and assigned through the services) the
unit's liaison sees the assignment.
"""

import datetime
import io
import re

import openpyxl
import pytest
from django.utils import timezone
from docx import Document

from cppcc.models import Job
from members.models import Member, Term
from members.models.roles import Role
from proposals import services
from proposals.models import Category, Proposal
from tests import factories
from tests.e2e.helpers import PASSWORD, SCREENSHOTS
from tests.e2e.test_csp import _watch

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NEW_PASSWORD = "Ziyang-2026!"
MEMBERS = [("20260001", "王建国"), ("20260002", "李秀英"), ("20260003", "张伟"), ("20260004", "刘芳"), ("20260005", "陈明")]


def workbook(headers, rows, title) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    ws.append(headers)
    for row in rows:
        ws.append([row.get(h) for h in headers])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def member_sheet():
    headers = ["委员编号", "姓名", "性别", "界别", "党派"]
    rows = [{"委员编号": number, "姓名": name, "性别": "男" if i % 2 else "女", "界别": "经济界", "党派": "中国民主同盟"}
            for i, (number, name) in enumerate(MEMBERS)]
    return workbook(headers, rows, "委员名册")


def unit_sheet():
    headers = ["单位编码", "单位名称", "联络员", "联络员手机", "负责人", "负责人手机"]
    rows = [{"单位编码": "101", "单位名称": "紫阳县教育局", "联络员": "赵丽", "联络员手机": "13991501234",
             "负责人": "孙强", "负责人手机": "13991505678"}]
    return workbook(headers, rows, "承办单位")


def import_roster(page, base, kind, content, name):
    page.goto(f"{base}/admin/roster-import/")
    page.check(f'input[name="kind"][value="{kind}"]')
    page.locator('input[name="file"]').set_input_files({"name": name, "mimeType": XLSX, "buffer": content})
    page.locator('form[enctype="multipart/form-data"] button[type="submit"]').click()
    page.wait_for_url(re.compile(r"/admin/jobs/[0-9a-f-]+/$"), timeout=120_000)
    page.wait_for_function(
        "() => { const s = document.querySelector('[data-job-message]'); return s && s.textContent.trim().length > 0; }",
        timeout=120_000,
    )


def test_roster_to_slips_to_activated_logins(live_server, browser, tmp_path):
    committee = factories.committee("政协紫阳县委员会")
    services.rules_install_defaults(committee)
    today = timezone.localdate()
    term = Term.objects.create(committee=committee, number=10, start_date=datetime.date(2022, 1, 1))
    session = factories_session(committee, term, today)
    factories.sector(committee, "经济界")
    factories.party(committee, "中国民主同盟")
    clerk = factories.user_with_role(Role.SECRETARIAT, committee, username="clerk-onboard")
    reviewer = factories.user_with_role(Role.REVIEWER, committee)
    base = live_server.url

    context = browser.new_context(locale="zh-CN", accept_downloads=True, viewport={"width": 1280, "height": 900})
    refused = _watch(context)  # no Content-Security-Policy violation on any of these pages
    page = context.new_page()
    others = []
    try:
        # The clerk logs in and imports the roster: members, then the unit with its two contacts.
        page.goto(f"{base}/accounts/login/?next=/admin/")
        form = page.locator("form", has=page.locator('input[name="password"]'))
        form.locator('input[name="username"]').fill(clerk.username)
        form.locator('input[name="password"]').fill(PASSWORD)
        form.locator('button[type="submit"], input[type="submit"]').first.click()
        page.wait_for_url(re.compile(r"/admin/$"))
        import_roster(page, base, "members", member_sheet(), "委员名册.xlsx")
        import_roster(page, base, "units", unit_sheet(), "承办单位.xlsx")
        assert set(Job.objects.values_list("state", flat=True)) == {Job.State.SUCCEEDED}, list(Job.objects.values("message"))
        assert Member.objects.filter(committee=committee, user__isnull=False).count() == 5

        # Logins and account slips: everyone listed, one Word file.
        page.goto(f"{base}/admin/logins/")
        assert page.locator("table[data-people] tbody tr").count() == 7
        page.check('input[name="everyone"]')
        page.fill('input[name="days"]', "7")
        with page.expect_download() as info:
            page.locator('button[name="action"][value="print"]').click()
        target = tmp_path / info.value.suggested_filename
        info.value.save_as(target)
        assert target.suffix == ".docx"
        document = Document(target)
        assert len(document.inline_shapes) == 7  # a QR code per slip
        slips = {}
        for table in document.tables:
            # Rows: name, user name, what for, link, last valid day (labels are in the site's language).
            name, username, _for, link, _until = (row.cells[1].text for row in table.rows)
            slips[username] = (name, link)
        assert set(slips) == {n for n, _ in MEMBERS} | {"101-lly", "101-fzr"}
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "onboarding-logins.png"), full_page=True)

        # Each person opens the link, sets a password and lands on the portal (logged in).
        for username, (name, link) in slips.items():
            person = browser.new_context(locale="zh-CN")
            others.append(person)
            seen = _watch(person)
            mine = person.new_page()
            mine.goto(base + re.sub(r"^https?://[^/]+", "", link))
            assert username in mine.locator("[data-activate]").inner_text()
            refused.extend(f"{username}: {v}" for v in mine.evaluate("window.__csp || []"))
            mine.fill('input[name="new_password1"]', NEW_PASSWORD)
            mine.fill('input[name="new_password2"]', NEW_PASSWORD)
            mine.locator("[data-activate] button[type=submit]").click()
            mine.wait_for_url(re.compile(r"/portal/$"))
            assert name in mine.content()
            refused.extend(seen)
            if username == MEMBERS[0][0]:
                member_page = mine
            elif username == "101-lly":
                liaison_page = mine
            else:
                person.close()
        member_page.screenshot(path=str(SCREENSHOTS / "onboarding-member-portal.png"), full_page=True)

        # The first member files a proposal in the browser.
        category = Category.objects.get(committee=committee, name="经济")
        member_page.goto(f"{base}/portal/proposals/new/")
        member_page.select_option('select[name="session"]', str(session.pk))
        member_page.check('input[name="kind"][value="plenary"]')
        member_page.fill('input[name="title"]', "关于加快我县茶叶产业发展的提案")
        member_page.select_option('select[name="category"]', str(category.pk))
        member_page.fill('textarea[name="situation"]', "我县茶叶产业规模小、品牌弱，加工能力不足。")
        member_page.fill('textarea[name="suggestions"]', "一是扶持龙头企业；二是打造区域公用品牌。")
        member_page.locator('form.card button[type="submit"]').click()
        member_page.wait_for_url(re.compile(r"/portal/proposals/\d+/$"))
        proposal = Proposal.objects.get()
        member_page.click(f'a[href="/portal/proposals/{proposal.pk}/submit/"]')
        member_page.wait_for_url(re.compile(rf"/portal/proposals/{proposal.pk}/submit/$"))
        member_page.locator('form.actions button[type="submit"]').click()
        member_page.wait_for_url(re.compile(rf"/portal/proposals/{proposal.pk}/$"))
        proposal.refresh_from_db()
        assert proposal.status == "submitted" and proposal.receipt_number

        # Accepted and assigned to the imported unit (services), the liaison sees the assignment.
        from members.models import Body

        services.proposal_accept(proposal=proposal, actor=reviewer)
        (assignment,) = services.assignment_create(
            proposal=proposal, actor=clerk, units=[(Body.objects.get(committee=committee, code="101"), "single")])
        liaison_page.goto(f"{base}/portal/unit/")
        assert "关于加快我县茶叶产业发展的提案" in liaison_page.content()
        liaison_page.goto(f"{base}/portal/unit/{assignment.pk}/")
        assert "关于加快我县茶叶产业发展的提案" in liaison_page.content()
        liaison_page.screenshot(path=str(SCREENSHOTS / "onboarding-unit-assignment.png"), full_page=True)
        refused.extend(page.evaluate("window.__csp || []"))
        assert not refused, refused
    finally:
        context.close()
        for other in others:
            try:
                other.close()
            except Exception:  # noqa: BLE001 - closed already
                pass


def factories_session(committee, term, today):
    from members.models import Session

    return Session.objects.create(
        committee=committee, term=term, number=1,
        plenary_start=today + datetime.timedelta(days=12), plenary_end=today + datetime.timedelta(days=15),
        filing_opens=today - datetime.timedelta(days=10), filing_deadline=today + datetime.timedelta(days=10),
    )
