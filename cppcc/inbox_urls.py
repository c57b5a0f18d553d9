"""The in-site inbox pages (any logged-in user)."""

from django.urls import path

from cppcc import inbox_views as views
from cppcc import notify_views

app_name = "inbox"
urlpatterns = [
    path("", views.message_list, name="index"),
    path("<int:pk>/", views.message_detail, name="detail"),
    path("read-all/", views.mark_all_read, name="mark_all_read"),
    path("preferences/", notify_views.preferences, name="preferences"),
]
