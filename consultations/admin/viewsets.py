"""The admin listings of consultations/: activities (with the activity page and its actions), the annual
consultation plan, suggestions, and the committee's rules (activity kinds, settings).

All go through cppcc.viewsets.ProjectViewSet (committee scope, Beijing-time exports, no copy, no delete).
Workflow records (attendance, leave, adoption) change only through the action views, each calling one
service; the activity's edit form changes its plain facts through services.activity_update.
"""

import django_filters
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton

from cppcc.viewsets import IndexView, ProjectViewSet
from consultations import permissions
from consultations.models import Activity, ActivityKind, ConsultationSettings, KindGroup, PlanItem, Suggestion
from members.forms import ScopedForm
from members.models import Body, SpecialCommittee

from . import views


def _readable(request, model, path="committee_id"):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return model.objects.none()
    return permissions.scope(user, model.objects.all(), path)


def _kinds(request):
    return _readable(request, ActivityKind).order_by("committee", "order", "pk")


def _organisers(request):
    return _readable(request, SpecialCommittee)


def _plan_items(request):
    return _readable(request, PlanItem).order_by("-year", "month", "order")


def _bodies(request):
    return _readable(request, Body).order_by("code")


def _years():
    import datetime

    this = datetime.date.today().year
    return [(y, str(y)) for y in range(this + 1, this - 20, -1)]


