"""Printed forms under /portal/paper/ (names "proposals:paper_..."); the admin's own forms are in proposals.paper.admin."""

from django.urls import path

from proposals.paper import views

urlpatterns = [
    path("proposal/<int:pk>/", views.proposal_form, name="paper_proposal"),
    path("unit/<int:pk>/", views.unit_list, name="paper_unit_list"),
    path("reply/<int:pk>/", views.evaluation_form, name="paper_evaluation"),
]
