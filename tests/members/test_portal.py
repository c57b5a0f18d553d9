"""The portal home and the secretariat's password reset for members who forgot theirs."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from members.models.roles import Role
from members.services import member_password_reset_send
from tests import factories

pytestmark = pytest.mark.django_db


def reset_url(member):
    return reverse("members_password_reset", args=[member.pk])


@pytest.fixture
def member_user(committee):
    """A member with a login, an e-mail, a phone, an identity number and a term membership."""
    user = factories.user_with_role(Role.MEMBER, committee, username="M2025001")
    user.email = "zhangsan@example.cn"
    user.save()
    member = user.member
    member.phone, member.id_number = "13912345678", "612425198001011234"
    member.save()
    factories.membership(member, factories.term(committee), sec=factories.sector(committee, "教育界"), is_standing=True)
    return user


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get("/portal/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=/portal/")


def test_member_sees_own_profile_with_full_phone_and_identity_number(client, member_user):
    client.force_login(member_user)
    response = client.get("/portal/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in (member_user.member.member_number, "13912345678", "612425198001011234", "第十届", "教育界",
                 reverse("password_change")):
        assert text in html, text
    assert "139****5678" not in html


def test_unit_liaison_sees_their_unit(client, committee):
    unit = factories.unit(committee, name="县卫生健康局")
    client.force_login(factories.user_with_role(Role.UNIT_LIAISON, committee, unit=unit))
    response = client.get("/portal/")
    assert response.status_code == 200
    assert response.context["member"] is None
    assert "县卫生健康局" in response.content.decode()


def test_secretariat_only_user_is_sent_to_the_admin(client, secretariat):
    client.force_login(secretariat)
    response = client.get("/portal/")
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_secretariat_sends_a_reset_link_by_e_mail_and_sees_it(client, secretariat, member_user):
    member = member_user.member
    client.force_login(secretariat)
    page = client.get(reset_url(member))
    assert page.status_code == 200
    assert "zhangsan@example.cn" in page.content.decode()
    assert not mail.outbox  # GET only confirms

    response = client.post(reset_url(member))
    assert response.status_code == 200
    link = response.context["link"]
    assert link.startswith("http://127.0.0.1:8000/accounts/password/reset/")
    assert link in response.content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["zhangsan@example.cn"]
    assert link in mail.outbox[0].body and "\n" not in mail.outbox[0].subject
    entry = ModelLogEntry.objects.get(action="cppcc.password_reset", object_id=str(member.pk))
    assert entry.user_id == secretariat.pk and entry.data == {"emailed_to": "zhangsan@example.cn"}
    assert link not in str(entry.data)  # the secret stays out of the log


def test_edit_page_offers_the_reset(client, secretariat, member_user):
    client.force_login(secretariat)
    html = client.get(reverse("members:edit", args=[member_user.member.pk])).content.decode()
    assert reset_url(member_user.member) in html


def test_member_without_e_mail_gets_a_link_to_read_by_phone(client, secretariat, committee):
    member = factories.member(committee, user=factories.user())
    client.force_login(secretariat)
    from django.utils.translation import gettext

    notice = gettext("No e-mail on the account: read the link to the member by phone.")
    assert notice in client.get(reset_url(member)).content.decode()
    response = client.post(reset_url(member))
    assert response.status_code == 200 and response.context["link"]
    assert not mail.outbox


def test_member_without_account_gets_a_message_not_an_error(client, secretariat, committee):
    member = factories.member(committee)
    client.force_login(secretariat)
    assert client.get(reset_url(member)).status_code == 200
    response = client.post(reset_url(member))
    assert response.status_code == 200 and response.context["link"] is None
    assert not ModelLogEntry.objects.filter(action="cppcc.password_reset").exists()


def test_secretariat_of_another_committee_is_refused(client, other_committee, member_user):
    stranger = factories.user_with_role(Role.SECRETARIAT, other_committee)
    client.force_login(stranger)
    assert client.get(reset_url(member_user.member)).status_code == 403
    assert client.post(reset_url(member_user.member)).status_code == 403
    assert not mail.outbox


def test_readers_without_change_permission_are_refused(client, role_user, member_user):
    client.force_login(role_user(Role.AUDITOR))
    assert client.post(reset_url(member_user.member)).status_code == 403


def test_member_cannot_reach_the_reset_view(client, member_user, committee):
    other = factories.member(committee, user=factories.user())
    client.force_login(member_user)
    response = client.post(reset_url(other))
    assert response.status_code == 302 and "/login/" in response["Location"]  # the admin's door: a member logs in
    assert not ModelLogEntry.objects.filter(action="cppcc.password_reset").exists()


def test_the_reset_link_lets_the_member_set_a_password_and_log_in(client, secretariat, member_user):
    link = member_password_reset_send(member=member_user.member, actor=secretariat)
    path = re.sub(r"^https?://[^/]+", "", link)
    response = client.get(path)  # Django moves the token into the session, then redirects
    assert response.status_code == 302
    form_url = response["Location"]
    assert client.get(form_url).context["validlink"]
    response = client.post(form_url, {"new_password1": "Ziyang-2025!", "new_password2": "Ziyang-2025!"})
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_complete")
    assert client.get(response["Location"]).status_code == 200

    response = client.post(reverse("login"), {"username": "M2025001", "password": "Ziyang-2025!"})
    assert response.status_code == 302 and response["Location"] == "/portal/"
    client.logout()
    assert not client.get(path, follow=True).context["validlink"]  # used once, then dead


def test_service_refuses_a_member_without_account(committee, secretariat):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        member_password_reset_send(member=factories.member(committee), actor=secretariat)


def test_portal_home_links_to_the_work_of_each_role(client, role_user):
    from members.models.roles import Role

    member = role_user(Role.MEMBER)
    client.force_login(member)
    page = client.get("/portal/").content.decode()
    assert "/portal/proposals/" in page and "/portal/unit/" not in page
    liaison = role_user(Role.UNIT_LIAISON)
    client.force_login(liaison)
    page = client.get("/portal/").content.decode()
    assert "/portal/unit/" in page and "/portal/proposals/" not in page
