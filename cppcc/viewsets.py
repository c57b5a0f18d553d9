"""The project's base for every admin listing: committee scoping and honest exports.

Wagtail's export writes aware datetimes as naive UTC (8 hours early for Beijing) and its CSV
escapes no formula cells (docs/stack-notes.md#django-wagtail-and-library-pitfalls); every viewset of the project goes through these classes.
"""

import datetime

from django.forms.models import modelform_factory
from django.contrib.admin.utils import unquote
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.views import generic
from wagtail.admin.views.generic import usage
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy

from cppcc.excel import as_typed_text, neutralise
from cppcc.history_view import LogHistoryView, RecordHistoryView
from cppcc.viewsets_scope import ScopedObjectMixin


def local_naive(value: datetime.datetime) -> datetime.datetime:
    """An aware datetime as naive Asia/Shanghai wall time, which is what a reader of the sheet expects."""
    if timezone.is_naive(value):
        return value
    return timezone.make_naive(value, timezone.get_default_timezone())


def yes_no(value: bool) -> str:
    """是/否 in the site's language, not the spreadsheet's TRUE/FALSE (an office reads the sheet)."""
    from django.utils.translation import gettext

    return gettext("Yes") if value else gettext("No")


class ExportMixin:
    """Beijing times and neutralised formula cells in both export formats: typed text with quotePrefix
    in .xlsx (no apostrophe shows), a leading apostrophe in CSV (cppcc.excel explains why); yes/no
    written as 是/否."""

    custom_value_preprocess = {
        datetime.datetime: {
            "xlsx": local_naive,
            "csv": lambda v: local_naive(v).strftime("%Y-%m-%d %H:%M:%S"),
        },
        (datetime.date, datetime.time): {"xlsx": None},
        bool: {"xlsx": yes_no, "csv": yes_no},
        (int, float): {"xlsx": None},
        list: {"xlsx": lambda v: ", ".join(map(str, v)), "csv": lambda v: ", ".join(map(str, v))},
    }

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise(value) if export_format == self.FORMAT_CSV else value

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format=date_format):
            yield as_typed_text(cell)


class ScopedPolicy(ModelPermissionPolicy):
    """Django model permissions, narrowed to the records of the committees the user serves.

    `refused` actions are refused to everyone, superusers included: the ledger and workflow records
    are never deleted, and some are never edited through a form.
    """

    def __init__(self, model, scope=None, refused=()):
        super().__init__(model)
        self.scope = scope or (lambda user, queryset: queryset)
        self.refused = set(refused)

    def user_has_permission(self, user, action):
        return action not in self.refused and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.scope(user, self.model._default_manager.all())

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not self.user_has_any_permission(user, actions):
            return False
        return self.scope(user, type(instance)._default_manager.filter(pk=instance.pk)).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)


class IndexView(ExportMixin, generic.IndexView):
    select_related = ()

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        scope = getattr(self.permission_policy, "scope", None)
        return scope(self.request.user, queryset) if scope else queryset


class UsageView(ScopedObjectMixin, usage.UsageView):
    permission_required = None
    any_permission_required = ["change", "view"]


def _scoped(view, queryset):
    scope = getattr(view.permission_policy, "scope", None)
    return scope(view.request.user, queryset) if scope else queryset


class EditView(generic.EditView):
    """Wagtail's edit view checks model permissions only: a record of another committee is a 404."""

    def get_queryset(self):
        return _scoped(self, super().get_queryset())


class DeleteView(generic.DeleteView):
    def get_queryset(self):
        return _scoped(self, super().get_queryset())


class InspectView(generic.InspectView):
    def get_field_display_value(self, field_name, field):
        # Wagtail shows a stored datetime as UTC here; people read Beijing time.
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, datetime.datetime):
            return local_naive(value).strftime("%Y-%m-%d %H:%M")
        return value

    def get_object(self, queryset=None):
        queryset = self.model._default_manager.all()
        scope = getattr(self.permission_policy, "scope", None)
        queryset = scope(self.request.user, queryset) if scope else queryset
        return get_object_or_404(queryset, pk=unquote(str(self.pk)))


class ProjectViewSet(ModelViewSet):
    """Every admin listing: scoped, exportable, no copy (workflow records must not be cloned)."""

    index_view_class = IndexView
    usage_view_class = UsageView
    inspect_view_class = InspectView
    edit_view_class = EditView
    delete_view_class = DeleteView
    copy_view_enabled = False
    # Wagtail's reference index costs ~10 queries per save (imports, services); our records are
    # linked by foreign keys the selectors query directly.
    add_to_reference_index = False
    add_to_admin_menu = False
    scope = None  # staticmethod(fn(user, queryset) -> queryset); see members.permissions
    refused_actions = ("delete",)  # history is kept; records are retired (valid_to), not deleted
    list_select_related = ()

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(self.model)

    def register_permissions(self):
        # Register our policy for the model first, so menus, edit and inspect views all use it.
        register_permission_policy(self.model, ScopedPolicy(self.model, self.scope, self.refused_actions), exact_class=True)
        super().register_permissions()

    form_class = None  # a WagtailAdminModelForm subclass; it receives the user as `for_user`

    def formfield_for_dbfield(self, db_field, **kwargs):
        """Wagtail's admin widgets for model fields (its date and date-time pickers above all).
        ModelViewSet's own callback is plain Django's, and it replaces the admin form's: a date then
        came as a text box in the locale's format (2022/01/01) with no picker (issue #11)."""
        from wagtail.admin.forms.models import formfield_for_dbfield

        return formfield_for_dbfield(db_field, **kwargs)

    def get_form_class(self, for_update=False):
        if self.form_class is None or self._edit_handler:
            return super().get_form_class(for_update)
        return modelform_factory(
            self.model, form=self.form_class, formfield_callback=self.formfield_for_dbfield,
            fields=self.get_form_fields(), exclude=self.get_exclude_form_fields(),
        )

    history_masks = {}  # field -> mask for the history diffs, e.g. identity numbers
    can_see_private = None  # staticmethod(fn(user, obj) -> bool): who sees unmasked history

    @property
    def history_view_class(self):
        return RecordHistoryView if hasattr(self.model, "history") else LogHistoryView

    def get_history_view_kwargs(self, **kwargs):
        if not hasattr(self.model, "history"):
            return super().get_history_view_kwargs(**kwargs)
        return super().get_history_view_kwargs(
            masks=self.history_masks, can_see_private=self.can_see_private, **kwargs
        )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(select_related=self.list_select_related, **kwargs)
