"""The one way to write the audit log (`record`), and its retention purge (`purge`).

Transactions: `record` writes inside the caller's transaction, in a savepoint. A successful action
whose transaction later rolls back therefore leaves no audit row (it did not happen), and a failing
audit insert never breaks the caller's work (it is logged and the action goes on). Refusals and
failures must survive, so they are recorded where no business transaction is open any more: the
auth signals (authenticate() runs outside transactions), the file download view, and the audit
middleware, which records exceptions such as PermissionDenied after the view's atomic block has
unwound. A service that refuses inside its own atomic block calls `record_refusal`: during a request
the row is kept aside and written by the middleware once the view has returned (and the service's
transaction has rolled back); outside a transaction it is written at once.
"""

import contextvars
import ipaddress
import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone

from cppcc.models.audit import AuditAction, AuditEvent, AuditResult  # noqa: F401  (callers use audit.AuditAction)

logger = logging.getLogger(__name__)

# Six months: whatever AUDIT_RETENTION_DAYS says, the purge keeps at least this much (the PostgreSQL
# trigger of migration 0006 enforces the same floor).
MIN_RETENTION_DAYS = 183
DEFAULT_RETENTION_DAYS = 365

_current_request = contextvars.ContextVar("cppcc_audit_request", default=None)
_pending_refusals = contextvars.ContextVar("cppcc_audit_pending", default=None)


def current_request():
    """The request being served in this thread/task, set by cppcc.audit_hooks.AuditMiddleware."""
    return _current_request.get()


def record_refusal(action, *, actor=None, obj=None, detail="", result=AuditResult.REFUSED):
    """A refusal raised inside a transaction that will roll back: written after it, not inside it.

    During a request (AuditMiddleware) the row waits until the view has returned; outside a transaction it
    is written now. In a task or command inside a transaction it is written there and shares its fate.
    """
    pending = _pending_refusals.get()
    if pending is not None and connection.in_atomic_block:
        pending.append({"action": action, "actor": actor, "obj": obj, "detail": detail, "result": result,
                        "object_label": str(obj)[:255] if obj is not None else None})
        return None
    return record(action, actor=actor, obj=obj, detail=detail, result=result)


def begin_request(request):
    """Called by AuditMiddleware: the request signal receivers read, and a fresh list of pending refusals."""
    return _current_request.set(request), _pending_refusals.set([])


def end_request(request, tokens):
    """Write the refusals kept aside during the request (the view has returned: no transaction is open)."""
    pending = _pending_refusals.get() or []
    try:
        for kwargs in pending:
            record(request=request, **kwargs)
    finally:
        _current_request.reset(tokens[0])
        _pending_refusals.reset(tokens[1])


def _ip(value):
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def client_ip(request):
    """REMOTE_ADDR; with CPPCC_PROXY_COUNT = n > 0, the address the n-th proxy from us saw.

    X-Forwarded-For is written by the client too, so only the entries our own proxies appended are
    believed: with one reverse proxy in front, the last entry.
    """
    remote = _ip(request.META.get("REMOTE_ADDR"))
    proxies = getattr(settings, "CPPCC_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return _ip(forwarded[-proxies]) or remote
    return remote


def record(action, *, request=None, actor=None, obj=None, result=AuditResult.SUCCESS, detail="",
           object_label=None):
    """Append one audit event; never raises into the caller (a failure is logged and None returned)."""
    try:
        action = AuditAction(action)
        result = AuditResult(result)
        request = request if request is not None else current_request()
        if actor is None and request is not None:
            actor = getattr(request, "user", None)
        if actor is not None and not getattr(actor, "is_authenticated", False):
            actor = None
        event = AuditEvent(
            at=timezone.now(), actor=actor, actor_name=actor.get_username()[:150] if actor else "",
            action=action, result=result, detail=str(detail or "")[:4000],
        )
        if request is not None:
            event.ip_address = client_ip(request)
            event.user_agent = request.META.get("HTTP_USER_AGENT", "")[:200]
        if isinstance(obj, models.Model):
            event.object_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
            event.object_id = str(obj.pk) if obj.pk is not None else ""
            event.object_label = str(obj)[:255]
        elif isinstance(obj, type) and issubclass(obj, models.Model):
            event.object_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
            event.object_label = str(obj._meta.verbose_name_plural)[:255]
        if object_label is not None:
            event.object_label = str(object_label)[:255]
        with transaction.atomic():  # a savepoint: a failed insert leaves the caller's transaction usable
            event.save()
        return event
    except Exception:  # an audit failure must not turn the user's action into an error page
        logger.exception("audit event %r could not be recorded", action)
        return None


def retention_days() -> int:
    """AUDIT_RETENTION_DAYS, never below six months."""
    days = getattr(settings, "AUDIT_RETENTION_DAYS", DEFAULT_RETENTION_DAYS)
    return max(int(days), MIN_RETENTION_DAYS)


def purge(*, now=None) -> int:
    """Delete events older than the retention period (at least six months); the only path that deletes."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=retention_days())
    # Belt and braces: whatever retention_days() returned, never cut into the last six months.
    cutoff = min(cutoff, timezone.now() - timedelta(days=MIN_RETENTION_DAYS))
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Read by the trigger of migration 0006; SET LOCAL ends with this transaction.
                cursor.execute("SET LOCAL cppcc.audit_purge = 'on'")
        deleted, _ = AuditEvent.objects.all()._purge_older_than(cutoff)
        if deleted:
            record(AuditAction.PURGE, detail=f"{deleted} events before {cutoff:%Y-%m-%d %H:%M:%S} UTC deleted "
                                             f"(retention {retention_days()} days)")
    return deleted
