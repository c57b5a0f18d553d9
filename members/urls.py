from django.urls import path

from members import duty_views, views

app_name = "portal"
urlpatterns = [
    path("", views.portal_home, name="home"),
    path("duty/", duty_views.my_duty_record, name="duty"),
]
