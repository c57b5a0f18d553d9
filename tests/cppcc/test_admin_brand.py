"""The admin is the committee's: its name and emblem instead of Wagtail's bird and version, the help menu
leads to the system's own guide per role, and Pages, Images, Documents and the page reports show only to
the roles that edit the public site (by their permissions, members/roles.py)."""

import io
import json
import re

import pytest
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.images.models import Image

from cppcc import brand
from cppcc.guide import GUIDES, render_markdown
from cppcc.models import AdminBrand
from members.models import Committee
from members.models.roles import Role

pytestmark = pytest.mark.django_db

ADMIN_ROLES = [Role.SECRETARIAT, Role.REVIEWER, Role.SPECIAL_STAFF, Role.CHAIR, Role.AUDITOR, Role.ADMIN,
               Role.SECURITY_ADMIN]
SITE_EDITORS = {Role.SECRETARIAT, Role.ADMIN}
SITE_MENUS = {"explorer", "images", "documents", "reports"}
SITE_REPORTS = {"locked-pages", "workflows", "workflow-tasks", "site-history", "aging-pages", "page-types-usage"}


@pytest.fixture(autouse=True)
def _fresh_brand():
    brand.forget()
    yield
    brand.forget()


def _sidebar(html):
    props = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(props.group(1))


def _names(node):
    """Every menu item's name in the sidebar's props, submenus included."""
    found = []
    if isinstance(node, dict):
        if isinstance(node.get("name"), str):
            found.append(node["name"])
        for value in node.values():
            found += _names(value)
    elif isinstance(node, list):
        for value in node:
            found += _names(value)
    return found


def _home(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_admin_shows_the_committees_name_and_emblem_not_wagtails(client, committee, role_user):
    html = _home(client, role_user(Role.SECRETARIAT))
    assert f"<title>仪表板 - {committee.name}</title>" in html or f"- {committee.name}</title>" in html
    assert 'class="cppcc-emblem" src="/static/cppcc/emblem.svg"' in html and f'alt="{committee.name}"' in html
    assert '<link rel="icon" href="/static/cppcc/emblem.svg">' in html
    assert "icon-wagtail" not in html  # the bird
    assert "编辑指南" not in html and "Editor Guide" not in html and "editor guide" not in html
    assert "Wagtail v" not in html and "Wagtail 8" not in html
    assert f"{committee.name} · 政协提案与履职管理系统" in html  # the welcome on the home page


def test_the_name_and_emblem_the_committee_sets_replace_the_defaults(client, committee, role_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    PILImage.new("RGB", (32, 32), "red").save(buffer, "PNG")
    emblem = Image.objects.create(title="会徽", file=ImageFile(buffer, name="emblem.png"))
    AdminBrand.objects.create(name="紫阳县政协", emblem=emblem)  # the signal forgets the cached brand
    html = _home(client, role_user(Role.CHAIR))
    assert "- 紫阳县政协</title>" in html
    assert f'class="cppcc-emblem" src="{emblem.file.url}"' in html and 'alt="紫阳县政协"' in html


def test_the_name_falls_back_to_the_top_committee(committee):
    child = Committee.objects.create(name="政协测试下级委员会", parent=committee)
    assert brand.current_brand().name == committee.name
    assert child.name != committee.name


def test_the_brand_is_read_once_not_on_every_page(client, committee, role_user, settings):
    settings.CPPCC_ADMIN_BRAND_SECONDS = 300  # the production default (the test settings keep nothing)
    user = role_user(Role.SECRETARIAT)
    _home(client, user)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/admin/").status_code == 200
    tables = " ".join(q["sql"] for q in ctx.captured_queries)
    assert "cppcc_adminbrand" not in tables and "members_committee" not in tables.split("FROM")[0]
    assert not [q for q in ctx.captured_queries if "cppcc_adminbrand" in q["sql"]]


def test_the_help_menu_leads_to_the_systems_guide_not_wagtails(client, committee, role_user):
    html = _home(client, role_user(Role.REVIEWER))
    names = _names(_sidebar(html))
    assert "cppcc-guide" in names
    assert "editor-guide" not in names and not [n for n in names if n.startswith("whats-new-in-wagtail")]
    assert 'href="/admin/guide/"' in html  # the account summary links the guide too
    props = json.dumps(_sidebar(html), ensure_ascii=False)
    assert "Wagtail v" not in props  # the settings submenu's footer


@pytest.mark.parametrize("role", ADMIN_ROLES)
def test_site_editing_menus_show_only_to_the_roles_that_edit_the_public_site(client, committee, role_user, role):
    user = role_user(role)
    names = set(_names(_sidebar(_home(client, user))))
    if role in SITE_EDITORS:
        assert SITE_MENUS <= names, role
        assert {"workflows", "site-history", "aging-pages"} <= names
        for url in ("/admin/pages/", "/admin/images/", "/admin/documents/"):
            assert client.get(url).status_code == 200, (role, url)
    else:
        assert not (names & (SITE_MENUS | SITE_REPORTS | {"snippets"})), (role, names & (SITE_MENUS | SITE_REPORTS))
        # and the screens refuse them too (Wagtail sends them to the dashboard)
        for url in ("/admin/images/", "/admin/documents/", "/admin/reports/locked/"):
            assert client.get(url).status_code in (302, 403), (role, url)


@pytest.mark.parametrize("role, slug", [
    (Role.SECRETARIAT, "secretariat"), (Role.REVIEWER, "reviewer"), (Role.SPECIAL_STAFF, "reviewer"),
    (Role.CHAIR, "chair"), (Role.AUDITOR, "auditor"), (Role.ADMIN, "admin"), (Role.SECURITY_ADMIN, "security"),
])
def test_each_role_finds_its_own_guide_first(client, committee, role_user, role, slug):
    client.force_login(role_user(role))
    html = client.get("/admin/guide/").content.decode()
    mine = html.split("适用于您的角色")[1].split("其他角色")[0]
    assert f'href="/admin/guide/{slug}/"' in mine
    page = client.get(f"/admin/guide/{slug}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "<article>" in body and "<li>" in body and "<strong>" in body and "使用指南" in body


def test_every_guide_is_chinese_and_renders(client, committee, role_user):
    client.force_login(role_user(Role.SECRETARIAT))
    for guide in GUIDES:
        text = guide.path.read_text(encoding="utf-8")
        assert text.startswith("# ") and re.search(r"[\u4e00-\u9fff]{8}", text), guide.slug
        assert client.get(f"/admin/guide/{guide.slug}/").status_code == 200


def test_the_guides_markdown_escapes_what_it_does_not_know():
    html = render_markdown("## 标题\n\n- **一** `code`\n- [链接](/admin/)\n\n<script>x</script> [外部](https://example.com)")
    assert "<h2>标题</h2>" in html and "<li><strong>一</strong> <code>code</code></li>" in html
    assert '<a href="/admin/">链接</a>' in html
    assert "<script>" not in html and "&lt;script&gt;" in html and 'href="https' not in html
