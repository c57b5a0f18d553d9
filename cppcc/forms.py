"""Form helpers every app's views share: an upload checked by its content, a service's refusal
shown on the form that asked for it (field errors next to their field, the rest on top), and a
one-time token that keeps a double-clicked create form from creating twice."""

import datetime
import uuid
from dataclasses import dataclass

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cppcc.files import check_upload

SERVICE_ERRORS = (ValidationError, PermissionDenied)


class DateInput(forms.DateInput):
    """The browser's date picker (<input type="date">). Its value must be ISO (2027-06-30): with the
    locale's format (2027/06/30 in zh-hans) Chromium shows an empty field and a re-save wipes the date."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class GroupedCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes laid out in their groups (the field's choices are (group, [choices]) pairs), with a
    filter box (cppcc/static/cppcc/choice-filter.js, loaded as the widget's media) to find one by name."""

    template_name = "cppcc/widgets/grouped_checkboxes.html"

    class Media:
        css = {"all": ["cppcc/choice-filter.css"]}
        js = ["cppcc/choice-filter.js"]

    def __init__(self, attrs=None, choices=(), filter_placeholder=None):
        super().__init__(attrs, choices)
        self.filter_placeholder = filter_placeholder

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["filter_placeholder"] = self.filter_placeholder or _("Type to filter the list")
        return context


class GroupedModelChoiceIterator(forms.models.ModelChoiceIterator):
    """The field's queryset as (group label, [choices]) pairs, in queryset order (order it by group)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups = {}
        queryset = self.queryset if self.queryset._prefetch_related_lookups else self.queryset.iterator()
        for obj in queryset:
            groups.setdefault(str(self.field.group_of(obj)), []).append(self.choice(obj))
        yield from groups.items()


class GroupedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice of rows shown in groups (`group_of(obj)` names an object's group), as
    grouped checkboxes with a filter box: thirty units are scanned by kind, not read in one column."""

    iterator = GroupedModelChoiceIterator
    widget = GroupedCheckboxSelectMultiple

    def __init__(self, queryset, *, group_of, label_of=None, **kwargs):
        self.group_of = group_of
        self.label_of = label_of
        super().__init__(queryset, **kwargs)

    def label_from_instance(self, obj):
        return self.label_of(obj) if self.label_of else super().label_from_instance(obj)


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


# ---- create forms: one POST creates one thing (issue #10: a double-clicked save made two drafts)

ONCE_FIELD = "once_token"
ONCE_KEPT = datetime.timedelta(days=2)


class OnceFormMixin(forms.Form):
    """A hidden one-time token, new each time the form is shown; `create_once` claims it."""

    once_token = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial[ONCE_FIELD] = uuid.uuid4()


@dataclass
class Created:
    """What `create_once` did: `obj` is new, or `again` is the URL of what an earlier POST of the same
    form made (redirect there), or both are None (refused: the errors are on the form)."""

    obj: object = None
    again: str | None = None

    @property
    def repeated(self) -> bool:
        return self.again is not None


def create_once(request, form, create, *, url, errors=SERVICE_ERRORS) -> Created:
    """Run `create()` (one service call) in a transaction that also claims the form's token.

    A second POST with the same token waits on the token's unique index until the first commits, then
    gets the first one's result (`url(obj)`) instead of creating again; if the first was refused, its
    claim rolled back with it and the second tries afresh. A form posted without a token (an old page)
    is simply created."""
    from cppcc.models import OnceToken

    token = form.cleaned_data.get(ONCE_FIELD)
    try:
        with transaction.atomic():
            claim = None
            if token is not None:
                try:
                    with transaction.atomic():
                        claim = OnceToken.objects.create(token=token, user=request.user)
                except IntegrityError:
                    done = OnceToken.objects.filter(token=token, user=request.user).first()
                    if done is None:  # someone else's token: not this user's to repeat
                        form.add_error(None, _("This form has expired; please reload the page and try again."))
                        return Created()
                    return Created(again=done.result_url)
                OnceToken.objects.filter(created_at__lt=timezone.now() - ONCE_KEPT).delete()
            obj = create()
            if claim is not None:
                claim.result_url = url(obj)
                claim.save(update_fields=["result_url"])
            return Created(obj=obj)
    except errors as error:
        apply_errors(form, error)
        return Created()
