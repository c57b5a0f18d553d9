from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports and statistics")

    def ready(self):
        from reports import jobs, permissions  # noqa: F401  (the summary job, in workers too)

        permissions.register()
