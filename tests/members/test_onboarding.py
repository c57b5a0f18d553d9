"""Onboarding (members/onboarding.py): logins from the roster, account slips with a one-time activation link,
the activation page, the end of a unit contact's login, term-ended members, and logins made by hand."""

import datetime
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from docx import Document

from cppcc import sms
from cppcc.models import AuditEvent
from members import onboarding
from members.imports import ImportFailed, MemberImporter, UnitImporter
from members.models import Member, TermMembership
from members.models.roles import Role, RoleAssignment
from tests import factories
from tests.members.test_import import UNIT_HEADERS, member_row, xlsx

PASSWORD = "Ziyang-2026!"
User = get_user_model()


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def roster(committee):
    term = factories.term(committee, 10)
    factories.sector(committee, "经济界")
    factories.party(committee, "中国民主同盟")
    return term


def unit_row(code="101", **changes):
    row = {"单位编码": code, "单位名称": "紫阳县教育局", "联络员": "李明", "联络员手机": "13991501234",
           "联络员邮箱": "liming@example.com", "负责人": "张强", "负责人手机": "13991505678"}
    row.update(changes)
    return row


def path_of(link):
    return re.sub(r"^https?://[^/]+", "", link)


def slip_for(user, actor, **kw):
    (slip,), _skipped = onboarding.slips_issue(users=[user], actor=actor, **kw)
    return slip


# ---- logins from the roster


def test_member_import_creates_logins_named_by_member_number(committee, roster, secretariat):
    importer = MemberImporter(committee=committee, user=secretariat, term=roster, create_logins=True)
    summary = importer.run(io.BytesIO(xlsx([member_row(n) for n in (1, 2, 3)])))
    assert "3 logins ready" in summary
    for member in Member.objects.filter(committee=committee):
        assert member.user.username == member.member_number
        assert not member.user.has_usable_password()  # set by the person with the slip's link
        assert RoleAssignment.objects.active().filter(user=member.user, role=Role.MEMBER, committee=committee).exists()
    # Importing again links nothing twice and creates no more logins.
    again = MemberImporter(committee=committee, user=secretariat, term=roster, create_logins=True)
    assert "login" not in again.run(io.BytesIO(xlsx([member_row(n) for n in (1, 2, 3)])))
    assert User.objects.filter(username__startswith="Z000").count() == 3


def test_member_import_without_the_option_creates_no_login(committee, roster, secretariat):
    MemberImporter(committee=committee, user=secretariat, term=roster).run(io.BytesIO(xlsx([member_row(1)])))
    assert Member.objects.get(member_number="Z0001").user is None


def test_a_user_name_of_another_person_stops_the_whole_import(committee, roster, secretariat, other_committee):
    factories.member(other_committee, name="外县委员", number="X1", user=factories.user("Z0002"))
    importer = MemberImporter(committee=committee, user=secretariat, term=roster, create_logins=True)
    with pytest.raises(ImportFailed) as failed:
        importer.run(io.BytesIO(xlsx([member_row(1), member_row(2)])))
    assert any("Z0002 belongs to 外县委员" in p.message and p.row == 3 for p in failed.value.problems)
    assert not Member.objects.filter(committee=committee).exists()  # nothing written


def test_unit_import_gives_the_liaison_and_the_leader_a_login(committee, secretariat):
    importer = UnitImporter(committee=committee, user=secretariat)
    assert "2 logins ready" in importer.run(io.BytesIO(xlsx([unit_row()], UNIT_HEADERS, "承办单位")))
    liaison, leader = User.objects.get(username="101-lly"), User.objects.get(username="101-fzr")
    assert (liaison.first_name, liaison.email, leader.first_name) == ("李明", "liming@example.com", "张强")
    assert RoleAssignment.objects.active().get(user=liaison).role == Role.UNIT_LIAISON
    assert RoleAssignment.objects.active().get(user=leader).unit.code == "101"
    assert liaison.notification_preference.sms_phone == "13991501234"
    # The same file again: the same people, nothing new.
    UnitImporter(committee=committee, user=secretariat).run(io.BytesIO(xlsx([unit_row()], UNIT_HEADERS, "承办单位")))
    assert RoleAssignment.objects.active().filter(unit__code="101").count() == 2


