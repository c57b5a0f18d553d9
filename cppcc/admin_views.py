"""Admin screens of the shared services: background jobs and their progress."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.defaults import permission_denied

from cppcc.files import user_can_read
from cppcc.models import Job
from cppcc.services import job_retry, may_retry_job


def refused(request):
    """A real 403 page for an admin view: raising PermissionDenied inside the Wagtail admin would
    become a redirect to the dashboard, which tells the user nothing."""
    return permission_denied(request, PermissionDenied())

_shared_jobs = []


def register_shared_jobs(fn):
    """Decorator: `fn(user) -> Q` adds jobs of other people this user also sees (an app's rule, such as
    members': a committee's imports for its secretariat, whose error workbooks they may read)."""
    _shared_jobs.append(fn)
    return fn


def visible_jobs(user):
    """Everyone sees the jobs they asked for and those shared with them (register_shared_jobs);
    holders of cppcc.view_job (auditors, admins) see all."""
    # The result file's owner (a summary, or the job itself) is prefetched: deciding whether to link it
    # (`with_result_access`) then costs no query per row.
    qs = Job.objects.select_related("requester", "result_file").prefetch_related("result_file__owner")
    if user.has_perm("cppcc.view_job"):
        return qs
    shown = Q(requester=user)
    for rule in _shared_jobs:
        shown |= rule(user)
    return qs.filter(shown)


def with_result_access(user, jobs):
    """Mark each job's `result_readable`: its result file is a link only for those the download view
    (cppcc.views.file_download, by the file's owner rule) would serve it to."""
    for job in jobs:
        job.result_readable = job.result_file_id is not None and user_can_read(user, job.result_file)
    return jobs


def job_list(request):
    jobs = with_result_access(request.user, list(visible_jobs(request.user)[:100]))
    return TemplateResponse(request, "cppcc/admin/job_list.html", {"jobs": jobs})


def _job(request, pk):
    try:
        return visible_jobs(request.user).get(pk=pk)
    except Job.DoesNotExist:
        raise Http404


def job_detail(request, pk):
    (job,) = with_result_access(request.user, [_job(request, pk)])
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
    (job,) = with_result_access(request.user, [_job(request, pk)])
    return JsonResponse({
        "state": job.state,
        "state_label": str(job.get_state_display()),
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "message": job.message,
        "finished": job.is_finished,
        "waiting": job.is_waiting,
        "result_url": job.result_file.get_absolute_url() if job.result_readable else None,
        "result_name": job.result_file.name if job.result_readable else None,
    })
