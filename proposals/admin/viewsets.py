"""The admin listings of proposals/: proposals, assignments, replies and the committee's rules.

All of them go through cppcc.viewsets.ProjectViewSet (committee scope, Beijing-time exports, no copy).
Workflow records are never added, edited or deleted through a form (docs/architecture.md#inside-an-app): the permission policy
refuses "change" and "delete" to everyone, superusers included, and every change of state goes through
the action views (proposals.admin.views), each calling one service. The proposals listing's "add" is
the paper proposal recorded on behalf (代录), which also goes through its service.
"""

from collections import OrderedDict

import django_filters
from django.db.models import BooleanField, Case, Exists, F, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.coreutils import multigetattr
from wagtail.admin.ui.tables import BaseColumn, BooleanColumn, Column, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.admin.widgets.button import HeaderButton

from cppcc import clock
from cppcc.viewsets import IndexView, ProjectViewSet
from members.forms import ScopedForm
from members.models import Body, Session
from proposals import permissions, statistics
from proposals.models import (
    Assignment, Category, Evaluation, Kind, Proposal, ProposalEvent, ProposalSettings, ProposerType, Publication, RejectReason, Reply, ResultCode,
    Signer,
)
from proposals.models.handling import overdue_q
from proposals.paper.admin import PaperViewSet
from proposals.search import admin_search
from proposals.workflow import AssignmentStatus, ReplyStatus, Status

from . import access, secretariat, views

WORKFLOW_REFUSED = ("add", "change", "delete")


def _staff(request, model, path="committee_id"):
    """Filter choices: rows of the committees the person reads (superusers: all)."""
    qs = model._default_manager.all()
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return qs.none()
    if user.is_superuser:
        return qs
    return qs.filter(**{f"{path}__in": permissions.staff_committee_ids(user)})


def _sessions(request):
    return _staff(request, Session).select_related("term").order_by("committee", "-plenary_start")


def _categories(request):
    return _staff(request, Category)


def _units(request):
    return _staff(request, Body).filter(is_handling_unit=True).order_by("code", "name")


# ---- proposals


AWAITING_OFFICE = "office"


def awaiting_office_q():
    """What waits for the office (the secretariat's day): proposals filed and not yet decided, cases
    accepted and not yet assigned (交办), a unit's return request, a reply waiting for its unit
    leader's signature (the office chases it)."""
    return (
        Q(status__in=[Status.SUBMITTED, Status.UNDER_REVIEW])
        | (Q(status=Status.ACCEPTED) & ~Exists(Assignment.objects.filter(proposal=OuterRef("pk"), active=True)))
        | Exists(Assignment.objects.filter(proposal=OuterRef("pk"), active=True, status=AssignmentStatus.RETURN_REQUESTED))
        | Exists(Reply.objects.filter(assignment__proposal=OuterRef("pk"), status=ReplyStatus.AWAITING_SIGNATURE))
    )


