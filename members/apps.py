from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Organisation and members")
    demo_step = "members.demo"  # manage.py load_demo runs it (cppcc/management/commands/load_demo.py)

    def ready(self):
        from django.db.models.signals import post_migrate

        from members import imports  # noqa: F401  (registers the roster import jobs, in workers too)
        from members.roles import sync_groups

        # After the last app's post_migrate, so every app's permissions exist by then.
        post_migrate.connect(sync_groups, dispatch_uid="members.sync_groups")
