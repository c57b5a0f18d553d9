"""The form where a person chooses how notices reach them."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from cppcc.models import Message, NotificationPreference

MOBILE = re.compile(r"^1[3-9]\d{9}$")


def normalise_mobile(value: str) -> str:
    """Spaces, dashes and a +86 / 0086 prefix are dropped: 138 1234 5678 -> 13812345678."""
    value = re.sub(r"[\s\-()（）]", "", value or "")
    for prefix in ("+86", "0086"):
        if value.startswith(prefix):
            value = value[len(prefix):]
    return value


class NotificationPreferenceForm(forms.ModelForm):
    muted_kinds = forms.MultipleChoiceField(
        label=_("Keep these notices in the inbox only (no e-mail or SMS)"),
        choices=Message.Kind.choices, required=False, widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = NotificationPreference
        fields = ["email_enabled", "sms_enabled", "sms_phone", "muted_kinds"]
        help_texts = {
            "sms_phone": _("A mainland mobile number (11 digits). Pre-filled from your member profile."),
        }
        widgets = {"sms_phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"})}

    def clean_sms_phone(self):
        value = normalise_mobile(self.cleaned_data.get("sms_phone", ""))
        if value and not MOBILE.match(value):
            raise forms.ValidationError(_("Enter a mainland mobile number of 11 digits, e.g. 13812345678."))
        return value

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("sms_enabled") and not cleaned.get("sms_phone") and "sms_phone" not in self.errors:
            self.add_error("sms_phone", _("Enter the mobile number the SMS notices should go to."))
        return cleaned
