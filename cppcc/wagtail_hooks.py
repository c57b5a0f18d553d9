from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cppcc import admin_views
from cppcc.models import CalendarDay
from cppcc.viewsets import ProjectViewSet


@hooks.register("register_admin_urls")
def register_job_urls():
    return [
        path("jobs/", admin_views.job_list, name="cppcc_job_list"),
        path("jobs/<uuid:pk>/", admin_views.job_detail, name="cppcc_job_detail"),
        path("jobs/<uuid:pk>/status/", admin_views.job_status, name="cppcc_job_status"),
        path("jobs/<uuid:pk>/retry/", admin_views.job_retry_view, name="cppcc_job_retry"),
    ]


@hooks.register("register_settings_menu_item")
def register_jobs_menu_item():
    return MenuItem(_("Background jobs"), reverse("cppcc_job_list"), icon_name="time", order=900)


class CalendarViewSet(ProjectViewSet):
    """The secretariat corrects the calendar when the State Council publishes next year's schedule."""

    model = CalendarDay
    icon = "date"
    menu_label = _("Working-day calendar")
    list_display = ["date", "is_workday", "name"]
    list_filter = ["is_workday"]
    list_export = ["date", "is_workday", "name"]
    search_fields = ["name"]
    form_fields = ["date", "is_workday", "name"]


@hooks.register("register_admin_viewset")
def register_calendar_viewset():
    return CalendarViewSet("calendar", add_to_settings_menu=True)


@hooks.register("register_account_menu_item")
def notification_settings_item(request):
    """People of the admin choose e-mail/SMS notices on the same page as everyone (/inbox/preferences/)."""
    return {"url": reverse("inbox:preferences"), "label": _("Notification settings"),
            "help_text": _("Notices by e-mail or SMS")}
