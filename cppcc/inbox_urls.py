"""The in-site inbox pages (any logged-in user)."""

from django.urls import path  # noqa: F401

app_name = "inbox"
urlpatterns = []
