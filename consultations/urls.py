"""Portal URLs of consultations: members at /portal/activities/."""

from django.urls import path

from consultations.portal import views

app_name = "activities"
urlpatterns = [
    path("activities/", views.activity_list, name="list"),
    path("activities/<int:pk>/", views.activity_detail, name="detail"),
    path("activities/invitation/<int:pk>/answer/", views.invitation_answer, name="answer"),
    path("activities/invitation/<int:pk>/leave/", views.leave_request, name="leave"),
    path("activities/sign-in/", views.sign_in, name="sign_in"),
    path("activities/sign-in/<int:sitting_pk>/", views.sign_in, name="sign_in_sitting"),
]
