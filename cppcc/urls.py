from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from cppcc import views

urlpatterns = [
    # Before Wagtail's admin: the throttled "forgot password" form and the second-factor pages.
    path("", include("members.account_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=False), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/password/reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("accounts/password/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("files/<uuid:pk>/", views.file_download, name="file_download"),
    path("portal/", include("members.urls")),
    path("portal/", include("proposals.urls")),
    path("portal/", include("consultations.urls")),
    path("inbox/", include("cppcc.inbox_urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler500 = "cppcc.errors.server_error"  # no database, session or context processors (cppcc/errors.py)
# Chinese pages in the site's style, saying what to do next (cppcc/errors.py, templates/errors/).
handler400 = "cppcc.errors.bad_request"
handler403 = "cppcc.errors.permission_denied"
handler404 = "cppcc.errors.page_not_found"
