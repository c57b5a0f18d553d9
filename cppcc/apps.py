from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CppccConfig(AppConfig):
    name = "cppcc"
    verbose_name = _("Site and shared services")

    def ready(self):
        # Built-in job kinds, registered in every process that runs jobs (web and Celery worker).
        from cppcc import jobs_builtin  # noqa: F401
        # Start-up checks (AUDIT_RETENTION_DAYS) and the audit log's signal receivers.
        from cppcc import audit_hooks, checks  # noqa: F401

        audit_hooks.connect()
