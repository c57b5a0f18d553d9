"""Admin screens of the shared services: background jobs and their progress."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.defaults import permission_denied

from cppcc.models import Job
from cppcc.services import job_retry, may_retry_job


def refused(request):
    """A real 403 page for an admin view: raising PermissionDenied inside the Wagtail admin would
    become a redirect to the dashboard, which tells the user nothing."""
    return permission_denied(request, PermissionDenied())

def visible_jobs(user):
    """Everyone sees the jobs they asked for; holders of cppcc.view_job (auditors, admins) see all."""
    qs = Job.objects.select_related("requester", "result_file")
    return qs if user.has_perm("cppcc.view_job") else qs.filter(requester=user)


def job_list(request):
    jobs = visible_jobs(request.user)[:100]
    return TemplateResponse(request, "cppcc/admin/job_list.html", {"jobs": jobs})


def _job(request, pk):
    try:
        return visible_jobs(request.user).get(pk=pk)
    except Job.DoesNotExist:
        raise Http404


def job_detail(request, pk):
    job = _job(request, pk)
    return TemplateResponse(request, "cppcc/admin/job_detail.html", {
        "job": job, "may_retry": may_retry_job(request.user, job),
    })


@require_POST
def job_retry_view(request, pk):
    """The retry button: a failed (dead worker, timeout, crash) or unqueued job is sent again."""
    job = _job(request, pk)
    if not may_retry_job(request.user, job):
        return refused(request)
    job_retry(job=job, actor=request.user)
    messages.success(request, _("The job was sent again; this page follows its progress."))
    return redirect("cppcc_job_detail", job.pk)


def job_status(request, pk):
    """What the progress page polls every second."""
    job = _job(request, pk)
    return JsonResponse({
        "state": job.state,
        "state_label": str(job.get_state_display()),
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "message": job.message,
        "finished": job.is_finished,
        "waiting": job.is_waiting,
        "result_url": job.result_file.get_absolute_url() if job.result_file_id else None,
        "result_name": job.result_file.name if job.result_file_id else None,
    })
