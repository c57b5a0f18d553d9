"""The audit log in the admin (审计日志): read, filter, search and export; nothing else.

Only the listing, its results fragment and the inspect page exist as URLs: no add, edit, delete,
copy, history or usage view. The permission policy refuses add/change/delete to everyone, superusers
included, so no Wagtail button or bulk action offers them either. Reading needs `cppcc.view_auditevent`
(the auditor's role) or a superuser, and whatever reader rule an app registers
(`register_reader_rule`: members says that under 三员分立 only the auditor reads it, not the system or
security administrator, who are superusers).
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column

from wagtail.permissions import register_permission_policy

from cppcc.models import AuditAction, AuditEvent, AuditResult
from cppcc.viewsets import ProjectViewSet, ScopedPolicy, local_naive

_reader_rules = []


def register_reader_rule(rule):
    """`rule(user) -> bool`: one more condition to read the audit log (cppcc imports no app; apps add theirs)."""
    _reader_rules.append(rule)
    return rule


class AuditPolicy(ScopedPolicy):
    def user_has_permission(self, user, action):
        return super().user_has_permission(user, action) and all(rule(user) for rule in _reader_rules)


class AuditEventFilterSet(WagtailFilterSet):
    action = django_filters.ChoiceFilter(label=_("action"), choices=AuditAction.choices)
    result = django_filters.ChoiceFilter(label=pgettext_lazy("audit", "result"), choices=AuditResult.choices)
    actor_name = django_filters.CharFilter(label=_("actor (user name)"), lookup_expr="iexact")
    at = django_filters.DateFromToRangeFilter(label=_("time"), widget=DateRangePickerWidget)

    class Meta:
        model = AuditEvent
        fields = ["action", "result", "actor_name", "at"]


class LocalTimeColumn(Column):
    """Beijing time to the second: an auditor compares it with other logs."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return local_naive(value).strftime("%Y-%m-%d %H:%M:%S") if value else ""


class AuditEventViewSet(ProjectViewSet):
    model = AuditEvent
    icon = "list-ul"
    menu_label = _("Audit log")
    menu_order = 9000
    add_to_admin_menu = True
    url_prefix = "audit-log"
    refused_actions = ("add", "change", "delete")
    inspect_view_enabled = True
    filterset_class = AuditEventFilterSet
    search_fields = ["actor_name", "ip_address", "object_label"]
    ordering = ["-at", "-pk"]
    list_per_page = 50
    list_display = [
        LocalTimeColumn("at", label=_("time"), sort_key="at"),
        Column("actor_name", label=_("actor"), sort_key="actor_name"),
        "ip_address",
        Column("get_action_display", label=_("action"), sort_key="action"),
        "object_label",
        Column("get_result_display", label=pgettext_lazy("audit", "result"), sort_key="result"),
    ]
    list_export = [
        "at", "actor_name", "ip_address", "user_agent", "get_action_display", "object_type", "object_id",
        "object_label", "get_result_display", "detail",
    ]
    export_headings = {
        "at": _("time"), "actor_name": _("actor"), "get_action_display": _("action"), "object_type": _("object type"),
        "get_result_display": pgettext_lazy("audit", "result"),
    }
    export_filename = "audit-log"
    list_select_related = ("object_type",)
    inspect_view_fields = [
        "at", "actor", "actor_name", "ip_address", "user_agent", "action", "object_type", "object_id",
        "object_label", "result", "detail",
    ]
    form_fields = ["detail"]  # never shown: add and change are refused (Wagtail builds a form class anyway)

    def register_permissions(self):
        register_permission_policy(self.model, AuditPolicy(self.model, refused=self.refused_actions), exact_class=True)
        super(ProjectViewSet, self).register_permissions()

    def get_urlpatterns(self):
        # Read-only by construction: the views that write do not exist, so no URL can be guessed.
        kept = {"index", "index_results", "inspect"}
        return [pattern for pattern in super().get_urlpatterns() if pattern.name in kept]
