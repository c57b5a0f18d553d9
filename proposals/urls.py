"""Portal URLs of proposals: members (and collective accounts) at /portal/proposals/, units at /portal/unit/."""

from django.urls import include, path

app_name = "proposals"
urlpatterns = [
    path("proposals/", include("proposals.portal.member_urls")),
    path("unit/", include("proposals.portal.unit_urls")),
    path("paper/", include("proposals.paper.urls")),
]
