"""Admin registration of reports/: the 统计报表 menu (dashboards, work summaries, labels) and its URLs."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from reports import permissions, views

app_name = "reports"
urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/export/<slug:key>/", views.dashboard_export, name="dashboard_export"),
    path("summaries/", views.summary_list, name="summary_list"),
    path("summaries/new/", views.summary_request, name="summary_request"),
    path("summaries/<int:pk>/", views.summary_detail, name="summary_detail"),
    path("labels/", views.labels_edit, name="labels"),
]


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("reports/", include((urlpatterns, "reports"), namespace="reports"))]


class RoleMenuItem(MenuItem):
    def __init__(self, *args, check, **kwargs):
        super().__init__(*args, **kwargs)
        self.check = check

    def is_shown(self, request):
        return self.check(request.user)


class ReportsSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return permissions.may_see_dashboards(request.user) or permissions.may_use_summaries(request.user)


@hooks.register("register_admin_menu_item")
def register_reports_menu():
    menu = Menu(items=[
        RoleMenuItem(_("Dashboards"), reverse("reports:dashboard"), icon_name="view", order=100,
                     check=permissions.may_see_dashboards),
        RoleMenuItem(_("Work summaries"), reverse("reports:summary_list"), icon_name="doc-full", order=200,
                     check=permissions.may_use_summaries),
        RoleMenuItem(_("Summary labels"), reverse("reports:labels"), icon_name="edit", order=300,
                     check=permissions.may_edit_labels),
    ])
    return ReportsSubmenu(_("Statistics and reports (统计报表)"), menu, icon_name="table", order=400)
