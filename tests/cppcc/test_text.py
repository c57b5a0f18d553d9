"""Hostile text (issue #10, item 6): direction overrides and zero-width characters never reach a stored
title or name, whichever way it comes in (the portal's form, the admin's form, an import, a service)."""

import pytest

from cppcc.text import CleanCharField, clean_text
from members.models import Member, Sector
from proposals.models import Proposal
from tests import factories
from tests.proposals.conftest import world  # noqa: F401  (the proposals fixture, used by the portal test)

RLO = "\u202e"


@pytest.mark.parametrize("hostile, clean", [
    (f"关于{RLO}txt.exe的提案", "关于txt.exe的提案"),
    ("\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f\u061c李四", "李四"),
    ("李\u200b\u200c\u200d\u2060\ufeff四", "李四"),
    ("标题\x00\x07\x1b[31m", "标题[31m"),  # other control characters: gone
    ("软\u00ad连字符", "软连字符"),  # other format characters (Cf): gone
    ("第一行\n第二行\t缩进", "第一行第二行缩进"),  # a title is one line
    ("普通的标题 with spaces", "普通的标题 with spaces"),
])
def test_clean_text_removes_what_hides_or_reorders(hostile, clean):
    assert clean_text(hostile) == clean


def test_multiline_text_keeps_its_lines_and_tabs():
    assert clean_text(f"一、情况\r\n\t{RLO}二、建议\r", multiline=True) == "一、情况\n\t二、建议\n"
    assert clean_text(None) is None and clean_text(3) == 3


def test_admin_text_areas_keep_wagtails_widget():
    from wagtail.admin.forms.models import formfield_for_dbfield
    from wagtail.admin.widgets import AdminAutoHeightTextInput

    from consultations.models import Activity
    from cppcc.text import CleanMultilineFormField

    field = formfield_for_dbfield(Activity._meta.get_field("description"))
    assert isinstance(field, CleanMultilineFormField) and isinstance(field.widget, AdminAutoHeightTextInput)


def test_the_field_is_a_plain_charfield_to_migrations():
    name, path, args, kwargs = Proposal._meta.get_field("title").deconstruct()
    assert isinstance(Proposal._meta.get_field("title"), CleanCharField)
    assert path == "django.db.models.CharField" and kwargs["max_length"] == 200


def test_a_title_from_the_portal_form_is_stored_clean(client, world):
    from tests.proposals.test_portal_member import NEW, form_data

    client.force_login(world.proposer.user)
    response = client.post(NEW, form_data(world, title=f"关于{RLO}加快茶叶产业发展的提案",
                                          situation=f"一、现状\r\n\t{RLO}规模小。\u200b"))
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.title == "关于加快茶叶产业发展的提案"
    assert proposal.situation == "一、现状\n\t规模小。"  # a body keeps its lines and tabs


def test_a_name_from_the_admin_form_is_stored_clean(client, committee, secretariat):
    client.force_login(secretariat)
    response = client.post("/admin/sectors/new/", {"committee": committee.pk, "name": f"教育{RLO}界\u200b", "order": 1,
                                                   "active": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Sector.objects.get(committee=committee).name == "教育界"


def test_a_service_and_a_bulk_write_store_clean_text(committee):
    member = factories.member(committee, name=f"王{RLO}五")
    assert Member.objects.get(pk=member.pk).name == "王五"
    Sector.objects.bulk_create([Sector(committee=committee, name=f"经济\u2066界")])
    assert Sector.objects.filter(name="经济界").exists()


def test_a_name_from_an_import_is_stored_clean(committee, secretariat):
    from tests.members.test_import import member_row, run, xlsx

    term = factories.term(committee, 10)
    factories.sector(committee, "经济界")
    factories.party(committee, "中国民主同盟")
    job = run("members", xlsx([member_row(1, 姓名=f"委员{RLO}一", 界别=f"经济{RLO}界")]), secretariat, committee, term)
    assert job.state == "succeeded", job.message
    assert Member.objects.get(member_number="Z0001").name == "委员一"
