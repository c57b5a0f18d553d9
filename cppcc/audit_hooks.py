"""Where the audit log listens: auth signals, account changes, django-axes lockouts, and one middleware.

Each kind of event is hooked in one place rather than in every view:
- logins, logouts and failed logins: django.contrib.auth's signals;
- lockouts: django-axes' `user_locked_out` (only when axes is installed);
- permission changes of an account: group membership (m2m_changed) and the is_active / is_staff /
  is_superuser flags (a diff between pre_save and post_save); role grants are recorded by
  members.services, which knows the role and scope;
- password changes: the same diff, on the password hash;
- exports: AuditMiddleware records every response sent as an attachment (Wagtail's listing exports,
  the duty record, attendance sheets, reports, Word forms), except those a view recorded itself
  (file downloads mark their response);
- a PermissionDenied escaping a view: AuditMiddleware records the refusal.
"""

import re
from urllib.parse import unquote

from django.apps import apps
from django.contrib.auth import get_user_model, user_logged_in, user_logged_out, user_login_failed
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models.signals import m2m_changed, post_save, pre_save

from cppcc import audit
from cppcc.models.audit import AuditAction, AuditResult

WATCHED_FLAGS = ("is_active", "is_staff", "is_superuser")
# A response carrying this attribute was recorded by its view (cppcc.views.file_download).
RECORDED = "_cppcc_audit_recorded"


def mark_recorded(response):
    setattr(response, RECORDED, True)
    return response


def _account(username):
    if not username:
        return None
    User = get_user_model()
    return User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()


def on_login(sender, request, user, **kwargs):
    audit.record(AuditAction.LOGIN, request=request, actor=user, obj=user)


def on_logout(sender, request, user, **kwargs):
    audit.record(AuditAction.LOGOUT, request=request, actor=user, obj=user)


def on_login_failed(sender, credentials, request=None, **kwargs):
    # `credentials` comes cleansed by Django (the password replaced by stars); only the name is kept.
    username = str(credentials.get(get_user_model().USERNAME_FIELD) or credentials.get("username") or "")[:150]
    account = _account(username)
    audit.record(
        AuditAction.LOGIN_FAILED, request=request, obj=account, object_label=None if account else username,
        result=AuditResult.FAILURE, detail=f"username: {username}",
    )


def on_locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    account = _account(username)
    audit.record(
        AuditAction.LOCKOUT, request=request, obj=account, object_label=None if account else (username or ""),
        result=AuditResult.REFUSED, detail=f"username: {username or ''}; ip: {ip_address or ''}",
    )


def user_before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    instance._audit_before = None
    if raw or instance.pk is None:
        return
    watched = WATCHED_FLAGS + ("password",)
    if update_fields is not None and not set(update_fields) & set(watched):
        return  # e.g. last_login on every login: no query
    instance._audit_before = sender._default_manager.filter(pk=instance.pk).values(*watched).first()


def user_after_save(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if created:
        granted = [flag for flag in ("is_staff", "is_superuser") if getattr(instance, flag)]
        if granted:
            audit.record(AuditAction.PERMISSION_CHANGE, obj=instance,
                         detail="created with " + ", ".join(f"{flag}=True" for flag in granted))
        return
    before = instance.__dict__.pop("_audit_before", None)
    if not before:
        return
    changes = [f"{flag}: {before[flag]} -> {getattr(instance, flag)}" for flag in WATCHED_FLAGS
               if before[flag] != getattr(instance, flag)]
    if changes:
        audit.record(AuditAction.PERMISSION_CHANGE, obj=instance, detail="; ".join(changes))
    # A save of the password alone is Django re-hashing it at login (a stronger hasher), not a change.
    if before["password"] != instance.password and set(update_fields or ()) != {"password"}:
        audit.record(AuditAction.PASSWORD_CHANGE, obj=instance, detail="password changed")


def groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    verb = {"post_add": "added to group", "post_remove": "removed from group", "pre_clear": "removed from group"}[action]
    User = get_user_model()
    if not reverse:  # user.groups.add(...): instance is the user, pk_set groups
        if action == "pre_clear":
            pk_set = set(instance.groups.values_list("pk", flat=True))
        if pk_set:
            names = sorted(Group.objects.filter(pk__in=pk_set).values_list("name", flat=True))
            audit.record(AuditAction.PERMISSION_CHANGE, obj=instance, detail=f"{verb}: {', '.join(names)}")
        return
    # group.user_set.add(...): instance is the group, pk_set users
    if action == "pre_clear":
        pk_set = set(instance.user_set.values_list("pk", flat=True))
    for user in User._default_manager.filter(pk__in=pk_set or ()):
        audit.record(AuditAction.PERMISSION_CHANGE, obj=user, detail=f"{verb}: {instance.name}")


def connect():
    """Called once from CppccConfig.ready()."""
    User = get_user_model()
    user_logged_in.connect(on_login, dispatch_uid="cppcc.audit.login")
    user_logged_out.connect(on_logout, dispatch_uid="cppcc.audit.logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="cppcc.audit.login_failed")
    pre_save.connect(user_before_save, sender=User, dispatch_uid="cppcc.audit.user_pre")
    post_save.connect(user_after_save, sender=User, dispatch_uid="cppcc.audit.user_post")
    m2m_changed.connect(groups_changed, sender=User.groups.through, dispatch_uid="cppcc.audit.groups")
    if apps.is_installed("axes"):
        from axes.signals import user_locked_out

        user_locked_out.connect(on_locked_out, dispatch_uid="cppcc.audit.lockout")


_FILENAME_STAR = re.compile(r"filename\*=(?:UTF-8|utf-8)''([^;]+)")
_FILENAME = re.compile(r'filename="?([^";]+)"?')


def attachment_name(disposition: str) -> str:
    match = _FILENAME_STAR.search(disposition)
    if match:
        return unquote(match.group(1))
    match = _FILENAME.search(disposition)
    return match.group(1) if match else ""


def _exported_model(request):
    match = getattr(request, "resolver_match", None)
    func = getattr(match, "func", None)
    initkwargs = getattr(func, "view_initkwargs", None) or {}
    return initkwargs.get("model")


class AuditMiddleware:
    """Makes the request known to signal receivers, and records exports and refusals of every view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tokens = audit.begin_request(request)
        try:
            response = self.get_response(request)
            self._record_export(request, response)
            return response
        finally:
            audit.end_request(request, tokens)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            audit.record(AuditAction.ACCESS_REFUSED, request=request, result=AuditResult.REFUSED,
                         detail=f"{request.method} {request.get_full_path()[:1000]}")

    @staticmethod
    def _record_export(request, response):
        disposition = response.get("Content-Disposition", "") if hasattr(response, "get") else ""
        if response.status_code != 200 or not disposition.startswith("attachment") or getattr(response, RECORDED, False):
            return
        model = _exported_model(request)
        audit.record(
            AuditAction.EXPORT, request=request, obj=model, object_label=attachment_name(disposition),
            detail=f"{request.method} {request.get_full_path()[:1000]}",
        )