def test_a_new_contact_under_the_old_user_name_is_refused(committee, secretariat):
    UnitImporter(committee=committee, user=secretariat).run(io.BytesIO(xlsx([unit_row()], UNIT_HEADERS, "承办单位")))
    with pytest.raises(ImportFailed) as failed:
        UnitImporter(committee=committee, user=secretariat).run(
            io.BytesIO(xlsx([unit_row(联络员="王芳")], UNIT_HEADERS, "承办单位")))
    assert "101-lly belongs to 李明" in failed.value.problems[0].message
    # With a user name of its own, the new liaison gets a login next to the old one.
    UnitImporter(committee=committee, user=secretariat).run(
        io.BytesIO(xlsx([unit_row(联络员="王芳", 联络员账号="101-wangfang")], UNIT_HEADERS, "承办单位")))
    assert User.objects.get(username="101-wangfang").first_name == "王芳"


def test_a_phone_without_a_name_is_a_problem_of_the_row(committee, secretariat):
    with pytest.raises(ImportFailed) as failed:
        UnitImporter(committee=committee, user=secretariat).run(
            io.BytesIO(xlsx([unit_row(负责人=None)], UNIT_HEADERS, "承办单位")))
    assert [p.column for p in failed.value.problems] == ["负责人"]
    assert not User.objects.filter(username__startswith="101").exists()


def test_member_login_ensure_links_a_free_login_and_refuses_another_members(committee, secretariat):
    free = factories.user("M777")
    member = factories.member(committee, number="M777")
    assert onboarding.member_login_ensure(member=member, actor=secretariat) == free
    other = factories.member(committee, number="M778", user=factories.user("M779"))
    clash = factories.member(committee, number="M779")
    with pytest.raises(ValidationError, match="belongs to"):
        onboarding.member_login_ensure(member=clash, actor=secretariat)
    assert Member.objects.get(pk=clash.pk).user is None and other.user.username == "M779"


# ---- slips and the activation page


