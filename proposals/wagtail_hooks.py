"""Admin registration of proposals/: the "Proposals" menu group, its action views and the dashboard panel."""

from wagtail import hooks

from proposals.admin.panels import ProposalDashboardPanel, may_see
from proposals.admin.viewsets import ProposalsGroup


@hooks.register("register_admin_viewset")
def register_proposal_viewsets():
    return ProposalsGroup()


@hooks.register("construct_homepage_panels")
def add_proposal_panel(request, panels):
    if may_see(request.user):
        panels.append(ProposalDashboardPanel(request.user))
