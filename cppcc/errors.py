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
