from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CppccConfig(AppConfig):
    name = "cppcc"
    verbose_name = _("Site and shared services")
