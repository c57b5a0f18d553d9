from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = _("Proposals")
    demo_step = "proposals.demo"  # manage.py load_demo runs it (cppcc/management/commands/load_demo.py)

    def ready(self):
        # Registers who may read the private files attached to proposals, replies and evaluations.
        from proposals import permissions  # noqa: F401
        # Registers the ledger import's job kind, so a real Celery worker knows it (not only the admin).
        from proposals.ledger import importer  # noqa: F401

        _register_portal_links()
        _install_rules_for_new_committees()


def _install_rules_for_new_committees():
    """Every committee starts with the default rule lists (docs/domain.md#rules-are-data), which its office then edits."""
    from django.db.models.signals import post_save

    from members.models import Committee

    def install(sender, instance, created, raw=False, **kwargs):
        if created and not raw:
            from proposals.services import rules_install_defaults

            rules_install_defaults(instance)

    post_save.connect(install, sender=Committee, weak=False, dispatch_uid="proposals.install_rules")


def _register_portal_links():
    from cppcc.portal import register_portal_link
    from members import permissions as member_permissions
    from members.models.roles import Role

    def files_proposals(user):
        return member_permissions.has_role(user, Role.MEMBER, Role.COLLECTIVE)

    def handles_assignments(user):
        return member_permissions.has_role(user, Role.UNIT_LIAISON, Role.UNIT_LEADER, Role.SUPERVISION)

    register_portal_link(
        label=_("My proposals"), url_name="proposals:member_list", shown=files_proposals, order=10,
        description=_("File, co-sign and follow proposals; rate the replies."),
    )
    register_portal_link(
        label=_("Assignments"), url_name="proposals:unit_assignments", shown=handles_assignments, order=20,
        description=_("Sign for, return and reply to the proposals assigned to the unit."),
    )
