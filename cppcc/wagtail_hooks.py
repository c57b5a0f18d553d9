from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cppcc import admin_views


@hooks.register("register_admin_urls")
def register_job_urls():
    return [
        path("jobs/", admin_views.job_list, name="cppcc_job_list"),
        path("jobs/<uuid:pk>/", admin_views.job_detail, name="cppcc_job_detail"),
        path("jobs/<uuid:pk>/status/", admin_views.job_status, name="cppcc_job_status"),
    ]


@hooks.register("register_settings_menu_item")
def register_jobs_menu_item():
    return MenuItem(_("Background jobs"), reverse("cppcc_job_list"), icon_name="time", order=900)
