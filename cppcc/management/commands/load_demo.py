import datetime
import importlib
import logging
import time
from contextlib import contextmanager

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from cppcc.demo_kit import DemoError, display_width



def steps() -> list[str]:
    """The demo steps, one per app that names one (its AppConfig's `demo_step`), in INSTALLED_APPS order.

    Each step module has load(stdout=None, today=None), which creates its data through its app's services
    and returns the demo logins it made (maybe none), and may have refuse(), which raises DemoError when
    the database is not one the demo may write into. The order of INSTALLED_APPS is the dependency order.
    """
    return [config.demo_step for config in apps.get_app_configs() if getattr(config, "demo_step", None)]

# Per-page and per-task INFO lines would bury the step counts (each step reports its own).
CHATTY_LOGGERS = ["wagtail", "django_tasks", "celery.app.trace"]  # the last: one line per eager task


class Command(BaseCommand):
    help = "Load the demo: the county committee of the seed documents, one login per role (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Print nothing.")
        parser.add_argument(
            "--today", type=datetime.date.fromisoformat, default=None,
            help="Pretend the demo is loaded on this day, YYYY-MM-DD (the current session is dated from it).",
        )

    def handle(self, *args, quiet, today, **options):
        self._refuse_real_data()
        out = None if quiet else self.stdout
        with _quieter(CHATTY_LOGGERS):
            logins = self._run_steps(out, today)
        if out and logins:
            self._print_logins(logins)

    def _refuse_real_data(self):
        """The demo rewrites demo-keyed records (usernames such as admin): never on a live committee."""
        for path in steps():
            refuse = getattr(importlib.import_module(path), "refuse", None)
            try:
                refuse and refuse()
            except DemoError as exc:
                raise CommandError(str(exc)) from exc

    def _run_steps(self, out, today):
        logins = []
        paths = steps()
        for i, path in enumerate(paths, 1):
            if out:
                out.write(self.style.MIGRATE_HEADING(f"[{i}/{len(paths)}] {path}"))
            started = time.monotonic()
            step = importlib.import_module(path)
            try:
                with transaction.atomic():  # a step lands whole or not at all
                    logins += step.load(stdout=out, today=today) or []
            except DemoError as exc:
                raise CommandError(f"{path}: {exc}") from exc
            if out:
                out.write("  " + _("done in %.1f s") % (time.monotonic() - started))
        return logins

    def _print_logins(self, logins):
        base = (settings.WAGTAILADMIN_BASE_URL or "http://127.0.0.1:8000").rstrip("/")
        rows = [(_("Role"), _("Username"), _("Password"), _("Go to"))]
        rows += [(login.label, login.username, login.password, base + login.path) for login in logins]
        widths = [max(display_width(row[c]) for row in rows) for c in range(4)]
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(_("Demo logins (the password is for the demo only):")))
        for n, row in enumerate(rows):
            cells = [cell + " " * (widths[c] - display_width(cell)) for c, cell in enumerate(row)]
            line = "  " + "  ".join(cells).rstrip()
            self.stdout.write(self.style.SUCCESS(line) if n == 0 else line)


@contextmanager
def _quieter(names):
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(max(logger.getEffectiveLevel(), logging.WARNING))
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)
