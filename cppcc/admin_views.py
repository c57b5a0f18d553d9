"""Admin screens of the shared services: background jobs and their progress."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.views.defaults import permission_denied

from cppcc.models import Job



def refused(request):
    """A real 403 page for an admin view: raising PermissionDenied inside the Wagtail admin would
    become a redirect to the dashboard, which tells the user nothing."""
    return permission_denied(request, PermissionDenied())

def visible_jobs(user):
    """Everyone sees the jobs they asked for; holders of cppcc.view_job (administrators) see all."""
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
    return TemplateResponse(request, "cppcc/admin/job_detail.html", {"job": _job(request, pk)})


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
        "result_url": job.result_file.get_absolute_url() if job.result_file_id else None,
        "result_name": job.result_file.name if job.result_file_id else None,
    })
