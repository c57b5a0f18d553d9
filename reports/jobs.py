"""The summary job, registered in every process that runs jobs (web and Celery worker)."""

from django.utils.translation import gettext as _

from cppcc.services import JobError, register_job
from reports.models import SummaryReport
from reports.services import JOB_KIND, summary_generate


@register_job(JOB_KIND)
def generate_summary(job, progress):
    report = SummaryReport.objects.select_related("committee", "session__term", "requested_by").filter(
        pk=job.params.get("report_id")).first()
    if report is None:
        raise JobError(_("The summary asked for no longer exists."))
    report = summary_generate(report, progress)
    type(job).objects.filter(pk=job.pk).update(result_file=report.workbook)
    return _("Workbook and Word document ready: %(name)s") % {"name": report.workbook.name}
