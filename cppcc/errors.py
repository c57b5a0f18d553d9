"""The last-resort error pages: they must render when nothing else works, so they touch no database.

`server_error` is the project's handler500. When the cause is the database refusing connections it
answers 503 with a static Chinese page and logs one line (`database unavailable: <reason>`) instead
of a traceback per request; any other error gets the plain Chinese 500.html. Neither page uses
context processors, the session or the user, which all read the database.
"""

import logging
import sys
from pathlib import Path

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader

logger = logging.getLogger("cppcc.errors")
TEMPLATES = Path(__file__).resolve().parent / "templates"
DATABASE_DOWN_PAGE = (TEMPLATES / "503_database.html").read_bytes()  # read once: no disk needed later


def database_failure(exc) -> BaseException | None:
    """The OperationalError/InterfaceError in the exception's chain, if there is one."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, (OperationalError, InterfaceError)):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None


def database_unavailable_response(exc) -> HttpResponse:
    reason = " ".join(str(exc).split()) or type(exc).__name__
    logger.error("database unavailable: %s", reason)
    response = HttpResponse(DATABASE_DOWN_PAGE, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = "60"
    response["Cache-Control"] = "no-store"
    response._has_been_logged = True  # Django would log the traceback again for every request
    return response


def server_error(request, template_name="500.html"):
    """handler500: 503 and a static page while the database is down, else the plain 500 page."""
    failure = database_failure(sys.exc_info()[1])
    if failure is not None:
        return database_unavailable_response(failure)
    return HttpResponseServerError(loader.get_template(template_name).render())


# ---- 400, 403, 404 and the CSRF failure: Chinese pages in the site's style (issue #11, item 2) --------------
#
# They extend errors/layout.html: the site's stylesheet and header, but no navigation, inbox count or
# Wagtail site lookup, so a page costs no query beyond the session and user the middleware already read.
# If rendering with the request's context fails anyway (a database that went away mid-request), the
# page is rendered again without it. Each page says what to do next for where it was reached: the
# admin, the portal or the public site (cppcc.templatetags.cppcc_site.error_area).


def _render_error(request, template_name, status, context=None):
    context = dict(context or {})
    try:
        body = loader.render_to_string(template_name, context, request)
    except Exception as exc:  # noqa: BLE001 - an error page must not fail in turn
        if (failure := database_failure(exc)) is not None:
            return database_unavailable_response(failure)
        logger.exception("error page %s failed with the request's context; rendered without it", template_name)
        body = loader.render_to_string(template_name, context)
    response = HttpResponse(body, status=status, content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


def bad_request(request, exception=None, template_name="400.html"):
    """handler400: a malformed request or a suspicious one (Django's SuspiciousOperation)."""
    return _render_error(request, template_name, 400)


def permission_denied(request, exception=None, template_name="403.html"):
    """handler403, and what the portal's and the admin's own refusals render.

    A PermissionDenied raised with a message (the services' and portal views' refusals, already in the
    person's language) shows it; one without shows the general explanation.
    """
    message = str(exception or "").strip()
    return _render_error(request, template_name, 403, {"reason": message})


def page_not_found(request, exception=None, template_name="404.html"):
    """handler404: a stale or mistyped link, or something the visitor may not know exists."""
    return _render_error(request, template_name, 404)


def csrf_failure(request, reason="", template_name="403_csrf.html"):
    """CSRF_FAILURE_VIEW: a form sent from an expired or foreign page. Django's reason is logged, not shown."""
    logger.warning("CSRF refused %s %s: %s", request.method, request.path, reason)
    return _render_error(request, template_name, 403)
