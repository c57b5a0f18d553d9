from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = _("Proposals")

    def ready(self):
        # Registers who may read the private files attached to proposals, replies and evaluations.
        from proposals import permissions  # noqa: F401
