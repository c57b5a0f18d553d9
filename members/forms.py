"""Admin forms of members/: choices limited to the user's committees, private fields write-only."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from django.db.models import Case, IntegerField, Value, When

from cppcc.forms import (
    DateInput, GroupedCheckboxSelectMultiple, GroupedModelChoiceIterator, GroupedModelMultipleChoiceField,
)
from members import permissions
from members.models import Body, Committee, Member, Party, Sector, SpecialCommittee, Term

SCOPED_MODELS = (Committee, Term, Sector, Party, SpecialCommittee, Body, Member)


class CutOffField(forms.DateField):
    """A cut-off date (截至): figures as of the end of that Beijing day; a day still to come is refused."""

    widget = DateInput

    def validate(self, value):
        from members.periods import check_cutoff

        super().validate(value)
        check_cutoff(value)


class MemberChoiceField(forms.ModelChoiceField):
    """Chinese names repeat: a member is shown with their member number."""

    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.member_number}）"


def _kind_order():
    return Case(*[When(kind=k, then=Value(i)) for i, k in enumerate(Body.Kind.values)],
                default=Value(len(Body.Kind.values)), output_field=IntegerField())


class UnitsField(GroupedModelMultipleChoiceField):
    """Units (bodies) to tick, grouped by their kind (government departments, party organs, towns...)
    in the kinds' order, by code within a kind, with a filter box: never one long column of thirty."""

    def __init__(self, queryset=None, **kwargs):
        kwargs.setdefault("widget", GroupedCheckboxSelectMultiple(filter_placeholder=_("Type part of a unit's name")))
        super().__init__(Body.objects.none() if queryset is None else queryset,
                         group_of=lambda body: body.get_kind_display(), label_of=lambda body: body.name, **kwargs)

    def _set_queryset(self, queryset):
        if queryset is not None:
            queryset = queryset.annotate(kind_order=_kind_order()).order_by("kind_order", "code", "name")
        super()._set_queryset(queryset)

    queryset = property(forms.ModelMultipleChoiceField._get_queryset, _set_queryset)


class UnitField(forms.ModelChoiceField):
    """One unit from a drop-down whose options are grouped by the unit's kind (<optgroup>)."""

    iterator = GroupedModelChoiceIterator

    def group_of(self, body):
        return body.get_kind_display()

    def label_from_instance(self, body):
        return body.name

    def _set_queryset(self, queryset):
        if queryset is not None:
            queryset = queryset.annotate(kind_order=_kind_order()).order_by("kind_order", "code", "name")
        super()._set_queryset(queryset)

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)


class MemberMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.member_number}）"


class MemberPicker(forms.SelectMultiple):
    """A searchable member picker (issue #11): the page carries only the members already chosen, and
    cppcc/static/cppcc/member-picker.js replaces the list with a search box that asks
    members.search_views (name, member number or sector; at most 20 answers) and adds each pick to
    the hidden list, which the form posts as usual. Never three hundred names in one list."""

    template_name = "cppcc/widgets/member_picker.html"

    class Media:
        css = {"all": ["cppcc/member-picker.css"]}
        js = ["cppcc/member-picker.js"]

    def __init__(self, attrs=None, *, committee_id=None, term_id=None):
        super().__init__(attrs)
        self.committee_id, self.term_id = committee_id, term_id

    def optgroups(self, name, value, attrs=None):
        # Only the chosen members are rendered: one query on the chosen pks, not the whole queryset.
        chosen = [v for v in value if str(v).isdigit()]
        queryset = getattr(self.choices, "queryset", None)
        if queryset is None or not chosen:
            return []
        field = self.choices.field
        options = [
            self.create_option(name, obj.pk, field.label_from_instance(obj), True, index)
            for index, obj in enumerate(queryset.filter(pk__in=chosen))
        ]
        return [(None, options, 0)]

    def get_context(self, name, value, attrs):
        from urllib.parse import urlencode

        from django.urls import reverse

        context = super().get_context(name, value, attrs)
        params = {k: v for k, v in (("committee", self.committee_id), ("term", self.term_id)) if v}
        context["widget"]["search_url"] = reverse("portal:member_search") + (f"?{urlencode(params)}" if params else "")
        return context


class MemberPickerField(MemberMultipleChoiceField):
    """Members chosen with the searchable picker; `scope(committee_id, term_id)` sets what it searches."""

    widget = MemberPicker

    def scope(self, *, committee_id, term_id=None):
        self.widget.committee_id, self.widget.term_id = committee_id, term_id


class ScopedForm(WagtailAdminModelForm):
    """Foreign keys only offer the records of the committees the user works for."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None or user.is_superuser:
            return
        ids = permissions.committee_ids(user)
        for field in self.fields.values():
            qs = getattr(field, "queryset", None)
            if qs is None:
                continue
            if qs.model is Committee:
                field.queryset = qs.filter(pk__in=ids)
            elif qs.model in SCOPED_MODELS:
                field.queryset = qs.filter(committee_id__in=ids)


class MemberForm(ScopedForm):
    """Identity number and phone are write-only for everyone but administrators and the person."""

    PRIVATE = ("id_number", "phone")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        self.private_hidden = bool(
            self.instance.pk and user is not None and not permissions.can_see_private(user, self.instance)
        )
        if self.private_hidden:
            for name in self.PRIVATE:
                if name in self.fields:
                    field = self.fields[name]
                    field.required = False
                    field.widget = forms.TextInput(attrs={"placeholder": getattr(self.instance, f"{name}_masked")})
                    field.help_text = _("Hidden. Leave blank to keep the stored value; type to replace it.")
                    self.initial[name] = ""

    def clean(self):
        cleaned = super().clean()
        if self.private_hidden:
            for name in self.PRIVATE:
                if not cleaned.get(name):
                    cleaned[name] = getattr(Member.objects.get(pk=self.instance.pk), name)
        return cleaned

    def clean_id_number(self):
        value = (self.cleaned_data.get("id_number") or "").strip().upper()
        if value and not _valid_id_number(value):
            raise forms.ValidationError(_("Not a valid 18-digit identity number."))
        return value


def _valid_id_number(value: str) -> bool:
    """GB 11643 check digit of an 18-character resident identity number."""
    if len(value) != 18 or not value[:17].isdigit():
        return False
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(value[:17], weights))
    return "10X98765432"[total % 11] == value[17]


valid_id_number = _valid_id_number
