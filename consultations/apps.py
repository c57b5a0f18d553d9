from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Consultations")
    demo_step = "consultations.demo"  # manage.py load_demo runs it (cppcc/management/commands/load_demo.py)

    def ready(self):
        # Registers who may read the files of activity documents and speeches.
        from consultations import permissions  # noqa: F401

        _register_portal_links()
        _install_kinds_for_new_committees()


def _install_kinds_for_new_committees():
    """Every committee starts with the default forms of activity and settings (docs/domain.md#rules-are-data)."""
    from django.db.models.signals import post_save

    from members.models import Committee

    def install(sender, instance, created, raw=False, **kwargs):
        if created and not raw:
            from consultations.services import kinds_install_defaults

            kinds_install_defaults(instance)

    post_save.connect(install, sender=Committee, weak=False, dispatch_uid="consultations.install_kinds")


def _register_portal_links():
    from cppcc.portal import register_portal_link
    from members import permissions as member_permissions
    from members.models.roles import Role

    def is_member(user):
        return member_permissions.has_role(user, Role.MEMBER)

    register_portal_link(
        label=_("My activities"), url_name="activities:list", shown=is_member, order=30,
        description=_("Meetings, consultations and inspections you are invited to: answer, ask for leave, sign in."),
    )
