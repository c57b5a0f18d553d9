"""Forms of the handling unit's portal pages. They parse and check input only; the services decide.

Labels reuse the models' verbose names (one translation, the same words as the admin's columns).
Uploaded letters, opinions and scans are checked by content (cppcc.files.check_upload) against the
letter types: PDF, OFD, DOC/DOCX/WPS and images, as far as the site's upload list allows them.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cppcc.files import check_upload
from cppcc.forms import DateInput
from proposals.models import Assignment, CodeCorrection, CoOpinion, CommunicationMethod, Reply, ResultCode

LETTER_TYPES = ("pdf", "ofd", "doc", "docx", "wps", "jpg", "png")
ACCEPT = ".pdf,.ofd,.doc,.docx,.wps,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


def letter_types() -> list[str]:
    return [t for t in LETTER_TYPES if t in settings.PRIVATE_UPLOAD_TYPES]


def _label(model, name):
    return model._meta.get_field(name).verbose_name


def _text_area(rows=6):
    return forms.Textarea(attrs={"rows": rows})


def _file_field(label, required=False):
    return forms.FileField(label=label, required=required, widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}))


class CheckedFilesMixin:
    """Check every uploaded file of the form by its content, not its name."""

    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            uploaded = cleaned.get(name)
            if isinstance(field, forms.FileField) and uploaded:
                try:
                    check_upload(uploaded, allowed=letter_types())
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned


def add_service_errors(form, error: ValidationError) -> None:
    """A service's ValidationError next to the form's fields (or above the form for other fields)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.error_list)


class ConfirmForm(forms.Form):
    """An action with nothing to fill in (signing for receipt)."""


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_label(Assignment, "return_reason"), widget=_text_area(4))


class CoOpinionForm(CheckedFilesMixin, forms.Form):
    text = forms.CharField(label=_label(CoOpinion, "text"), widget=_text_area(8))
    file = _file_field(_label(CoOpinion, "file"))


class ReplyForm(CheckedFilesMixin, forms.Form):
    """The reply: nothing but the text is needed to save a draft; the service checks the rest before signing."""

    text = forms.CharField(label=_label(Reply, "text"), widget=_text_area(14))
    letter = _file_field(_label(Reply, "letter"))
    contact_person = forms.CharField(label=_label(Reply, "contact_person"), max_length=50, required=False)
    contact_phone = forms.CharField(
        label=_label(Reply, "contact_phone"), max_length=30, required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    methods = forms.MultipleChoiceField(
        label=_label(Reply, "methods"), choices=CommunicationMethod.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    result_code = forms.ModelChoiceField(
        label=_label(Reply, "result_code"), queryset=ResultCode.objects.none(), required=False,
        widget=forms.RadioSelect, empty_label=None,
    )
    follow_up_due = forms.DateField(
        label=_label(Reply, "follow_up_due"), required=False, widget=DateInput,
        help_text=_("Only for a result the unit plans to solve (in plan): the date it promises."),
    )

    def __init__(self, *args, committee_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["result_code"].queryset = ResultCode.objects.filter(committee_id=committee_id, active=True)

    @classmethod
    def initial_from(cls, reply) -> dict:
        if reply is None:
            return {}
        return {
            "text": reply.text, "contact_person": reply.contact_person, "contact_phone": reply.contact_phone,
            "methods": reply.methods, "result_code": reply.result_code_id, "follow_up_due": reply.follow_up_due,
        }

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        code = data["result_code"]
        if code is not None and not code.opens_follow_up:
            data["follow_up_due"] = None  # a promised date belongs to an in-plan result only
        return {
            "text": data["text"], "contact_person": data["contact_person"], "contact_phone": data["contact_phone"],
            "methods": data["methods"], "result_code": data["result_code"], "follow_up_due": data["follow_up_due"],
            "letter": data["letter"] or None,
        }


class SignAndSendForm(forms.Form):
    document_number = forms.CharField(label=_label(Reply, "document_number"), max_length=100, required=False)


class SendBackForm(forms.Form):
    reason = forms.CharField(
        label=_("What should be changed"), widget=_text_area(4),
    )


class PaperSignatureForm(CheckedFilesMixin, forms.Form):
    signer_name = forms.CharField(label=_label(Reply, "signer_name"), max_length=50)
    document_number = forms.CharField(label=_label(Reply, "document_number"), max_length=100)
    sealed_scan = _file_field(_label(Reply, "sealed_scan"), required=True)


class FollowUpForm(forms.Form):
    note = forms.CharField(label=_label(Reply, "follow_up_note"), widget=_text_area(6))
    new_code = forms.ModelChoiceField(
        label=_label(CodeCorrection, "new_code"), queryset=ResultCode.objects.none(), required=False,
        help_text=_("Leave empty to keep the reply's result code."),
    )

    def __init__(self, *args, committee_id, current_code_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        codes = ResultCode.objects.filter(committee_id=committee_id, active=True)
        if current_code_id:
            codes = codes.exclude(pk=current_code_id)
        self.fields["new_code"].queryset = codes


class FilterForm(forms.Form):
    """The list's filters, read from the query string."""

    show = forms.ChoiceField(required=False, choices=[])
    unit = forms.ModelChoiceField(label=_("handling unit"), queryset=None, required=False)

    def __init__(self, *args, shows, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["show"].choices = [("", "")] + list(shows)
        self.fields["unit"].queryset = units