def test_the_slip_link_activates_the_login_once(client, committee, secretariat):
    member = factories.member(committee, name="王建国", number="10001")
    user = onboarding.member_login_ensure(member=member, actor=secretariat)
    slip = slip_for(user, secretariat, days=7)
    assert (slip.name, slip.username) == ("王建国", "10001")
    assert slip.expires_on == (timezone.localtime() + datetime.timedelta(days=7)).date()
    page = client.get(path_of(slip.link))
    assert page.status_code == 200 and "10001" in page.content.decode()
    weak = client.post(path_of(slip.link), {"new_password1": "abcdefghij", "new_password2": "abcdefghij"})
    assert weak.status_code == 200 and weak.context["form"].errors  # the password policy
    response = client.post(path_of(slip.link), {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    assert client.get("/portal/").context["member"] == member  # logged in
    client.logout()
    assert client.get(path_of(slip.link)).status_code == 404  # spent
    login = client.post(reverse("login"), {"username": "10001", "password": PASSWORD})
    assert login.status_code == 302 and login["Location"] == "/portal/"
    assert AuditEvent.objects.filter(detail__contains="account activated", actor=user).exists()


def test_a_newer_slip_replaces_the_older_and_a_reset_stops_the_password(client, committee, secretariat):
    user = onboarding.member_login_ensure(member=factories.member(committee, number="10002"), actor=secretariat)
    first = slip_for(user, secretariat)
    second = slip_for(user, secretariat)
    assert client.get(path_of(first.link)).status_code == 404
    client.post(path_of(second.link), {"new_password1": PASSWORD, "new_password2": PASSWORD})
    client.logout()
    # An activated login gets no slip unless reset; a reset ends the password.
    assert onboarding.slips_issue(users=[user], actor=secretariat) == ([], ["张三"])
    third = slip_for(user, secretariat, reset=True)
    assert client.post(reverse("login"), {"username": "10002", "password": PASSWORD}).status_code == 200  # refused
    assert client.get(path_of(third.link)).status_code == 200


def test_an_expired_or_tampered_link_is_refused(client, committee, secretariat):
    user = onboarding.member_login_ensure(member=factories.member(committee, number="10003"), actor=secretariat)
    slip = slip_for(user, secretariat, days=1)
    generator = onboarding.ActivationTokenGenerator()
    generator._now = lambda: datetime.datetime.now() + datetime.timedelta(days=2)
    token = path_of(slip.link).rstrip("/").rsplit("/", 1)[1]
    user.refresh_from_db()
    assert onboarding.activation_tokens.check_token(user, token) and not generator.check_token(user, token)
    ts, digest = token.split("-")
    stretched = path_of(slip.link).replace(token, f"{ts[:-1]}{'z' if ts[-1] != 'z' else 'y'}-{digest}")
    assert client.get(stretched).status_code == 404
    with pytest.raises(ValidationError):
        onboarding.slips_issue(users=[user], actor=secretariat, days=onboarding.MAX_DAYS + 1)


def test_activation_is_rate_limited(client, committee, secretariat, settings):
    settings.CPPCC_PASSWORD_RESET_RATE = "2/h"
    user = onboarding.member_login_ensure(member=factories.member(committee, number="10004"), actor=secretariat)
    url = path_of(slip_for(user, secretariat).link)
    for _ in range(2):
        assert client.post(url, {"new_password1": "x", "new_password2": "y"}).status_code == 200
    assert client.post(url, {"new_password1": PASSWORD, "new_password2": PASSWORD}).status_code == 429
    assert User.objects.get(pk=user.pk).has_usable_password() is False


def test_the_word_file_has_a_slip_per_person_with_its_qr_code(committee, secretariat):
    users = [onboarding.member_login_ensure(member=factories.member(committee, name=n, number=f"2000{i}"), actor=secretariat)
             for i, n in enumerate(("王建国", "李秀英"))]
    slips, _skipped = onboarding.slips_issue(users=users, actor=secretariat)
    with translation.override("zh-hans"):
        document = Document(io.BytesIO(onboarding.slips_docx(slips)))
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    assert {"王建国", "李秀英", "20000", "20001", slips[0].link, slips[1].link} <= set(cells)
    assert len(document.inline_shapes) == 2  # the QR codes


def test_slips_go_by_each_persons_channel(committee, secretariat, settings):
    settings.SMS_BACKEND = "cppcc.sms.LocmemSMSBackend"
    sms.outbox.clear()
    by_mail = onboarding.member_login_ensure(
        member=factories.member(committee, name="王建国", number="30001", email="wjg@example.com"), actor=secretariat)
    unit = factories.unit(committee, code="201")
    by_sms = onboarding.unit_contact_ensure(unit=unit, role=Role.UNIT_LIAISON, name="李明", phone="13991501234",
                                            actor=secretariat)
    nowhere = onboarding.unit_contact_ensure(unit=unit, role=Role.UNIT_LEADER, name="张强", actor=secretariat)
    slips, _skipped = onboarding.slips_issue(users=[by_mail, by_sms, nowhere], actor=secretariat)
    onboarding.slips_send(slips=slips, actor=secretariat)
    assert [s.sent_to for s in slips] == ["w**@example.com", "139****1234", ""]
    assert mail.outbox[0].to == ["wjg@example.com"] and slips[0].link in mail.outbox[0].body
    assert sms.outbox[0].to == "13991501234" and slips[1].link in sms.outbox[0].body


# ---- the end of a unit contact's login


def test_a_contact_who_left_is_deactivated_with_a_reason(client, committee, secretariat):
    unit = factories.unit(committee, code="301")
    user = onboarding.unit_contact_ensure(unit=unit, role=Role.UNIT_LIAISON, name="李明", actor=secretariat)
    slip = slip_for(user, secretariat)
    with pytest.raises(ValidationError):
        onboarding.unit_contact_deactivate(user=user, unit=unit, reason=" ", actor=secretariat)
    onboarding.unit_contact_deactivate(user=user, unit=unit, reason="调离", actor=secretariat)
    user.refresh_from_db()
    assert not user.is_active and not RoleAssignment.objects.active().filter(user=user).exists()
    assert client.get(path_of(slip.link)).status_code == 404
    assert AuditEvent.objects.filter(detail__contains="reason: 调离").exists()


def test_a_contact_of_two_units_keeps_the_login_for_the_other(committee, secretariat):
    first, second = factories.unit(committee, code="401"), factories.unit(committee, code="402")
    user = onboarding.unit_contact_ensure(unit=first, role=Role.UNIT_LIAISON, name="李明", actor=secretariat)
    onboarding.unit_contact_ensure(unit=second, role=Role.UNIT_LIAISON, name="李明", username=user.username,
                                   actor=secretariat)
    onboarding.unit_contact_deactivate(user=user, unit=first, reason="分工调整", actor=secretariat)
    user.refresh_from_db()
    assert user.is_active
    assert list(RoleAssignment.objects.active().filter(user=user).values_list("unit__code", flat=True)) == ["402"]
    # A member's login is not handed out as a unit login.
    onboarding.member_login_ensure(member=factories.member(committee, number="40001"), actor=secretariat)
    with pytest.raises(ValidationError, match="belongs to member"):
        onboarding.unit_contact_ensure(unit=first, role=Role.UNIT_LEADER, name="张三", username="40001",
                                       actor=secretariat)


# ---- members whose term ended; logins made by hand


def test_a_member_whose_term_ended_reads_but_files_nothing(client, committee, secretariat):
    from proposals import services
    from proposals.models import Kind

    term = factories.term(committee, 9)
    term.end_date = datetime.date(2011, 12, 31)
    term.save()
    session = factories_session(committee, term)
    member = factories.member(committee, number="50001")
    factories.membership(member, term)
    user = onboarding.member_login_ensure(member=member, actor=secretariat)
    assert not onboarding.is_serving(member) and onboarding.term_ended(member)
    assert not onboarding.term_ended(factories.member(committee, number="50002"))  # no term at all: not "ended"
    with pytest.raises(PermissionDenied):
        services.proposal_create_draft(actor=user, session=session, kind=Kind.BETWEEN, title="关于测试的提案")
    client.force_login(user)
    assert client.get(reverse("proposals:member_list")).status_code == 200  # reads
    response = client.get(reverse("proposals:member_new"))
    assert response.status_code == 302 and response["Location"] == reverse("proposals:member_list")
    assert client.get("/portal/").context["member"] == member
    # A new term: filing again.
    factories.membership(member, factories.term(committee, 10), sec=TermMembership.objects.get(member=member).sector,
                         par=TermMembership.objects.get(member=member).party)
    assert onboarding.is_serving(member)


def factories_session(committee, term):
    from members.models import Session

    return Session.objects.create(
        committee=committee, term=term, number=1, plenary_start=datetime.date(2008, 1, 10),
        plenary_end=datetime.date(2008, 1, 13), filing_opens=datetime.date(2007, 12, 1),
        filing_deadline=datetime.date(2008, 1, 12))


def test_a_hand_made_member_login_gets_a_plain_chinese_page(client, committee):
    from members.services import role_grant

    user = factories.user("handmade")
    role_grant(user=user, role=Role.MEMBER, committee=committee)  # as Wagtail's screens could have done
    client.force_login(user)
    with translation.override("zh-hans"):
        for url in (reverse("proposals:member_list"), "/portal/"):
            response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
            assert response.status_code == 403
            assert "members/portal/unlinked.html" in [t.name for t in response.templates]


def test_the_roles_screen_grants_the_member_role_only_to_a_member_record(client, committee, secretariat):
    user = factories.user("loose")
    client.force_login(secretariat)
    response = client.post(reverse("roles:add"), {"user": user.pk, "role": Role.MEMBER, "committee": committee.pk})
    assert response.status_code == 200 and "此账号未关联任何委员记录" in response.content.decode()
    assert not RoleAssignment.objects.filter(user=user).exists()


def test_a_login_put_in_the_member_group_by_hand_gets_the_same_page(client, committee):
    from django.contrib.auth.models import Group

    from members.roles import group_name

    user = factories.user("groupmade")
    user.groups.add(Group.objects.get(name=group_name(Role.MEMBER)))  # Wagtail's user screen ticks groups
    client.force_login(user)
    response = client.get(reverse("proposals:member_list"))
    assert response.status_code == 403 and "members/portal/unlinked.html" in [t.name for t in response.templates]


def test_a_disabled_member_login_gets_no_empty_slip(client, committee, secretariat):
    member = factories.member(committee, number="90001")
    user = onboarding.member_login_ensure(member=member, actor=secretariat)
    user.is_active = False
    user.save()
    client.force_login(secretariat)
    response = client.post(reverse("members_login", args=[member.pk]), {"days": 3, "action": "print"})
    assert response.status_code == 200 and "此账号已停用" in response.content.decode()


def test_the_system_administrator_imports_but_makes_no_logins(committee, roster, administrator):
    summary = MemberImporter(committee=committee, user=administrator, term=roster, create_logins=True).run(
        io.BytesIO(xlsx([member_row(1)])))
    assert "No logins were made" in summary and Member.objects.get(member_number="Z0001").user is None
    summary = UnitImporter(committee=committee, user=administrator).run(
        io.BytesIO(xlsx([unit_row()], UNIT_HEADERS, "承办单位")))
    assert "No logins were made" in summary and not User.objects.filter(username__startswith="101").exists()
