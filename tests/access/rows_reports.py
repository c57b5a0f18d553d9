"""Access rows for reports/: dashboards and their exports, work summaries, labels, the summary's files.

The issue: only chairs, the secretariat and administrators take the summary away (list, ask, read,
download); the dashboards are for everyone who reads the committee's proposals in the admin.
"""

import datetime

from cppcc.services import file_store
from reports.models import SummaryReport
from tests.access.table import outcome

SUMMARY = ("secretariat", "chair", "admin")
DASHBOARD = ("secretariat", "reviewer", "chair", "admin")  # not the auditor (三员分立)
LABELS = ("secretariat", "admin")
SUPERUSER = ("admin",)


def _report(objects, user):
    report = SummaryReport.objects.create(
        committee=objects["committees"], period_kind="year", year=2007, as_of=datetime.date(2007, 12, 31),
        requested_by=user,
    )
    report.workbook = file_store(content=b"PK\x03\x04 not really", name="2007年工作总结统计.xlsx", user=user, owner=report)
    report.save(update_fields=["workbook"])
    return report


def extend(users, own, other):
    own["summary"] = _report(own, users["chair"])
    other["summary"] = _report(other, None)
    own["summary_file"] = own["summary"].workbook
    other["summary_file"] = other["summary"].workbook


def rows():
    return [
        ("reports:dashboard", None, outcome(DASHBOARD)),
        ("reports:dashboard_export", "arg:satisfaction", outcome(DASHBOARD)),
        ("reports:summary_list", None, outcome(SUMMARY)),
        ("reports:summary_request", None, outcome(SUMMARY)),
        ("reports:summary_detail", "summary:own", outcome(SUMMARY)),
        ("reports:summary_detail", "summary:other", outcome(SUPERUSER)),
        ("reports:labels", None, outcome(LABELS)),
        ("file_download", "summary_file:own", outcome(SUMMARY, admin_area=False)),
        ("file_download", "summary_file:other", outcome(SUPERUSER, admin_area=False)),
    ]
