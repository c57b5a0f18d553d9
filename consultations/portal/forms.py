from django import forms
from django.utils.translation import gettext_lazy as _


class LeaveForm(forms.Form):
    reason = forms.CharField(label=_("Reason for leave"), widget=forms.Textarea(attrs={"rows": 3}), max_length=500)


class SignInForm(forms.Form):
    code = forms.CharField(label=_("Sign-in code"), max_length=12,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))

