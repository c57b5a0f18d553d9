"""The handling unit's portal, /portal/unit/ (names "proposals:unit_..."); the supervision office reads the same pages."""

from django.urls import path

from proposals.portal import unit_views as views

urlpatterns = [
    path("", views.assignment_list, name="unit_assignments"),
    path("<int:pk>/", views.assignment_detail, name="unit_assignment"),
    path("<int:pk>/sign/", views.assignment_sign, name="unit_sign"),
    path("<int:pk>/return/", views.assignment_request_return, name="unit_request_return"),
    path("<int:pk>/opinion/", views.co_opinion_send, name="unit_co_opinion"),
    path("<int:pk>/reply/", views.reply_edit, name="unit_reply"),
    path("reply/<int:pk>/sign/", views.reply_sign_and_send, name="unit_reply_sign"),
    path("reply/<int:pk>/send-back/", views.reply_send_back, name="unit_reply_send_back"),
    path("reply/<int:pk>/paper/", views.reply_paper, name="unit_reply_paper"),
    path("reply/<int:pk>/follow-up/", views.follow_up_complete, name="unit_follow_up"),
]
