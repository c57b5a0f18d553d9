"""Writes of reports/: asking for a summary (a background job), generating it, editing the labels."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cppcc.rates import Rate
from cppcc.history import delete_audited, save_audited
from cppcc.services import file_store, job_start
from members.periods import Period, check_cutoff, local_today
from reports import permissions
from reports.areas import default_labels
from reports.document import summary_document
from reports.models import SummaryLabel, SummaryReport
from reports.summary import Summary, build_summary, steps
from reports.workbook import summary_workbook

JOB_KIND = "reports.summary"


def period_for(*, committee, year=None, session=None) -> Period:
    if (year is None) == (session is None):
        raise ValidationError(_("Choose a year or a session."))
    if session is not None:
        if session.committee_id != committee.pk:
            raise ValidationError(_("The session belongs to another committee."))
        return Period.of_session(session)
    return Period.of_year(committee, int(year))


def write_summary(period: Period, as_of: datetime.date | None = None, *, progress=None, today=None):
    """(summary, workbook bytes, Word bytes): the one path the job and the command both take."""
    step = progress or (lambda *args: None)
    # The summary is a Chinese document whoever asks for it, in whatever process (web, worker, command).
    with translation.override(settings.LANGUAGE_CODE):
        summary = build_summary(period, as_of, progress=step, today=today)
        workbook = summary_workbook(summary)
        step("workbook")
        document = summary_document(summary)
        step("document")
    return summary, workbook, document


def write_steps() -> int:
    return steps() + 2


@transaction.atomic
def summary_request(*, actor, committee, as_of: datetime.date | None = None, year=None, session=None) -> SummaryReport:
    """Chairs, the secretariat and administrators ask for a summary; a worker generates it."""
    if not permissions.may_request_summary(actor, committee):
        raise PermissionDenied(_("Only the chairs, the secretariat and administrators may ask for the summary."))
    period = period_for(committee=committee, year=year, session=session)
    check_cutoff(as_of)
    as_of = as_of or local_today()
    report = SummaryReport.objects.create(
        committee=committee, period_kind="session" if session is not None else "year",
        year=None if session is not None else int(year), session=session, as_of=as_of, requested_by=actor,
    )
    title = _("Work summary %(period)s (as of %(date)s)") % {"period": period.label, "date": as_of.isoformat()}
    report.job = job_start(kind=JOB_KIND, title=title[:200], requester=actor, params={"report_id": report.pk})
    report.save(update_fields=["job"])
    return report


def summary_generate(report: SummaryReport, progress=None) -> SummaryReport:
    """Write the workbook and the Word document of `report` and store them privately, owned by it."""
    total = write_steps() + 1
    done = [0]

    def step(_name=None):
        done[0] += 1
        if progress:
            progress(done[0], total)

    if progress:
        progress(0, total)
    summary, workbook, document = write_summary(report.period, report.as_of, progress=step)
    stem = report.file_stem
    with transaction.atomic():
        report = SummaryReport.objects.select_for_update().get(pk=report.pk)
        report.workbook = file_store(content=workbook, name=f"{stem}.xlsx", user=report.requested_by, owner=report)
        report.document = file_store(content=document, name=f"{stem}.docx", user=report.requested_by, owner=report)
        report.text = summary.text
        report.overview = overview_json(summary)
        report.generated_at = timezone.now()
        report.save(update_fields=["workbook", "document", "text", "overview", "generated_at"])
    step("stored")
    return report


def overview_json(summary: Summary) -> list:
    """The 总览 figures as stored with the report (the list page shows them without opening the file)."""
    rows = []
    for line in summary.overview:
        value = line.value
        rows.append({"key": line.key, "label": line.label, "value": str(value) if isinstance(value, Rate) else value})
    return rows


@transaction.atomic
def labels_save(*, actor, committee, labels: dict) -> int:
    """Store the committee's wording of overview figures; a blank or default label removes the override."""
    if not permissions.may_edit_labels(actor, committee):
        raise PermissionDenied(_("Only the secretariat and administrators edit the summary's labels."))
    defaults = default_labels()
    existing = {row.key: row for row in SummaryLabel.objects.select_for_update().filter(committee=committee)}
    changed = 0
    for key, label in labels.items():
        if key not in defaults:
            raise ValidationError(_("Unknown figure: %(key)s") % {"key": key})
        label = (label or "").strip()
        row = existing.get(key)
        if not label or label == defaults[key]:
            if row is not None:
                delete_audited(row, actor=actor, reason=_("Summary label reset to the default"))
                changed += 1
            continue
        if row is None:
            row = SummaryLabel(committee=committee, key=key, label=label)
        elif row.label == label:
            continue
        row.label = label
        save_audited(row, actor=actor, reason=_("Summary label edited"))
        changed += 1
    return changed
