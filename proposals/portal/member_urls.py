"""Member portal URLs, under /portal/proposals/ (namespace "proposals", names prefixed member_)."""

from django.urls import path

from . import member_views as views

urlpatterns = [
    path("", views.proposal_list, name="member_list"),
    path("new/", views.proposal_create, name="member_new"),
    path("similar/", views.similar, name="member_similar"),
    path("<int:pk>/", views.proposal_detail, name="member_detail"),
    path("<int:pk>/edit/", views.proposal_edit, name="member_edit"),
    path("<int:pk>/cosigners/", views.cosigners, name="member_cosigners"),
    path("<int:pk>/submit/", views.submit, name="member_submit"),
    path("<int:pk>/withdraw/", views.withdraw, name="member_withdraw"),
    path("<int:pk>/attachments/", views.attach, name="member_attach"),
    path("attachments/<int:pk>/remove/", views.detach, name="member_detach"),
    path("signers/<int:pk>/remove/", views.uninvite, name="member_uninvite"),
    path("invitations/<int:pk>/", views.invitation, name="member_invitation"),
    path("replies/<int:pk>/evaluate/", views.evaluate, name="member_evaluate"),
]
