"""Identity numbers and phones are masked for everyone but administrators and the person."""

import openpyxl
import pytest
from io import BytesIO

from members.models import Member
from members.models.roles import Role
from tests import factories

PHONE, ID = "13812345678", "11010119900307123X"


@pytest.fixture
def person(committee):
    return factories.member(committee, phone=PHONE, id_number=ID)


def _body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.parametrize("url", ["/admin/members/", "/admin/members/?export=csv", "/admin/members/edit/{pk}/", "/admin/members/inspect/{pk}/"])
def test_secretariat_sees_masked_values_only(client, secretariat, person, url):
    client.force_login(secretariat)
    body = _body(client.get(url.format(pk=person.pk)))
    assert PHONE.encode() not in body and ID.encode() not in body
    assert b"138****5678" in body


def test_xlsx_export_masks_for_secretariat_and_not_for_admin(client, secretariat, administrator, person):
    for user, expect_plain in ((secretariat, False), (administrator, True)):
        client.force_login(user)
        response = client.get("/admin/members/?export=xlsx")
        sheet = openpyxl.load_workbook(BytesIO(_body(response))).active
        values = {str(c.value) for row in sheet.iter_rows() for c in row}
        assert (PHONE in values) is expect_plain
        assert (ID in values) is expect_plain


def test_edit_by_secretariat_keeps_hidden_values_when_left_blank(client, secretariat, person):
    client.force_login(secretariat)
    data = {
        "committee": person.committee_id, "member_number": person.member_number, "name": "张三丰",
        "gender": "M", "ethnicity": "汉族", "id_number": "", "phone": "", "email": "",
    }
    response = client.post(f"/admin/members/edit/{person.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    person.refresh_from_db()
    assert (person.name, person.phone, person.id_number) == ("张三丰", PHONE, ID)


def test_history_shows_who_changed_what_with_private_fields_masked(client, secretariat, administrator, person):
    person.phone = "13900001111"
    person._change_reason = "委员更新手机号"
    person.save()
    client.force_login(secretariat)
    page = client.get(f"/admin/members/history/{person.pk}/").content.decode()
    assert "委员更新手机号" in page and "139****1111" in page
    assert "13900001111" not in page and PHONE not in page
    client.force_login(administrator)
    page = client.get(f"/admin/members/history/{person.pk}/").content.decode()
    assert "13900001111" in page and PHONE in page
