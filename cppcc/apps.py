from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CppccConfig(AppConfig):
    name = "cppcc"
    verbose_name = _("Site and shared services")

    def ready(self):
        # Built-in job kinds, registered in every process that runs jobs (web and Celery worker).
        from cppcc import jobs_builtin  # noqa: F401

        # Wagtail gives exactly TextField its auto-height text area; cleaned bodies get the same.
        from wagtail.admin.forms.models import register_form_field_override
        from wagtail.admin.widgets import AdminAutoHeightTextInput

        from cppcc.text import CleanTextField

        register_form_field_override(CleanTextField, override={"widget": AdminAutoHeightTextInput}, exact_class=True)
