"""Admin registration of proposals/: the "Proposals" menu group, its action views and the dashboard panel."""

from wagtail import hooks

from proposals import permissions
from proposals.admin import dashboard
from proposals.admin.panels import ProposalDashboardPanel
from proposals.admin.viewsets import ProposalsGroup


@hooks.register("register_admin_viewset")
def register_proposal_viewsets():
    return ProposalsGroup()


@hooks.register("construct_homepage_panels")
def add_proposal_panel(request, panels):
    if permissions.may_see_dashboard(request.user):
        panels.append(ProposalDashboardPanel(request.user))


@hooks.register("register_admin_urls")
def register_proposal_dashboard_urls():
    return dashboard.urls()  # the statistics dashboard, /admin/proposals/dashboard/


@hooks.register("register_admin_menu_item")
def register_proposal_dashboard_menu_item():
    return dashboard.menu_item()


from proposals.ledger import admin as ledger_admin  # noqa: E402,F401  (the ledger import: its URLs, menu item and job)


@hooks.register("register_admin_search_area")
def register_proposal_search_area():
    """The sidebar's search finds proposals first (cppcc.admin_search); Wagtail's pages come after."""
    from cppcc.admin_search import ListSearchArea
    from proposals.models import Proposal

    return ListSearchArea(Proposal._meta.verbose_name_plural, "proposal_admin:index", Proposal, name="proposals", icon_name="doc-full-inverse",
                          order=10)
