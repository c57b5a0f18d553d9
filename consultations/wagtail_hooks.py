"""Admin registration of consultations/: the "Consultations" menu group (activities, plan, suggestions, rules)."""

from wagtail import hooks

from consultations.admin.viewsets import ConsultationsGroup


@hooks.register("register_admin_viewset")
def register_consultation_viewsets():
    return ConsultationsGroup()


@hooks.register("register_admin_search_area")
def register_activity_search_area():
    """The sidebar's search finds activities by their topic (cppcc.admin_search)."""
    from consultations.models import Activity
    from cppcc.admin_search import ListSearchArea

    return ListSearchArea(Activity._meta.verbose_name_plural, "activities_admin:index", Activity, name="activities", icon_name="group",
                          order=40)
