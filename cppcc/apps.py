from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CppccConfig(AppConfig):
    name = "cppcc"
    verbose_name = _("Site and shared services")
    demo_step = "cppcc.demo"  # manage.py load_demo runs it (cppcc/management/commands/load_demo.py)

    def ready(self):
        from django.db.models.signals import post_migrate
        from wagtail.admin.forms.models import register_form_field_override
        from wagtail.admin.widgets import AdminAutoHeightTextInput

        # Built-in job kinds, registered in every process that runs jobs (web and Celery worker);
        # start-up checks (AUDIT_RETENTION_DAYS) and the audit log's signal receivers.
        from cppcc import audit_hooks, checks, jobs_builtin  # noqa: F401
        from cppcc.calendar_setup import seed_after_migrate
        from cppcc.text import CleanTextField

        audit_hooks.connect()
        # The admin's committee name and emblem are read once and forgotten when they change.
        from cppcc import brand

        brand.connect()
        # A person is shown by name, never by user name (cppcc.people).
        from cppcc import people

        people.install()
        # The working-day calendar is there from the first migrate (the shipped years).
        post_migrate.connect(seed_after_migrate, sender=self, dispatch_uid="cppcc_calendar_seed")
        # Wagtail gives exactly TextField its auto-height text area; cleaned bodies get the same.
        register_form_field_override(CleanTextField, override={"widget": AdminAutoHeightTextInput}, exact_class=True)
