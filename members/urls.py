from django.urls import path

from members import duty_views, search_views, views

app_name = "portal"
urlpatterns = [
    path("", views.portal_home, name="home"),
    path("duty/", duty_views.my_duty_record, name="duty"),
    path("members/search/", search_views.member_search, name="member_search"),
]