class ProposalFilterSet(WagtailFilterSet):
    session = django_filters.ModelChoiceFilter(label=_("session"), queryset=_sessions, empty_label=_("All sessions"))
    awaiting = django_filters.ChoiceFilter(
        label=_("Awaiting the office"), method="filter_awaiting", empty_label=_("Everything"),
        choices=[(AWAITING_OFFICE, _("Submitted, under review, awaiting assignment, return requests, replies awaiting signature"))],
    )
    status = django_filters.ChoiceFilter(label=_("status"), choices=Status.choices, empty_label=_("All states"))
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=Kind.choices, empty_label=_("All kinds"))
    proposer_type = django_filters.ChoiceFilter(label=_("proposer type"), choices=ProposerType.choices,
                                                empty_label=_("All proposer types"))
    category = django_filters.ModelChoiceFilter(label=_("category"), queryset=_categories, empty_label=_("All categories"))
    published = django_filters.BooleanFilter(label=_("Published"), method="filter_published", widget=BooleanRadioSelect)

    class Meta:
        model = Proposal
        fields = ["session", "awaiting", "status", "kind", "proposer_type", "category", "published"]

    def filter_awaiting(self, queryset, name, value):
        return queryset.filter(awaiting_office_q()) if value == AWAITING_OFFICE else queryset

    def filter_published(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(published=value)


def current_session(request):
    """The session the office works on: the latest whose filing has opened (else the latest), of the
    committees the person reads."""
    sessions = _sessions(request).order_by("-filing_opens", "-pk")
    opened = sessions.filter(filing_opens__lte=clock.today()).first()
    return opened or sessions.first()


def published_flag():
    """Whether the case has a standing publication (公开): one EXISTS per row, no join."""
    return Exists(Publication.objects.filter(proposal=OuterRef("pk"), withdrawn_at__isnull=True))


class LocalDateColumn(Column):
    """A moment shown as its Beijing date (an office ledger reads dates, not "3 days ago")."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return timezone.localtime(value).strftime("%Y-%m-%d") if value else ""


class SelectColumn(BaseColumn):
    """A checkbox per row, tied to the batch form below the listing (HTML `form` attribute), so the
    selection survives Wagtail's AJAX refresh of the results."""

    cell_template_name = "proposals/admin/select_cell.html"
    header_template_name = "proposals/admin/select_header.html"


def first_proposer_name():
    """The first proposer's name, or the organisation's: one subquery, so the listing does not grow per row."""
    first = Signer.objects.filter(proposal=OuterRef("pk"), position=Signer.Position.FIRST).values("member__name")[:1]
    return Coalesce(Subquery(first), F("party__name"), F("sector__name"), F("special_committee__name"), Value(""))


HANDLING_COLUMNS = ("export_units", "export_due", "export_results", "export_evaluations")


def export_prefetches():
    """The handling columns of the export in four queries whatever the number of rows."""
    sent = Reply.objects.filter(status=ReplyStatus.SENT).select_related("result_code").order_by("sent_at", "pk")
    assignments = (Assignment.objects.filter(active=True).select_related("unit").order_by("round", "pk")
                   .prefetch_related(Prefetch("replies", queryset=sent, to_attr="sent_replies")))
    return [
        Prefetch("assignments", queryset=assignments, to_attr="active_assignments"),
        Prefetch("evaluations", queryset=Evaluation.objects.order_by("submitted_at", "pk"), to_attr="all_evaluations"),
    ]


def handling_columns(proposal) -> dict:
    """承办单位 (with each unit's role), 答复期限, 办理结果 and 评价 of a case, as an office ledger writes them."""
    assignments = getattr(proposal, "active_assignments", None)
    if assignments is None:  # not an export: nothing prefetched, nothing to show
        return dict.fromkeys(HANDLING_COLUMNS, "")
    dues = sorted({a.due_date for a in assignments if a.status != AssignmentStatus.REPLIED})
    results = [str(r.result_code) for a in assignments for r in a.sent_replies if r.result_code_id]
    return {
        "export_units": "、".join(f"{a.unit}（{a.get_role_display()}）" for a in assignments),
        "export_due": "、".join(d.isoformat() for d in dues),
        "export_results": "、".join(dict.fromkeys(results)),
        "export_evaluations": "、".join(e.get_overall_display() for e in proposal.all_evaluations),
    }


class ProposalIndexView(IndexView):
    template_name = "proposals/admin/proposal_index.html"
    show_other_searches = True  # a search links to the same words among members, units and activities

    def get_base_queryset(self):
        # A member's own draft is the member's: never in the office's list, its search or its exports.
        queryset = (super().get_base_queryset().exclude(access.members_draft_q())
                    .annotate(proposer_name=first_proposer_name(), published=published_flag()))
        if self.is_export:
            queryset = queryset.prefetch_related(*export_prefetches())
        return queryset

    def to_row_dict(self, item):
        computed = handling_columns(item)
        return OrderedDict(
            (field, computed[field] if field in computed else multigetattr(item, field)) for field in self.list_export
        )

    # ---- the secretariat's day: with no query string the list opens on the current session and on
    # what awaits the office; "显示全部" (?show=all) or any filter of one's own shows the rest.

    UNFILTERED_KEYS = {"p", "ordering", "export"}  # a page, an order or an export of the default list

    @cached_property
    def default_filters(self) -> dict:
        if set(self.request.GET) - self.UNFILTERED_KEYS:
            return {}
        session = current_session(self.request)
        defaults = {"awaiting": AWAITING_OFFICE}
        if session is not None:
            defaults["session"] = str(session.pk)
        return defaults

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        if self.default_filters:
            data = self.request.GET.copy()
            data.update(self.default_filters)
            kwargs["data"] = data
        return kwargs

    def search_queryset(self, queryset):
        """Title, numbers, the body, the signers' and the organisation's names (proposals.search: a word
        from the middle of a Chinese sentence is found; several words must all match)."""
        if not self.is_searching:
            return queryset
        return admin_search(queryset, self.search_query)

    @cached_property
    def may_batch(self):
        return bool(permissions.reviewer_committee_ids(self.request.user))

    @cached_property
    def may_record(self):
        return bool(permissions.secretariat_committee_ids(self.request.user))

    @cached_property
    def columns(self):
        # Every reader of the list may print the selected cases' forms; deciding and assigning are
        # offered to those who may.
        return [SelectColumn("select", label=_("Select"))] + list(super().columns)

    def get_add_url(self):
        return reverse("proposal_admin:add") if self.may_record else None

    @cached_property
    def add_item_label(self):
        return _("Record a paper proposal")

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.may_record:
            buttons.append(HeaderButton(_("Number accepted cases in one batch"),
                                        url=reverse("proposal_admin:number_batch"), icon_name="order"))
        return buttons

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["may_batch"] = self.may_batch
        context["may_assign"] = self.may_record  # 交办 is the secretariat's
        context["batch_url"] = reverse("proposal_admin:batch")
        context["defaulted"] = bool(self.default_filters)
        context["show_all_url"] = reverse("proposal_admin:index") + "?show=all"
        context["saved_filters"] = secretariat.saved_filters(self.request.user)
        context["current_query"] = secretariat.clean_query(self.request.GET.urlencode())
        return context


class ProposalViewSet(ProjectViewSet):
    model = Proposal
    icon = "doc-full-inverse"
    menu_label = _("Proposals")
    url_prefix = "proposals"  # the namespace "proposals" belongs to the portal (proposals/urls.py)
    index_view_class = ProposalIndexView
    inspect_view_class = views.ProposalInspectView
    inspect_view_enabled = True
    inspect_template_name = "proposals/admin/proposal_detail.html"
    add_view_class = views.PaperProposalView
    scope = access.proposal_scope
    refused_actions = ("change", "delete")  # changes go through the action views; "add" is the paper form
    form_fields = ["title"]  # never shown: "change" is refused (Wagtail builds the form class anyway)
    filterset_class = ProposalFilterSet
    search_fields = ["title"]  # turns the search box on; ProposalIndexView.search_queryset does the search
    ordering = ["-session__plenary_start", "receipt_seq", "pk"]
    list_display = [
        "title", "receipt_number", "case_number",
        Column("proposer_name", label=_("First proposer or organisation"), sort_key="proposer_name"),
        "kind", "category", "status", LocalDateColumn("submitted_at", label=_("submitted at"), sort_key="submitted_at"),
        BooleanColumn("published", label=_("Published"), sort_key="published"),
    ]
    list_export = [
        "receipt_number", "case_number", "title", "proposer_name", "get_kind_display", "get_proposer_type_display",
        "category", "session", "get_status_display", "submitted_at", "decided_at", "merged_into", "reason",
        *HANDLING_COLUMNS, "recorded_on_behalf",
    ]
    export_headings = {
        "proposer_name": _("First proposer or organisation"), "get_kind_display": _("kind"),
        "get_proposer_type_display": _("proposer type"),
        "get_status_display": _("status"),
        "export_units": _("handling unit"), "export_due": _("due date"), "export_results": _("handling result"),
        "export_evaluations": _("evaluation"),
    }
    export_filename = "proposals"
    list_select_related = ("session", "session__term", "category", "party", "sector", "special_committee", "merged_into")
    inspect_view_fields = [
        "session", "kind", "proposer_type", "party", "sector", "special_committee", "title", "category", "situation",
        "suggestions", "contact_phone", "suggested_units", "publish_consent", "status", "receipt_number",
        "case_number", "submitted_at", "decided_at", "merged_into", "reject_reason", "reason", "recorded_on_behalf",
        "paper_scan", "created_by", "created_at",
    ]

    def get_add_view_kwargs(self, **kwargs):
        return kwargs  # PaperProposalView builds its own form

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("review/<int:pk>/", views.ReviewStageView.as_view(), name="review_stage"),
            path("accept/<int:pk>/", views.AcceptView.as_view(), name="accept"),
            path("number/<int:pk>/", views.NumberView.as_view(), name="number"),
            path("number-batch/", views.NumberBatchView.as_view(), name="number_batch"),
            path("merge/<int:pk>/", views.MergeView.as_view(), name="merge"),
            path("convert/<int:pk>/", views.ConvertView.as_view(), name="convert"),
            path("reject/<int:pk>/", views.RejectView.as_view(), name="reject"),
            path("return/<int:pk>/", views.ReturnForRevisionView.as_view(), name="return_for_revision"),
            path("withdraw/<int:pk>/", views.WithdrawOnBehalfView.as_view(), name="withdraw"),
            path("cosign/<int:pk>/", views.CosignOnBehalfView.as_view(), name="cosign_on_behalf"),
            path("assign/<int:pk>/", views.AssignView.as_view(), name="assign"),
            path("batch/", views.BatchView.as_view(), name="batch"),
            path("publish/<int:pk>/", views.PublishView.as_view(), name="publish"),
            path("unpublish/<int:pk>/", views.UnpublishView.as_view(), name="unpublish"),
            path("assign-selected/", secretariat.BulkAssignView.as_view(), name="bulk_assign"),
            path("print-selected/", secretariat.PrintSelectedView.as_view(), name="print_selected"),
            path("filters/save/", secretariat.SaveFilterView.as_view(), name="save_filter"),
            path("filters/delete/<int:pk>/", secretariat.DeleteFilterView.as_view(), name="delete_filter"),
        ]


