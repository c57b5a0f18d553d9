"""Admin registration of consultations/: the "Consultations" menu group (activities, plan, suggestions, rules)."""

from wagtail import hooks

from consultations.admin.viewsets import ConsultationsGroup


@hooks.register("register_admin_viewset")
def register_consultation_viewsets():
    return ConsultationsGroup()
