from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

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


@hooks.register("insert_global_admin_js")
def start_date_pickers_without_inline_scripts():
    """The admin's date pickers under the Content-Security-Policy (see cppcc/static/cppcc/admin-widgets.js)."""
    return format_html('<script src="{}"></script>', static("cppcc/admin-widgets.js"))


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


class CalendarWarningPanel(Component):
    """On the admin home of those who edit the calendar: this or next year has no entries (cppcc.calendar_setup)."""

    name = "calendar_warning"
    template_name = "cppcc/admin/calendar_warning.html"
    order = 10

    def __init__(self, years):
        self.years = years

    def get_context_data(self, parent_context):
        return {"years": [str(y) for y in self.years], "calendar_url": reverse("calendar:index")}


@hooks.register("construct_homepage_panels")
def add_calendar_warning(request, panels):
    from cppcc.calendar_setup import missing_years

    if request.user.has_perm("cppcc.change_calendarday") and (years := missing_years()):
        panels.append(CalendarWarningPanel(years))


@hooks.register("register_admin_viewset")
def register_audit_log_viewset():
    from cppcc.audit_admin import AuditEventViewSet

    return AuditEventViewSet("audit_log")


# ---- The admin is the committee's, not Wagtail's (issue #11, item 5) ---------------------------------------
# Name and emblem: templates/wagtailadmin/ (cppcc/brand.py). Wagtail's version and its editor guide give way
# to the system's own guide per role (cppcc/guide.py, docs/guide/). Pages, images, documents, snippets and
# the page reports stay Wagtail's permission-checked menu items: they show to those holding page, image or
# document permissions, which members/roles.py gives the roles that edit the public site
# (tests/cppcc/test_admin_brand.py checks every role).


@hooks.register("insert_global_admin_css")
def admin_brand_css():
    return format_html('<link rel="stylesheet" href="{}">', static("cppcc/admin-brand.css"))


@hooks.register("register_admin_urls")
def register_guide_urls():
    from cppcc import guide

    return [
        path("guide/", guide.guide_index, name="cppcc_guide"),
        path("guide/<slug:slug>/", guide.guide_page, name="cppcc_guide_page"),
    ]


@hooks.register("register_help_menu_item")
def register_guide_help_item():
    return MenuItem(_("User guide"), reverse("cppcc_guide"), name="cppcc-guide", icon_name="help", order=100)


WAGTAIL_HELP_ITEMS = ("editor-guide", "whats-new-in-wagtail-")  # names, or name prefixes (the version varies)


@hooks.register("construct_help_menu")
def hide_wagtail_help_items(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(WAGTAIL_HELP_ITEMS)]


@hooks.register("construct_main_menu")
def settings_menu_without_wagtail_version(request, menu_items):
    """Wagtail's Settings submenu prints "Wagtail v<version>" at its foot; the committee's admin does not."""
    from wagtail.admin.wagtail_hooks import SettingsMenuItem  # imported late: Wagtail's hooks register first

    for item in menu_items:
        if isinstance(item, SettingsMenuItem):
            item.render_component = _without_footer(item, SettingsMenuItem.render_component)


def _without_footer(item, render_component):
    def render(request):
        component = render_component(item, request)
        component.footer_text = ""
        return component

    return render
