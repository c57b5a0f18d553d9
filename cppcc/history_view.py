"""The admin "History" of a record, read from django-simple-history: who changed what, when and why.

Wagtail's own history lists only its log entries, which services, imports and tasks never write;
simple-history records every save, so that is the record auditors read. Private fields (identity
numbers, phones) stay masked in the diffs for anyone the viewset says may not see them.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import history

from cppcc.people import person_name
from cppcc.viewsets_scope import ScopedObjectMixin


def value_labels(fields, records):
    """What a reader sees for a stored value: a choice's label (not its code), a related record's
    name (not its id, one query per field for all the records shown), 是/否 for yes/no, the
    person's name for an account. Returns label(field, value) -> str."""
    related = {}
    for field in fields:
        if field.is_relation and field.many_to_one:
            ids = {getattr(r, field.attname, None) for r in records} - {None}
            if ids:
                model = field.related_model
                related[field.name] = {obj.pk: obj for obj in model._default_manager.filter(pk__in=ids)}

    def label(field, value) -> str:
        if value is None or value == "":
            return ""
        if field.name in related:
            obj = related[field.name].get(value)
            if obj is None:
                return _("(deleted)")
            return person_name(obj) if obj._meta.label == settings.AUTH_USER_MODEL else str(obj)
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, bool):
            return str(_("Yes") if value else _("No"))
        return str(value)

    return label


class LogHistoryView(ScopedObjectMixin, history.HistoryView):
    """Wagtail's log-entry history, scoped, for records without simple-history (the append-only ledger)."""

    any_permission_required = ["add", "change", "delete", "view"]


class ChangesColumn(Column):
    cell_template_name = "cppcc/admin/history_changes_cell.html"


class RecordHistoryView(ScopedObjectMixin, history.HistoryView):
    any_permission_required = ["add", "change", "delete", "view"]
    filterset_class = None
    paginate_by = 50
    masks = {}  # field name -> mask function, applied unless can_see_private(user, object)
    can_see_private = None

    @property
    def columns(self):
        return [
            DateColumn("history_date", label=_("Date"), width="15%"),
            Column("user", label=_("User"), width="15%"),
            Column("type", label=_("Action"), width="10%"),
            Column("reason", label=_("Reason"), width="20%"),
            ChangesColumn("changes", label=_("Changes")),
        ]

    def _masked(self):
        if not self.masks:
            return {}
        if self.can_see_private is not None and self.can_see_private(self.request.user, self.object):
            return {}
        return self.masks

    def get_base_queryset(self):
        """All records of this object, newest first, each with its field changes against the previous one."""
        records = list(self.object.history.select_related("history_user").order_by("history_date", "history_id"))
        masks = self._masked()
        fields = [f for f in records[0].instance_type._meta.fields if not f.primary_key] if records else []
        label = value_labels(fields, records)
        rows, previous = [], None
        for record in records:
            changes = []
            for field in fields:
                new = getattr(record, field.attname, None)
                old = getattr(previous, field.attname, None) if previous else None
                if previous is not None and new == old:
                    continue
                if previous is None and new in (None, ""):
                    continue
                mask = masks.get(field.name)
                if mask:
                    show = lambda v, mask=mask: mask(str(v)) if v not in (None, "") else ""  # noqa: E731
                else:
                    show = lambda v, field=field: label(field, v)  # noqa: E731
                changes.append({"field": field.verbose_name, "old": show(old) if previous else "", "new": show(new)})
            rows.append({
                "history_date": record.history_date,
                "user": person_name(record.history_user) or "—",
                "type": record.get_history_type_display(),
                "reason": record.history_change_reason or "",
                "changes": changes,
            })
            previous = record
        rows.reverse()
        return rows

    def order_queryset(self, queryset):
        return queryset