class ScopedConsultationForm(ScopedForm):
    """ScopedForm, and the consultation rule lists narrowed to the user's committees too."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None or user.is_superuser:
            return
        ids = permissions.reader_committee_ids(user)
        for field in self.fields.values():
            qs = getattr(field, "queryset", None)
            if qs is not None and qs.model in (ActivityKind, PlanItem):
                field.queryset = qs.filter(committee_id__in=ids)


# ---- activities


class ActivityFilterSet(WagtailFilterSet):
    kind = django_filters.ModelChoiceFilter(label=_("form"), queryset=_kinds)
    group = django_filters.ChoiceFilter(label=_("kind group"), field_name="kind__group", choices=KindGroup.choices)
    organiser = django_filters.ModelChoiceFilter(label=_("organiser"), queryset=_organisers)
    year = django_filters.TypedChoiceFilter(label=_("year"), field_name="starts_on__year", choices=_years, coerce=int)
    plan_item = django_filters.ModelChoiceFilter(label=_("plan item"), queryset=_plan_items)

    class Meta:
        model = Activity
        fields = ["kind", "group", "organiser", "year", "plan_item"]


class ActivityIndexView(IndexView):
    show_other_searches = True  # the admin's search areas (cppcc.admin_search)

    def get_base_queryset(self):
        return super().get_base_queryset().annotate(
            n_sittings=Coalesce(Subquery(_count_of("sittings")), 0),
            n_invited=Coalesce(Subquery(_count_of("invitations")), 0),
            n_suggestions=Coalesce(Subquery(_count_of("suggestions")), 0),
        )

    @cached_property
    def may_create(self):
        return bool(permissions.manager_committee_ids(self.request.user))

    def get_add_url(self):
        return reverse("activities_admin:add") if self.may_create else None

    @cached_property
    def header_buttons(self):
        return list(super().header_buttons) + [
            HeaderButton(_("Calendar"), url=reverse("activities_admin:calendar"), icon_name="date"),
        ]


def _count_of(relation):
    from consultations.models import Invitation, Sitting

    model = {"sittings": Sitting, "invitations": Invitation, "suggestions": Suggestion}[relation]
    return (model.objects.filter(activity_id=OuterRef("pk")).order_by().values("activity_id")
            .annotate(n=Count("pk")).values("n")[:1])


class ActivityViewSet(ProjectViewSet):
    model = Activity
    icon = "group"
    menu_label = _("Activities")
    url_prefix = "activities"
    index_view_class = ActivityIndexView
    inspect_view_enabled = True
    inspect_view_class = views.ActivityInspectView
    edit_view_class = views.ActivityEditView
    add_view_class = views.ActivityCreateView
    scope = permissions.scope_by("committee_id")
    refused_actions = ("delete",)
    form_class = ScopedConsultationForm
    form_fields = ["topic", "kind", "plan_item", "organiser", "description", "invited_bodies", "partner_bodies",
                   "sectors", "invited_leaders", "questionnaires", "problems_found", "minutes"]
    filterset_class = ActivityFilterSet
    search_fields = ["topic"]
    ordering = ["-starts_on", "-pk"]
    list_display = [
        TitleColumn("topic", label=_("topic"), get_url=lambda obj: reverse("activities_admin:inspect", args=[obj.pk])),
        "kind", Column("organiser_label", label=_("organiser")), "starts_on",
        Column("n_sittings", label=_("sittings"), sort_key="n_sittings"),
        Column("n_invited", label=pgettext_lazy("head count", "invited"), sort_key="n_invited"),
        Column("n_suggestions", label=pgettext_lazy("consultation", "suggestions"), sort_key="n_suggestions"),
        "plan_item",
    ]
    list_export = ["topic", "kind", "organiser_label", "starts_on", "n_sittings", "n_invited", "n_suggestions",
                   "questionnaires", "problems_found", "plan_item"]
    export_headings = {"organiser_label": _("organiser"), "n_sittings": _("sittings"), "n_invited": pgettext_lazy("head count", "invited"),
                       "n_suggestions": pgettext_lazy("consultation", "suggestions")}
    export_filename = "activities"
    list_select_related = ("kind", "organiser", "plan_item")

    def get_add_view_kwargs(self, **kwargs):
        return {}

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("calendar/", views.CalendarView.as_view(), name="calendar"),
            path("sitting/<int:pk>/", views.SittingAddView.as_view(), name="sitting_add"),
            path("invite/<int:pk>/", views.InviteView.as_view(), name="invite"),
            path("leave/<int:pk>/", views.LeaveDecideView.as_view(), name="leave_decide"),
            path("attendance/<int:pk>/", views.AttendanceView.as_view(), name="attendance"),
            path("close/<int:pk>/", views.SittingCloseView.as_view(), name="sitting_close"),
            path("sign-in-screen/<int:pk>/", views.SignInScreenView.as_view(), name="sign_in_screen"),
            path("sign-in-sheet/<int:pk>/", views.SignInSheetView.as_view(), name="sign_in_sheet"),
            path("export/<int:pk>/", views.AttendanceExportView.as_view(), name="attendance_export"),
            path("speech/<int:pk>/", views.SpeechView.as_view(), name="speech"),
            path("suggestion/<int:pk>/", views.SuggestionView.as_view(), name="suggestion"),
            path("adopt/<int:pk>/", views.AdoptionView.as_view(), name="adopt"),
            path("follow-up/<int:pk>/", views.FollowUpView.as_view(), name="follow_up"),
            path("instruction/<int:pk>/", views.InstructionView.as_view(), name="instruction"),
            path("place/<int:pk>/", views.PlaceView.as_view(), name="place"),
            path("document/<int:pk>/", views.DocumentView.as_view(), name="document"),
            path("proposal/<int:pk>/", views.ProposalLinkView.as_view(), name="proposal_link"),
        ]


# ---- the annual consultation plan


class PlanItemFilterSet(WagtailFilterSet):
    year = django_filters.NumberFilter(label=_("year"))
    kind = django_filters.ModelChoiceFilter(label=_("form"), queryset=_kinds)
    organiser = django_filters.ModelChoiceFilter(label=_("organiser"), queryset=_organisers)

    class Meta:
        model = PlanItem
        fields = ["year", "kind", "organiser"]


class PlanIndexView(IndexView):
    def get_base_queryset(self):
        held = (Activity.objects.filter(plan_item_id=OuterRef("pk")).order_by().values("plan_item_id")
                .annotate(n=Count("pk")).values("n")[:1])
        return super().get_base_queryset().annotate(held=Coalesce(Subquery(held), 0))


class PlanItemViewSet(ProjectViewSet):
    model = PlanItem
    icon = "list-ul"
    menu_label = _("Consultation plan")
    url_prefix = "consultation-plan"
    index_view_class = PlanIndexView
    scope = permissions.scope_by("committee_id")
    form_class = ScopedConsultationForm
    form_fields = ["committee", "year", "month", "topic", "kind", "organiser", "notes", "order"]
    filterset_class = PlanItemFilterSet
    search_fields = ["topic"]
    ordering = ["-year", "month", "order", "pk"]
    list_display = ["topic", "year", "month", "kind", Column("organiser_label", label=_("organiser")),
                    Column("held", label=_("activities held"), sort_key="held")]
    list_export = ["year", "month", "topic", "kind", "organiser_label", "held", "notes"]
    export_headings = {"organiser_label": _("organiser"), "held": _("activities held")}
    export_filename = "consultation-plan"
    list_select_related = ("kind", "organiser")


# ---- suggestions across activities


class SuggestionFilterSet(WagtailFilterSet):
    adoption = django_filters.ChoiceFilter(label=_("adoption"), choices=Suggestion.Adoption.choices)
    addressed_to = django_filters.ModelChoiceFilter(label=_("addressed to"), queryset=_bodies)
    year = django_filters.TypedChoiceFilter(label=_("year"), field_name="activity__starts_on__year", choices=_years,
                                            coerce=int)
    kind = django_filters.ModelChoiceFilter(label=_("form"), field_name="activity__kind", queryset=_kinds)

    class Meta:
        model = Suggestion
        fields = ["adoption", "addressed_to", "year", "kind"]


class SuggestionViewSet(ProjectViewSet):
    """Read-only: suggestions are recorded, adopted and followed up from the activity's page (dated events)."""

    model = Suggestion
    icon = "help"
    menu_label = pgettext_lazy("consultation", "Suggestions")
    url_prefix = "activity-suggestions"
    scope = permissions.scope_by("committee_id")
    refused_actions = ("add", "change", "delete")
    form_fields = ["text"]  # never shown
    filterset_class = SuggestionFilterSet
    search_fields = ["text"]
    ordering = ["-recorded_at", "pk"]
    list_display = [
        TitleColumn("text", label=_("suggestion"),
                    get_url=lambda obj: reverse("activities_admin:inspect", args=[obj.activity_id])),
        Column("activity", label=_("activity")), "addressed_to", "adoption", "recorded_at",
    ]
    list_export = ["activity", "number", "text", "addressed_to", "get_adoption_display", "adoption_decided_at",
                   "follow_up", "recorded_at"]
    export_headings = {"get_adoption_display": _("adoption")}
    export_filename = "suggestions"
    list_select_related = ("activity", "addressed_to")


