"""The secretariat's onboarding pages: the logins list with its slips, a member's login page, a unit's contacts."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from docx import Document

from members import onboarding
from members.models import Member
from members.models.roles import Role, RoleAssignment
from tests import factories

User = get_user_model()
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def docx_cells(response):
    assert response["Content-Type"] == DOCX, response.content[:300]
    document = Document(io.BytesIO(response.content))
    return [c.text for t in document.tables for r in t.rows for c in r.cells]


def test_ticked_members_get_logins_and_one_word_file(client, committee, secretariat, other_committee):
    chosen = [factories.member(committee, name=n, number=f"6000{i}") for i, n in enumerate(("王建国", "李秀英"))]
    left_out = factories.member(committee, name="赵六", number="60009")
    stranger = factories.member(other_committee, name="外县", number="60008")
    client.force_login(secretariat)
    page = client.get(reverse("members_accounts"))
    keys = [row.key for row in page.context["rows"]]
    assert f"m{left_out.pk}" in keys and f"m{stranger.pk}" not in keys  # own committee only
    response = client.post(reverse("members_accounts"), {
        "person": [f"m{m.pk}" for m in chosen] + [f"m{stranger.pk}"], "days": 10, "action": "print",
    })
    cells = docx_cells(response)
    assert {"王建国", "李秀英", "60000", "60001"} <= set(cells) and "外县" not in cells
    assert [m.user.username for m in Member.objects.filter(pk__in=[m.pk for m in chosen])] == ["60000", "60001"]
    assert Member.objects.get(pk=left_out.pk).user is None and Member.objects.get(pk=stranger.pk).user is None
    waiting = client.get(reverse("members_accounts"), {"state": "waiting"}).context["rows"]
    assert [r.name for r in waiting] == ["王建国", "李秀英"]


def test_nothing_ticked_is_an_error_not_a_file(client, committee, secretariat):
    factories.member(committee)
    client.force_login(secretariat)
    response = client.post(reverse("members_accounts"), {"days": 10, "action": "print"}, follow=True)
    assert "请勾选需要开通单的人员" in response.content.decode()
    assert not User.objects.filter(member__isnull=False).exists()


def test_send_reports_where_each_slip_went(client, committee, secretariat):
    member = factories.member(committee, name="王建国", email="wjg@example.com")
    client.force_login(secretariat)
    response = client.post(reverse("members_login", args=[member.pk]), {"days": 5, "action": "send"})
    assert response.status_code == 200 and "w**@example.com" in response.content.decode()


def test_a_member_row_resets_an_activated_login(client, committee, secretariat):
    member = factories.member(committee, number="70001")
    user = onboarding.member_login_ensure(member=member, actor=secretariat)
    user.set_password("Ziyang-2026!")
    user.save()
    client.force_login(secretariat)
    assert "该委员已激活此账号" in client.get(reverse("members_login", args=[member.pk])).content.decode()
    cells = docx_cells(client.post(reverse("members_login", args=[member.pk]), {"days": 3, "action": "print"}))
    assert "70001" in cells
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_a_unit_contact_is_ended_with_a_reason(client, committee, secretariat):
    unit = factories.unit(committee, code="801")
    user = onboarding.unit_contact_ensure(unit=unit, role=Role.UNIT_LIAISON, name="李明", actor=secretariat)
    client.force_login(secretariat)
    url = reverse("members_unit_logins", args=[unit.pk])
    assert "李明" in client.get(url).content.decode()
    client.post(url, {"action": "deactivate", "contact": user.pk, "reason": ""})
    assert User.objects.get(pk=user.pk).is_active
    response = client.post(url, {"action": "deactivate", "contact": user.pk, "reason": "调离"})
    assert response.status_code == 302
    assert not User.objects.get(pk=user.pk).is_active
    assert not RoleAssignment.objects.active().filter(user=user).exists()
    slip = client.post(url, {"action": "slip", "contact": user.pk, "days": 3})
    assert slip.status_code == 200 and slip["Content-Type"] != DOCX  # not a contact any more: no slip


def test_the_system_administrator_and_members_are_refused(client, committee, role_user):
    member = factories.member(committee)
    for role in (Role.ADMIN, Role.CHAIR):
        client.force_login(role_user(role))
        assert client.get(reverse("members_accounts")).status_code == 403
        assert client.post(reverse("members_login", args=[member.pk]), {"days": 3}).status_code == 403
    assert Member.objects.get(pk=member.pk).user is None


def test_the_import_form_asks_for_logins_by_default(client, committee, secretariat):
    client.force_login(secretariat)
    page = client.get(reverse("roster_import")).content.decode()
    assert 'name="create_logins"' in page and "checked" in page.split('name="create_logins"')[1][:80] \
        or "checked" in page.split('name="create_logins"')[0][-80:]


def test_the_member_and_unit_lists_lead_to_the_logins(client, committee, secretariat, role_user):
    member = factories.member(committee)
    unit = factories.unit(committee)
    client.force_login(secretariat)
    members_page = client.get("/admin/members/").content.decode()
    assert f"{reverse('members_accounts')}?kind=members" in members_page
    assert reverse("members_login", args=[member.pk]) in members_page  # the row's "Login and slip"
    bodies_page = client.get("/admin/bodies/").content.decode()
    assert f"{reverse('members_accounts')}?kind=units" in bodies_page
    assert reverse("members_unit_logins", args=[unit.pk]) in bodies_page
    client.force_login(role_user(Role.CHAIR))  # reads the lists, makes no logins
    page = client.get("/admin/members/").content.decode()
    assert reverse("members_accounts") not in page and reverse("members_login", args=[member.pk]) not in page


def test_the_login_states_filter_in_the_database_as_each_row_reads(client, committee, secretariat):
    """none / waiting / active / disabled: the list's filter (members.selectors, in SQL) and each row's label
    (login_state, in Python) agree, for members and for unit contacts."""
    from members import selectors

    nobody = factories.member(committee, name="未开通")
    waiting, active, disabled = (factories.member(committee, name=n) for n in ("待激活", "已激活", "已停用"))
    logins = {m.name: onboarding.member_login_ensure(member=m) for m in (waiting, active, disabled)}
    logins[active.name].set_password("Zz-activated-1")
    logins[active.name].save()
    User.objects.filter(pk=logins[disabled.name].pk).update(is_active=False)
    unit = factories.unit(committee, name="县水利局")
    onboarding.unit_contact_ensure(unit=unit, role=Role.UNIT_LIAISON, name="联络员甲")
    expected = {"none": {nobody.name}, "waiting": {waiting.name, "联络员甲"}, "active": {active.name},
                "disabled": {disabled.name}}
    client.force_login(secretariat)
    for state, names in expected.items():
        rows = client.get(reverse("members_accounts"), {"state": state}).context["rows"]
        assert {r.name for r in rows} == names, state
        assert {r.state for r in rows} == {state}
    assert selectors.login_unit_contacts([committee.pk], state="none").count() == 0  # a contact always has a login


def test_a_long_list_pages_and_everyone_listed_means_every_page(client, committee, secretariat):
    from members.onboarding_views import PAGE_SIZE

    for i in range(PAGE_SIZE + 5):
        factories.member(committee, name=f"委员{i:03d}", number=f"7{i:04d}")
    unit = factories.unit(committee, name="县水利局")
    onboarding.unit_contact_ensure(unit=unit, role=Role.UNIT_LIAISON, name="联络员甲")
    client.force_login(secretariat)
    first = client.get(reverse("members_accounts"))
    assert len(first.context["rows"]) == PAGE_SIZE and first.context["total"] == PAGE_SIZE + 6
    second = client.get(reverse("members_accounts"), {"p": 2})
    assert [r.name for r in second.context["rows"]][-2:] == [f"委员{PAGE_SIZE + 4:03d}", "联络员甲"]  # members, then contacts
    assert 'class="pagination"' in first.content.decode()
    response = client.post(reverse("members_accounts") + "?kind=members", {"everyone": "on", "days": 10, "action": "print"})
    assert response["Content-Type"] == DOCX
    assert Member.objects.filter(committee=committee, user__isnull=True).count() == 0  # all 105, not the first page's 100
