"""The audit log: each kind of event recorded once with the right actor, address, object and result;
append-only through every door the system has; kept at least six months."""

import datetime
import logging

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cppcc import audit
from cppcc.checks import audit_retention
from cppcc.models import AuditAction, AuditEvent, AuditResult, CalendarDay
from cppcc.models.audit import AuditRefused
from cppcc.services import file_store
from members.models import RoleAssignment
from members.models.roles import Role
from members.services import role_grant, role_revoke
from tests import factories

PDF = b"%PDF-1.4\n%%EOF\n"
IP = "203.0.113.7"


def events(action, **filters):
    return list(AuditEvent.objects.filter(action=action, **filters))


def one(action, **filters):
    found = events(action, **filters)
    assert len(found) == 1, f"{action}: {len(found)} events {found}"
    return found[0]


def latest(**filters):
    return AuditEvent.objects.filter(**filters).order_by("-pk").first()


# ---- what is recorded


def test_a_login_is_recorded_with_actor_address_and_browser(client, db):
    user = factories.user("zhangsan", password="pass-1234-word")
    client.post(reverse("login"), {"username": "zhangsan", "password": "pass-1234-word"},
                REMOTE_ADDR=IP, HTTP_USER_AGENT="Mozilla/5.0 (test)")
    event = one(AuditAction.LOGIN)
    assert (event.actor, event.actor_name, event.ip_address, event.result) == (user, "zhangsan", IP, "success")
    assert event.user_agent == "Mozilla/5.0 (test)"
    assert (event.object_type.model, event.object_id) == ("user", str(user.pk))
    client.post(reverse("logout"), REMOTE_ADDR=IP)
    assert one(AuditAction.LOGOUT).actor == user


def test_a_failed_login_names_the_account_tried_but_never_the_password(client, db):
    user = factories.user("lisi", password="pass-1234-word")
    client.post(reverse("login"), {"username": "lisi", "password": "wrong-secret-99"}, REMOTE_ADDR=IP)
    event = one(AuditAction.LOGIN_FAILED)
    assert (event.actor, event.result, event.ip_address) == (None, AuditResult.FAILURE, IP)
    assert (event.object_id, event.object_label) == (str(user.pk), "lisi")
    assert "lisi" in event.detail
    client.post(reverse("login"), {"username": "nobody", "password": "wrong-secret-99"}, REMOTE_ADDR=IP)
    unknown = one(AuditAction.LOGIN_FAILED, object_label="nobody")
    assert unknown.object_type is None
    for row in AuditEvent.objects.values():
        assert "wrong-secret-99" not in str(row)
    assert not events(AuditAction.LOGIN)