# ---- assignments and replies


def today():
    return clock.today()


class AssignmentFilterSet(WagtailFilterSet):
    session = django_filters.ModelChoiceFilter(label=_("session"), field_name="proposal__session", queryset=_sessions,
                                               empty_label=_("All sessions"))
    unit = django_filters.ModelChoiceFilter(label=_("handling unit"), queryset=_units, empty_label=_("All units"))
    role = django_filters.ChoiceFilter(label=_("role"), choices=Assignment.Role.choices, empty_label=_("All roles"))
    status = django_filters.ChoiceFilter(label=_("status"), choices=AssignmentStatus.choices, empty_label=_("All states"))
    active = django_filters.BooleanFilter(label=_("active"), widget=BooleanRadioSelect)
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue", widget=BooleanRadioSelect)

    class Meta:
        model = Assignment
        fields = ["session", "unit", "role", "status", "active", "overdue"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(overdue=value)


class RemindColumn(Column):
    """催办 on each overdue row not reminded today (the committee's secretariat only)."""

    cell_template_name = "proposals/admin/remind_cell.html"

    def get_value(self, instance):
        if getattr(instance, "overdue", False) and not getattr(instance, "reminded_today", False):
            return reverse("assignments:remind", args=[instance.pk])
        return ""


class AssignmentIndexView(IndexView):
    def get_base_queryset(self):
        day = today()
        flag = Case(When(overdue_q(day), then=Value(True)), default=Value(False), output_field=BooleanField())
        reminded = Exists(ProposalEvent.objects.filter(assignment=OuterRef("pk"), action="remind", data__day=day.isoformat()))
        return super().get_base_queryset().annotate(overdue=flag, reminded_today=reminded)

    @cached_property
    def columns(self):
        columns = list(super().columns)
        if permissions.secretariat_committee_ids(self.request.user):
            columns.append(RemindColumn("remind", label=_("Send a reminder (催办)")))
        return columns


def _case_link(proposal_path):
    def get_url(obj):
        proposal_id = obj
        for part in proposal_path.split("."):
            proposal_id = getattr(proposal_id, part)
        return reverse("proposal_admin:inspect", args=[proposal_id])

    return get_url


class AssignmentViewSet(ProjectViewSet):
    """One row per (case, unit, round); created by assigning a case, changed by the action views only."""

    model = Assignment
    icon = "tasks"
    index_view_class = AssignmentIndexView
    scope = access.assignment_scope
    refused_actions = WORKFLOW_REFUSED
    form_fields = ["due_date"]  # never shown: add, change and delete are refused
    filterset_class = AssignmentFilterSet
    ordering = ["due_date", "pk"]
    list_display = [
        TitleColumn("proposal", label=_("case"), get_url=_case_link("proposal_id")),
        Column("proposal.title", label=_("title (案由)")),
        "unit", "role", "round", "status", "due_date",
        BooleanColumn("overdue", label=_("Overdue"), sort_key="overdue"),
        BooleanColumn("active", label=_("active")),
    ]
    list_export = [
        "proposal.case_number", "proposal.receipt_number", "proposal.title", "unit.name", "get_role_display", "round",
        "get_status_display", "assigned_at", "due_date", "overdue", "signed_at", "active",
    ]
    export_headings = {
        "proposal.case_number": _("case number"), "proposal.receipt_number": _("receipt number"),
        "proposal.title": _("title (案由)"), "unit.name": _("handling unit"), "get_role_display": _("role"),
        "get_status_display": _("status"), "overdue": _("Overdue"),
    }
    export_filename = "assignments"
    list_select_related = ("proposal", "unit")

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("extend/<int:pk>/", views.ExtendView.as_view(), name="extend"),
            path("decide-return/<int:pk>/", views.DecideReturnView.as_view(), name="decide_return"),
            path("paper-reply/<int:pk>/", views.ReplyOnBehalfView.as_view(), name="reply_on_behalf"),
            path("remind/<int:pk>/", secretariat.RemindView.as_view(), name="remind"),
        ]


