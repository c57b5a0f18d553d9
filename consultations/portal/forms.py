from django import forms
from django.utils.translation import gettext_lazy as _


class LeaveForm(forms.Form):
    reason = forms.CharField(label=_("Reason for leave"), widget=forms.Textarea(attrs={"rows": 3}), max_length=500)


class SignInForm(forms.Form):
    code = forms.CharField(label=_("Sign-in code"), max_length=12,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))


def add_service_errors(form, exc):
    """A service's ValidationError onto the form: field errors where the field exists, the rest on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for message in getattr(exc, "messages", [str(exc)]):
            form.add_error(None, message)
