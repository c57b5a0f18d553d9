"""Admin forms of members/: choices limited to the user's committees, private fields write-only."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from cppcc.forms import DateInput
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


class MemberMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.member_number}）"


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