class ReplyFilterSet(WagtailFilterSet):
    session = django_filters.ModelChoiceFilter(label=_("session"), field_name="assignment__proposal__session", queryset=_sessions,
                                               empty_label=_("All sessions"))
    unit = django_filters.ModelChoiceFilter(label=_("handling unit"), field_name="assignment__unit", queryset=_units,
                                            empty_label=_("All units"))
    result_code = django_filters.CharFilter(label=_("result code"), field_name="result_code__code")
    recorded_on_behalf = django_filters.BooleanFilter(label=_("recorded on behalf from paper"), widget=BooleanRadioSelect)
    evaluation = django_filters.ChoiceFilter(
        label=_("Evaluation"), choices=statistics.EVALUATION_STATES, method="filter_evaluation", empty_label=_("Everything"),
    )
    state = django_filters.ChoiceFilter(
        label=_("state"), field_name="status", empty_label=None,
        choices=[(ReplyStatus.SENT, _("Sent")), (ReplyStatus.AWAITING_SIGNATURE, _("Awaiting the leader's signature"))],
    )

    class Meta:
        model = Reply
        fields = ["session", "unit", "result_code", "recorded_on_behalf", "evaluation", "state"]

    def filter_evaluation(self, queryset, name, value):
        """Today's evaluation state of each sent reply (awaited, 未表态, complete), as the dashboard counts it."""
        return statistics.filter_replies_by_evaluation(queryset, value) if value else queryset


