"""Access rows of the audit log (审计日志): the auditor reads it; nobody else does, the system administrator
(a superuser) included (三员分立: members.permissions.may_read_audit_log).

Only the listing, its results and the inspect page exist; guessed edit/delete URLs are tried in
tests/cppcc/test_audit.py."""

from cppcc import audit
from cppcc.models import AuditAction
from tests.access.table import outcome

READERS = ("auditor",)


def extend(users, own, other):
    own["audit"] = audit.record(AuditAction.EXPORT, actor=users["secretariat"], detail="access table")


def rows():
    return [
        ("audit_log:index", None, outcome(READERS)),
        ("audit_log:index_results", None, outcome(READERS)),
        ("audit_log:inspect", "audit:own", outcome(READERS)),
    ]
