"""Access rows of the audit log (审计日志): the auditor and the superuser read it; nobody else does.

Only the listing, its results and the inspect page exist; guessed edit/delete URLs are tried in
tests/cppcc/test_audit.py."""

from cppcc import audit
from cppcc.models import AuditAction
from tests.access.table import outcome

READERS = ("auditor", "admin")


def extend(users, own, other):
    own["audit"] = audit.record(AuditAction.EXPORT, actor=users["secretariat"], detail="access table")


def rows():
    return [
        ("audit_log:index", None, outcome(READERS)),
        ("audit_log:index_results", None, outcome(READERS)),
        ("audit_log:inspect", "audit:own", outcome(READERS)),
    ]