class ReplyIndexView(IndexView):
    def get_base_queryset(self):
        # The office's record of official letters: sent replies, or (state filter) those a unit's leader
        # has still to sign, for the office to chase; drafts are the unit's own work.
        state = self.request.GET.get("state")
        shown = ReplyStatus.AWAITING_SIGNATURE if state == ReplyStatus.AWAITING_SIGNATURE else ReplyStatus.SENT
        return super().get_base_queryset().filter(status=shown)


class ReplyViewSet(ProjectViewSet):
    """Sent replies, read-only; a result code is corrected through its action view (a dated correction)."""

    model = Reply
    icon = "mail"
    index_view_class = ReplyIndexView
    scope = access.reply_scope
    refused_actions = WORKFLOW_REFUSED
    form_fields = ["text"]  # never shown
    filterset_class = ReplyFilterSet
    ordering = ["-sent_at", "pk"]
    list_display = [
        TitleColumn("assignment.proposal", label=_("case"), get_url=_case_link("assignment.proposal_id")),
        Column("assignment.proposal.title", label=_("title (案由)")),
        Column("assignment.unit", label=_("handling unit")), "round", "result_code",
        LocalDateColumn("sent_at", label=_("sent at"), sort_key="sent_at"), "signer_name", "document_number",
        BooleanColumn("recorded_on_behalf", label=_("recorded on behalf from paper")),
    ]
    list_export = [
        "assignment.proposal.case_number", "assignment.proposal.title", "assignment.unit.name", "round",
        "result_code.code", "sent_at", "signer_name", "document_number", "contact_person", "contact_phone",
        "recorded_on_behalf",
    ]
    export_headings = {
        "assignment.proposal.case_number": _("case number"), "assignment.proposal.title": _("title (案由)"),
        "assignment.unit.name": _("handling unit"), "result_code.code": _("result code"),
    }
    export_filename = "replies"
    list_select_related = ("assignment", "assignment__proposal", "assignment__unit", "result_code")

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("correct-code/<int:pk>/", views.CorrectCodeView.as_view(), name="correct_code"),
            path("paper-evaluation/<int:pk>/", views.EvaluateOnBehalfView.as_view(), name="evaluate_on_behalf"),
        ]


