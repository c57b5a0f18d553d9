"""Form helpers every app's views share: an upload checked by its content, and a service's refusal
shown on the form that asked for it (field errors next to their field, the rest on top)."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cppcc.files import check_upload

SERVICE_ERRORS = (ValidationError, PermissionDenied)


class DateInput(forms.DateInput):
    """The browser's date picker (<input type="date">). Its value must be ISO (2027-06-30): with the
    locale's format (2027/06/30 in zh-hans) Chromium shows an empty field and a re-save wipes the date."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class CheckedFileField(forms.FileField):
    """A file field whose upload is checked by content (cppcc.files.check_upload), not by its name."""

    def __init__(self, *args, allowed=None, **kwargs):
        self.allowed = allowed
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if uploaded:
            check_upload(uploaded, allowed=self.allowed)
        return uploaded


class WorkbookField(CheckedFileField):
    """An Excel workbook to import (.xlsx only), with a hint for the .xls and .csv files people often have."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("allowed", ["xlsx"])
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        try:
            return super().clean(data, initial)
        except ValidationError as error:
            if getattr(error, "code", None) != "bad_type":
                raise
            raise ValidationError(
                _("Please choose an Excel workbook (.xlsx). An .xls or .csv file can be saved as .xlsx in Excel or WPS."),
                code="bad_type",
            )


def apply_errors(form, error) -> None:
    """Put a service's refusal on the form: field errors next to their field, the rest on top.

    A ValidationError keeps its messages; any other refusal (PermissionDenied, an app's own error such
    as proposals' TransitionError) shows its text, or a plain "You may not do this." when it has none."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for e in errors:
                form.add_error(field if field in form.fields else None, " ".join(e.messages))
        return
    if isinstance(error, ValidationError):
        for text in error.messages:
            form.add_error(None, text)
        return
    form.add_error(None, str(error) or _("You may not do this."))


def perform(form, action, *, errors=SERVICE_ERRORS):
    """Run `action()` (one service call) in a transaction; a refusal of the kinds in `errors` goes onto
    `form` instead of escaping. Returns (True, what action returned) or (False, None) when refused."""
    try:
        with transaction.atomic():
            return True, action()
    except errors as error:
        apply_errors(form, error)
        return False, None
