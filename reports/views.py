"""Admin pages of reports/: ask for a summary, list and read the generated ones, edit the labels,
and the dashboards with their exports. Thin: parse, call a service or a builder, render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from cppcc.admin_views import refused
from cppcc.excel import XLSX_CONTENT_TYPE
from members.periods import local_today
from reports import dashboards, permissions, services
from reports.areas import default_labels
from reports.figures import Context, chinese_date
from reports.forms import LabelsForm, PeriodForm
from reports.models import SummaryLabel, SummaryReport
from reports.workbook import table_workbook

LIST_LIMIT = 100



def _summary_committees(user):
    return permissions.committees_for(user, permissions.SUMMARY_ROLES)


def summary_list(request):
    if not permissions.may_use_summaries(request.user):
        return refused(request)
    committees = _summary_committees(request.user)
    reports = (
        SummaryReport.objects.filter(committee__in=committees)
        .select_related("committee", "session__term", "requested_by", "job", "workbook", "document")[:LIST_LIMIT]
    )
    form = PeriodForm(committees=committees)
    return TemplateResponse(request, "reports/admin/summary_list.html", {
        "reports": reports, "form": form, "may_edit_labels": permissions.may_edit_labels(request.user),
    })


def summary_request(request):
    if not permissions.may_use_summaries(request.user):
        return refused(request)
    committees = _summary_committees(request.user)
    form = PeriodForm(request.POST or None, committees=committees)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.summary_request(
                actor=request.user, committee=data["committee"], year=data.get("year"), session=data.get("session"),
                as_of=data["as_of"],
            )
        except (PermissionDenied, ValidationError) as error:
            form.add_error(None, error.messages[0] if hasattr(error, "messages") else str(error))
        else:
            messages.success(request, _("The summary is being generated; this page shows its progress."))
            return redirect("cppcc_job_detail", report.job_id)
    return TemplateResponse(request, "reports/admin/summary_request.html", {"form": form})


def summary_detail(request, pk):
    report = get_object_or_404(
        SummaryReport.objects.select_related("committee", "session__term", "requested_by", "job", "workbook", "document"),
        pk=pk,
    )
    if not permissions.may_read_summary(request.user, report):
        raise Http404
    return TemplateResponse(request, "reports/admin/summary_detail.html", {"report": report})


def labels_edit(request):
    if not permissions.may_edit_labels(request.user):
        return refused(request)
    committees = permissions.committees_for(request.user, permissions.LABEL_EDITORS)
    wanted = request.GET.get("committee", "")
    committee = committees.filter(pk=wanted).first() if wanted.isdigit() else committees.first()
    if committee is None:
        raise Http404
    defaults = default_labels()
    current = dict(SummaryLabel.objects.filter(committee=committee).values_list("key", "label"))
    form = LabelsForm(request.POST or None, defaults=defaults, current=current)
    if request.method == "POST" and form.is_valid():
        changed = services.labels_save(actor=request.user, committee=committee, labels=form.labels())
        messages.success(request, _("%(n)d labels changed.") % {"n": changed})
        return redirect(f"{request.path}?committee={committee.pk}")
    return TemplateResponse(request, "reports/admin/labels.html", {
        "form": form, "committee": committee, "committees": committees,
    })


def _dashboard_context(request):
    """The period the dashboard shows: from the query string, else this year as of today."""
    committees = permissions.committees_for(request.user, permissions.DASHBOARD_ROLES)
    form = PeriodForm(request.GET or None, committees=committees)
    if request.GET and form.is_valid():
        period, as_of = form.period(), form.cleaned_data["as_of"]
    else:
        committee = committees.first()
        if committee is None:
            raise Http404
        today = local_today()
        period, as_of = services.period_for(committee=committee, year=today.year), today
        if not request.GET:
            form = PeriodForm(committees=committees)
    return form, Context(period=period, as_of=as_of, today=local_today())


def dashboard(request):
    if not permissions.may_see_dashboards(request.user):
        return refused(request)
    form, ctx = _dashboard_context(request)
    query = request.GET.urlencode()
    return TemplateResponse(request, "reports/admin/dashboard.html", {
        "form": form, "ctx": ctx, "panels": dashboards.panels(ctx), "query": query,
        "heading": f"{ctx.committee.name} {ctx.period.label}（截至{chinese_date(ctx.as_of)}）",
    })


def dashboard_export(request, key):
    if not permissions.may_see_dashboards(request.user):
        return refused(request)
    _form, ctx = _dashboard_context(request)
    table = dashboards.table_by_key(ctx, key)
    if table is None:
        raise Http404
    title = f"{ctx.committee.name} {ctx.period.label}统计（截至{chinese_date(ctx.as_of)}）"
    response = HttpResponse(table_workbook(title, table), content_type=XLSX_CONTENT_TYPE)
    filename = f"{ctx.period.label}{table.title}（截至{ctx.as_of:%Y%m%d}）.xlsx"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response