# ---- the committee's rules (data, docs/domain.md#rules-are-data): edited here, retired with "in use", never deleted


class RulesViewSet(ProjectViewSet):
    scope = access.rules_scope
    form_class = ScopedForm
    refused_actions = ("delete",)


class ProposalSettingsViewSet(RulesViewSet):
    model = ProposalSettings
    icon = "cog"
    list_display = ["committee", "body_max_chars", "reply_months_plenary", "reply_months_between", "max_reply_months",
                    "evaluators", "evaluation_days"]
    list_export = ["committee", "body_max_chars", "receipt_number_format", "reply_months_plenary",
                   "reply_months_between", "max_reply_months", "return_window_workdays", "evaluators",
                   "evaluation_days", "no_response_counts_satisfied"]
    form_fields = [
        "committee", "body_max_chars", "cosign_by_filing_deadline", "unconfirmed_cosigners", "receipt_number_format",
        "accepted_credit", "merge_earns_accepted_credit", "evaluators", "evaluation_days",
        "no_response_counts_satisfied", "rate_separately", "reply_months_plenary", "reply_months_between",
        "max_reply_months", "rehandling_months", "return_window_workdays", "co_opinion_days",
    ]
    list_select_related = ("committee",)


class CategoryViewSet(RulesViewSet):
    model = Category
    icon = "tag"
    list_display = ["name", "national_class", "order", "active", "committee"]
    list_filter = ["active", "national_class"]
    list_export = ["name", "national_class", "order", "active", "committee"]
    search_fields = ["name"]
    form_fields = ["committee", "name", "national_class", "order", "active"]
    list_select_related = ("committee",)


class RejectReasonViewSet(RulesViewSet):
    model = RejectReason
    icon = "warning"
    list_display = ["text", "order", "active", "committee"]
    list_filter = ["active"]
    list_export = ["text", "order", "active", "committee"]
    search_fields = ["text"]
    form_fields = ["committee", "text", "order", "active"]
    list_select_related = ("committee",)


class ResultCodeViewSet(RulesViewSet):
    model = ResultCode
    icon = "list-ol"
    list_display = ["code", "label", "is_adopted", "opens_follow_up", "order", "active", "committee"]
    list_filter = ["active"]
    list_export = ["code", "label", "is_adopted", "opens_follow_up", "order", "active", "committee"]
    form_fields = ["committee", "code", "label", "is_adopted", "opens_follow_up", "order", "active"]
    list_select_related = ("committee",)


class ProposalsGroup(ModelViewSetGroup):
    menu_label = _("Proposals")
    menu_icon = "doc-full-inverse"
    menu_order = 50
    items = (
        ProposalViewSet("proposal_admin"), AssignmentViewSet("assignments"), ReplyViewSet("replies"),
        ProposalSettingsViewSet("proposal_settings"), CategoryViewSet("proposal_categories"),
        RejectReasonViewSet("reject_reasons"), ResultCodeViewSet("result_codes"), PaperViewSet("paper_forms"),
    )