def test_x_forwarded_for_is_believed_only_behind_a_trusted_proxy(client, db, settings):
    factories.user("wangwu", password="pass-1234-word")
    data = {"username": "wangwu", "password": "bad"}
    client.post(reverse("login"), data, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert one(AuditAction.LOGIN_FAILED).ip_address == "10.0.0.2"  # a client can write the header itself
    settings.CPPCC_PROXY_COUNT = 1
    client.post(reverse("login"), data, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.9")
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED).order_by("-pk")[0].ip_address == "198.51.100.9"


def test_a_role_grant_and_revoke_are_recorded_once_each(committee, secretariat):
    user = factories.user("grantee")
    assignment = role_grant(user=user, role=Role.REVIEWER, committee=committee, actor=secretariat)
    target = {"object_type__model": "roleassignment", "object_id": str(assignment.pk)}
    granted = one(AuditAction.PERMISSION_CHANGE, **target)
    assert (granted.actor, granted.result) == (secretariat, "success")
    assert "granted" in granted.detail and "grantee" in granted.detail
    role_grant(user=user, role=Role.REVIEWER, committee=committee, actor=secretariat)  # idempotent: nothing new
    one(AuditAction.PERMISSION_CHANGE, **target)
    role_revoke(assignment=assignment, actor=secretariat, reason="调离")
    revoked = AuditEvent.objects.filter(action=AuditAction.PERMISSION_CHANGE, **target).order_by("-pk")[0]
    assert "revoked" in revoked.detail and "调离" in revoked.detail
    assert len(events(AuditAction.PERMISSION_CHANGE, **target)) == 2
    # The group membership the role carried is recorded as the account's own change.
    assert any("role:reviewer" in e.detail for e in events(AuditAction.PERMISSION_CHANGE, object_type__model="user",
                                                           object_id=str(user.pk)))


def test_revoking_in_the_admin_records_the_address(client, committee, secretariat):
    assignment = role_grant(user=factories.user(), role=Role.REVIEWER, committee=committee, actor=secretariat)
    client.force_login(secretariat)
    response = client.post(reverse("roles:revoke", args=[assignment.pk]), {"reason": "换届"}, REMOTE_ADDR=IP)
    assert response.status_code == 302
    event = AuditEvent.objects.filter(object_id=str(assignment.pk), detail__contains="revoked").get()
    assert (event.actor, event.ip_address) == (secretariat, IP)


def test_a_grant_rolled_back_leaves_no_audit_row(committee, secretariat):
    user = factories.user()
    with pytest.raises(RuntimeError), transaction.atomic():
        role_grant(user=user, role=Role.REVIEWER, committee=committee, actor=secretariat)
        raise RuntimeError("the caller's transaction fails after the grant")
    assert not RoleAssignment.objects.filter(user=user).exists()
    assert not AuditEvent.objects.filter(object_type__model="roleassignment").exclude(actor=None).filter(
        detail__contains=user.username).exists()


def test_account_flags_and_groups_are_permission_changes(db):
    user = factories.user("flagged")
    user.is_superuser = True
    user.is_active = False
    user.save()
    event = one(AuditAction.PERMISSION_CHANGE, object_id=str(user.pk))
    assert "is_superuser: False -> True" in event.detail and "is_active: True -> False" in event.detail
    group = Group.objects.create(name="审计员临时组")
    user.groups.add(group)
    assert latest(object_id=str(user.pk)).detail == "added to group: 审计员临时组"
    user.groups.clear()
    assert latest(object_id=str(user.pk)).detail == "removed from group: 审计员临时组"
    user.last_login = timezone.now()
    user.save(update_fields=["last_login"])  # not a permission: nothing recorded
    assert len(events(AuditAction.PERMISSION_CHANGE, object_id=str(user.pk))) == 3


def test_a_password_change_is_recorded_without_the_hash(client, db):
    user = factories.user("changer", password="pass-1234-word")
    client.force_login(user)
    client.post(reverse("password_change"), {
        "old_password": "pass-1234-word", "new_password1": "new-Secret-5678", "new_password2": "new-Secret-5678",
    }, REMOTE_ADDR=IP)
    event = one(AuditAction.PASSWORD_CHANGE)
    assert (event.actor, event.object_id, event.ip_address) == (user, str(user.pk), IP)
    user.refresh_from_db()
    assert user.password not in event.detail


def test_an_allowed_and_a_refused_download_are_both_recorded(client, db):
    owner, stranger = factories.user("owner"), factories.user("stranger")
    stored = file_store(content=PDF, name="答复函.pdf", user=owner)
    client.force_login(owner)
    response = client.get(reverse("file_download", args=[stored.pk]), REMOTE_ADDR=IP)
    assert response.status_code == 200
    allowed = one(AuditAction.FILE_DOWNLOAD, result=AuditResult.SUCCESS)
    assert (allowed.actor, allowed.object_id, allowed.object_label, allowed.ip_address) == (owner, str(stored.pk), "答复函.pdf", IP)
    client.force_login(stranger)
    assert client.get(reverse("file_download", args=[stored.pk])).status_code == 404
    refused = one(AuditAction.FILE_DOWNLOAD, result=AuditResult.REFUSED)
    assert (refused.actor, refused.object_id) == (stranger, str(stored.pk))
    assert not events(AuditAction.EXPORT)  # a download is not counted again as an export


def test_an_admin_listing_export_is_recorded_with_its_model(client, committee, secretariat):
    CalendarDay.objects.create(date=datetime.date(2026, 10, 10), is_workday=True, name="调休上班")
    client.force_login(secretariat)
    response = client.get("/admin/calendar/?export=xlsx", REMOTE_ADDR=IP)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    event = one(AuditAction.EXPORT)
    assert (event.actor, event.ip_address, event.object_type.model) == (secretariat, IP, "calendarday")
    assert event.object_label.endswith(".xlsx") and "export=xlsx" in event.detail
    client.get("/admin/calendar/")  # the listing itself is not an export
    assert len(events(AuditAction.EXPORT)) == 1


def test_a_refused_portal_page_is_recorded(client, committee, role_user):
    liaison = role_user(Role.UNIT_LIAISON)
    client.force_login(liaison)
    client.raise_request_exception = False
    assert client.get(reverse("proposals:member_list"), REMOTE_ADDR=IP).status_code == 403
    event = one(AuditAction.ACCESS_REFUSED)
    assert (event.actor, event.result, event.ip_address) == (liaison, AuditResult.REFUSED, IP)


def test_recording_never_breaks_the_callers_action(db, monkeypatch, caplog):
    def broken(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(AuditEvent, "save", broken)
    with caplog.at_level(logging.ERROR, logger="cppcc.audit"):
        assert audit.record(AuditAction.EXPORT, detail="x") is None
    assert "could not be recorded" in caplog.text
    user = factories.user("still-works")  # signal receivers call record(); the save goes through
    assert user.pk


# ---- append-only


@pytest.fixture
def event(db):
    return audit.record(AuditAction.EXPORT, actor=factories.user("auditee"), detail="original")


def test_a_stored_event_cannot_be_changed_or_deleted_through_the_model(event):
    event.detail = "forged"
    with pytest.raises(AuditRefused):
        event.save()
    with pytest.raises(AuditRefused):
        event.delete()
    queryset = AuditEvent.objects.filter(pk=event.pk)
    with pytest.raises(AuditRefused):
        queryset.update(detail="forged")
    with pytest.raises(AuditRefused):
        queryset.delete()
    with pytest.raises(AuditRefused):
        AuditEvent.objects.bulk_update([event], ["detail"])
    with pytest.raises(AuditRefused):
        AuditEvent.objects.update_or_create(pk=event.pk, defaults={"detail": "forged"})
    event.refresh_from_db()
    assert event.detail == "original"


AUDITOR_URLS = ["/admin/audit-log/", "/admin/audit-log/results/"]
GUESSED = ["new/", "edit/{pk}/", "delete/{pk}/", "copy/{pk}/", "history/{pk}/", "usage/{pk}/", "{pk}/", "{pk}/edit/",
           "{pk}/delete/", "bulk/delete/?id={pk}", "inspect/{pk}/delete/"]


@pytest.mark.parametrize("who", ["auditor", "superuser"])
def test_no_admin_url_edits_or_deletes_an_event(client, committee, role_user, event, who):
    user = role_user(Role.AUDITOR)
    if who == "superuser":  # an auditor who is also a superuser still cannot change the log
        user.is_superuser = user.is_staff = True
        user.save()
    client.force_login(user)
    page = client.get("/admin/audit-log/")
    assert page.status_code == 200 and "auditee" in page.content.decode()
    assert client.get(f"/admin/audit-log/inspect/{event.pk}/").status_code == 200
    for guess in GUESSED:
        url = "/admin/audit-log/" + guess.format(pk=event.pk)
        response = client.post(url, {"detail": "forged", "action": "login", "result": "failure"})
        assert response.status_code in (403, 404, 405), f"{url}: {response.status_code}"
    event.refresh_from_db()
    assert event.detail == "original" and AuditEvent.objects.filter(pk=event.pk).exists()
    html = page.content.decode()
    for action_url in ("/admin/audit-log/edit/", "/admin/audit-log/delete/", "/admin/audit-log/new/"):
        assert action_url not in html
    policy = __import__("wagtail.permissions", fromlist=["policy_registry"]).policy_registry.get_by_type(AuditEvent)
    for action in ("add", "change", "delete"):
        assert not policy.user_has_permission(user, action)


def test_the_auditor_reads_filters_searches_and_exports_the_log(client, committee, role_user, db):
    auditor = role_user(Role.AUDITOR)
    audit.record(AuditAction.LOGIN_FAILED, result=AuditResult.FAILURE, object_label="张三", detail="username: 张三")
    audit.record(AuditAction.EXPORT, object_label="=HYPERLINK(\"http://evil\")", detail="export")
    client.force_login(auditor)
    only_failures = client.get("/admin/audit-log/?result=failure").content.decode()
    assert "张三" in only_failures and "HYPERLINK" not in only_failures
    assert "张三" in client.get("/admin/audit-log/?q=张").content.decode()
    today = timezone.localdate().isoformat()
    assert "张三" in client.get(f"/admin/audit-log/?at_from={today}&at_to={today}").content.decode()
    assert "张三" not in client.get("/admin/audit-log/?at_to=2000-01-01").content.decode()
    response = client.get("/admin/audit-log/?export=csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig") if response.streaming else response.content.decode()
    assert "张三" in body and "'=HYPERLINK" in body  # formulas neutralised
    exported = one(AuditAction.EXPORT, actor=auditor)
    assert exported.object_type.model == "auditevent"


@pytest.mark.parametrize("role", [Role.SECRETARIAT, Role.CHAIR, Role.MEMBER, Role.UNIT_LIAISON])
def test_other_roles_do_not_see_the_log(client, committee, role_user, role):
    client.force_login(role_user(role))
    response = client.get("/admin/audit-log/")
    assert response.status_code != 200
    assert "/admin/audit-log/" not in client.get("/admin/").content.decode()


def test_the_menu_shows_the_log_to_the_auditor(client, committee, role_user):
    client.force_login(role_user(Role.AUDITOR))
    assert "/admin/audit-log/" in client.get("/admin/").content.decode()


# ---- retention


def _aged(days, detail):
    return AuditEvent.objects.create(at=timezone.now() - datetime.timedelta(days=days), action=AuditAction.EXPORT,
                                     detail=detail)


def test_the_purge_deletes_only_what_is_older_than_the_retention(db, settings):
    settings.AUDIT_RETENTION_DAYS = 365
    old, kept = _aged(400, "old"), _aged(300, "kept")
    assert audit.purge() == 1
    assert not AuditEvent.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.filter(pk=kept.pk).exists()
    assert "1 events" in one(AuditAction.PURGE).detail  # the purge itself is on record


def test_the_purge_never_cuts_into_the_last_six_months(db, settings):
    settings.AUDIT_RETENTION_DAYS = 30  # refused at start-up; clamped here anyway
    young, old = _aged(100, "young"), _aged(200, "old")
    assert audit.retention_days() == 183
    assert audit.purge() == 1
    assert AuditEvent.objects.filter(pk=young.pk).exists() and not AuditEvent.objects.filter(pk=old.pk).exists()
    # Even with a clock in the future, the cut stays six months before the real now.
    assert audit.purge(now=timezone.now() + datetime.timedelta(days=1000)) == 0
    assert AuditEvent.objects.filter(pk=young.pk).exists()


def test_a_retention_below_six_months_is_refused_at_start_up(settings):
    settings.AUDIT_RETENTION_DAYS = 90
    errors = audit_retention()
    assert [e.id for e in errors] == ["cppcc.E001"]
    settings.AUDIT_RETENTION_DAYS = 183
    assert audit_retention() == []


def test_the_command_and_the_beat_task_purge(db, settings, capsys):
    from cppcc.tasks import purge_audit_log

    assert "cppcc.tasks.purge_audit_log" in {e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    _aged(500, "a")
    call_command("purge_audit_log")
    assert "1 audit events older than 365 days deleted" in capsys.readouterr().out
    _aged(500, "b")
    assert purge_audit_log.delay().get() == 1


# ---- lockouts (django-axes' user_locked_out, connected in audit_hooks.connect() only where axes is installed)


def test_a_lockout_is_recorded_by_the_axes_receiver(db, rf):
    from cppcc import audit_hooks

    user = factories.user("locked")
    request = rf.post("/accounts/login/", REMOTE_ADDR=IP)
    # The arguments django-axes sends (axes/handlers/database.py): sender "axes", request, username, ip_address.
    audit_hooks.on_locked_out("axes", request=request, username="locked", ip_address=IP)
    event = one(AuditAction.LOCKOUT)
    assert (event.result, event.ip_address, event.object_id, event.actor) == (AuditResult.REFUSED, IP, str(user.pk), None)
    assert "locked" in event.detail
