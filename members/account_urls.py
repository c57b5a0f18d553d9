"""Login protection pages outside the admin's own URLs (members/account_views.py)."""

from django.urls import path

from members import account_views, onboarding_views

urlpatterns = [
    path("admin/password_reset/", account_views.admin_password_reset, name="admin_password_reset_throttled"),
    path("accounts/otp/setup/", account_views.otp_setup, name="otp_setup"),
    path("accounts/otp/verify/", account_views.otp_verify, name="otp_verify"),
    path("accounts/activate/<uidb64>/<token>/", onboarding_views.activate, name="account_activate"),
]