# ---- the committee's rules


class ActivityKindViewSet(ProjectViewSet):
    model = ActivityKind
    icon = "tag"
    menu_label = _("Activity kinds")
    url_prefix = "activity-kinds"
    scope = permissions.scope_by("committee_id")
    form_class = ScopedForm
    form_fields = ["committee", "code", "name", "group", "is_training", "participation_entry", "order", "active"]
    list_display = ["name", "code", "group", "is_training", "participation_entry", "order", "active"]
    list_filter = ["group", "active"]
    list_export = ["name", "code", "group", "is_training", "participation_entry", "order", "active"]
    ordering = ["committee", "order", "pk"]
    list_select_related = ("committee",)


class ConsultationSettingsViewSet(ProjectViewSet):
    model = ConsultationSettings
    icon = "cog"
    menu_label = _("Consultation settings")
    url_prefix = "consultation-settings"
    scope = permissions.scope_by("committee_id")
    form_class = ScopedForm
    form_fields = ["committee", "short_attendance_counts_absent", "attendance_threshold_percent",
                   "sign_in_opens_minutes", "sign_in_closes_minutes"]
    list_display = ["committee", "short_attendance_counts_absent", "attendance_threshold_percent",
                    "sign_in_opens_minutes", "sign_in_closes_minutes"]
    list_export = list_display
    list_select_related = ("committee",)


class ConsultationsGroup(ModelViewSetGroup):
    menu_label = _("Consultations")
    menu_icon = "group"
    menu_order = 60
    items = (
        ActivityViewSet("activities_admin"), PlanItemViewSet("consultation_plan"),
        SuggestionViewSet("activity_suggestions"), ActivityKindViewSet("activity_kinds"),
        ConsultationSettingsViewSet("consultation_settings"),
    )
