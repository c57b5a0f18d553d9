"""Forms of the member portal: they parse input; the services decide (and raise what the forms show)."""

from django import forms
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cppcc import clock
from cppcc.forms import CheckedFileField, OnceFormMixin
from members.forms import UnitsField
from members.models import Body, Party, Sector, Session, SpecialCommittee
from proposals.errors import TransitionError
from proposals import selectors
from proposals.models import Category, Evaluation, Kind, Proposal, Satisfaction
from proposals.workflow import Status

ORGANISATION_MODELS = {"party": Party, "sector": Sector, "special_committee": SpecialCommittee}


def _label(model, name):
    return model._meta.get_field(name).verbose_name


def error_text(exc, model=Proposal) -> str:
    """The message of a service error, for a page message or the form's top (field errors named)."""
    if isinstance(exc, ValidationError):
        if not hasattr(exc, "error_dict"):
            return " ".join(exc.messages)
        parts = []
        for name, messages in exc.message_dict.items():
            try:
                label = str(model._meta.get_field(name).verbose_name)
            except FieldDoesNotExist:
                label = ""
            parts += [f"{label}: {m}" if label and name != "__all__" else m for m in messages]
        return " ".join(parts)
    if isinstance(exc, TransitionError):
        return exc.message
    if isinstance(exc, PermissionDenied) and str(exc):
        return str(exc)
    return str(_("You may not do this."))


def add_service_errors(form, exc) -> None:
    """Put a service error next to its field when the form has that field, else at the top."""
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for name, messages in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error_text(exc))


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, session):
        return _("%(session)s (plenary filing %(opens)s to %(deadline)s)") % {
            "session": session, "opens": session.filing_opens.isoformat(), "deadline": session.filing_deadline.isoformat(),
        }


class ProposalFilterForm(forms.Form):
    session = forms.ModelChoiceField(
        label=_label(Proposal, "session"), queryset=Session.objects.none(), required=False, empty_label=_("All sessions"),
    )
    status = forms.ChoiceField(label=_label(Proposal, "status"), required=False)

    def __init__(self, *args, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions
        self.fields["status"].choices = [("", _("All statuses"))] + list(Status.choices)


class ProposalForm(OnceFormMixin, forms.Form):
    """A draft's content. Nothing but the length cap is required until the proposal is submitted."""

    organisation = forms.ChoiceField(label=_("Filed by"), required=False)
    session = SessionChoiceField(
        label=_label(Proposal, "session"), queryset=Session.objects.none(),
        help_text=_("A draft can be saved at any time; a plenary proposal is submitted within its session's filing window."),
    )
    kind = forms.ChoiceField(label=_label(Proposal, "kind"), choices=Kind.choices, widget=forms.RadioSelect)
    title = forms.CharField(label=_label(Proposal, "title"), max_length=200, required=False)
    category = forms.ModelChoiceField(label=_label(Proposal, "category"), queryset=Category.objects.none(), required=False)
    situation = forms.CharField(
        label=_label(Proposal, "situation"), required=False, widget=forms.Textarea(attrs={"rows": 10}),
    )
    suggestions = forms.CharField(
        label=_label(Proposal, "suggestions"), required=False, widget=forms.Textarea(attrs={"rows": 10}),
    )
    contact_phone = forms.CharField(label=_label(Proposal, "contact_phone"), max_length=30, required=False)
    suggested_units = UnitsField(label=_label(Proposal, "suggested_units"), required=False)
    publish_consent = forms.BooleanField(label=_label(Proposal, "publish_consent"), required=False)

    def __init__(self, *args, committee, sessions, organisations=(), as_member=True, proposal=None, **kwargs):
        """`organisations`: [(value, organisation)] the user's collective account may file for;
        `as_member`: the user may also file in their own name. Editing (`proposal`) fixes who files,
        and the session and kind once the proposal has been submitted."""
        if proposal is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "session": proposal.session_id, "kind": proposal.kind, "title": proposal.title,
                "category": proposal.category_id, "situation": proposal.situation,
                "suggestions": proposal.suggestions, "contact_phone": proposal.contact_phone,
                "suggested_units": [u.pk for u in proposal.suggested_units.all()],
                "publish_consent": proposal.publish_consent,
            }
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        today = clock.today()
        if proposal is None or proposal.submitted_at is None:
            # Filing: closed sessions are not offered (a draft keeps the one it has).
            open_ids = selectors.sessions_open_for_filing(sessions, today).values("pk")
            sessions = sessions.filter(Q(pk__in=open_ids) | Q(pk=proposal.session_id if proposal else None))
        self.fields["session"].queryset = sessions
        self.fields["category"].queryset = Category.objects.filter(committee=committee, active=True)
        units = Q(pk__in=Body.objects.filter(committee=committee).handling_units().valid_on(today).values("pk"))
        if proposal is not None:
            units |= Q(pk__in=proposal.suggested_units.values("pk"))
        self.fields["suggested_units"].queryset = Body.objects.filter(units)
        if proposal is not None or not organisations:
            del self.fields["organisation"]
        else:
            choices = [("", _("In my own name"))] if as_member else []
            choices += [(value, str(org)) for value, org in organisations]
            self.fields["organisation"].choices = choices
            self.fields["organisation"].required = not as_member
            self._organisations = dict(organisations)
        if proposal is not None and proposal.submitted_at is not None:
            for name in ("session", "kind"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("This cannot change after the proposal was submitted.")

    def chosen_organisation(self):
        value = self.cleaned_data.get("organisation") if "organisation" in self.fields else ""
        return self._organisations.get(value) if value else None

    def content(self) -> dict:
        """The keyword arguments of proposal_create_draft / proposal_update_draft."""
        names = ("title", "category", "situation", "suggestions", "contact_phone", "suggested_units", "publish_consent")
        values = {name: self.cleaned_data[name] for name in names}
        values["suggested_units"] = list(values["suggested_units"])
        if not self.fields["session"].disabled:
            values["session"] = self.cleaned_data["session"]
            values["kind"] = self.cleaned_data["kind"]
        return values


def organisation_choices(assignments) -> list:
    """[(value, organisation)] of the user's collective-account assignments."""
    choices = []
    for a in assignments:
        for name in ORGANISATION_MODELS:
            org = getattr(a, name)
            if org is not None:
                choices.append((f"{name}:{org.pk}", org))
    return choices


class InviteForm(forms.Form):
    members = forms.TypedMultipleChoiceField(coerce=int, label=_("Members to invite"))

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].choices = [(m.pk, m.name) for m in candidates]


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason for withdrawing"), widget=forms.Textarea(attrs={"rows": 4}))


class AttachmentForm(forms.Form):
    file = CheckedFileField(label=_("File"))  # checked here too, so a refusal shows next to the field

    def __init__(self, *args, **kwargs):
        from cppcc.files import accept_attribute, accepted_types_text

        super().__init__(*args, **kwargs)
        # The types and size the upload check allows (settings.PRIVATE_UPLOAD_TYPES / _MAX_BYTES).
        self.fields["file"].help_text = accepted_types_text()
        self.fields["file"].widget.attrs["accept"] = accept_attribute()


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(choices=[("confirm", _("Confirm co-signing")), ("decline", _("Decline"))])
    reason = forms.CharField(label=_("Reason for declining (optional)"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))


class EvaluationForm(forms.Form):
    overall = forms.ChoiceField(label=_("Overall"), choices=Satisfaction.choices, widget=forms.RadioSelect)
    process = forms.ChoiceField(label=_label(Evaluation, "process"), choices=Satisfaction.choices, widget=forms.RadioSelect)
    result = forms.ChoiceField(label=_label(Evaluation, "result"), choices=Satisfaction.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label=_label(Evaluation, "comment"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, rate_separately=False, **kwargs):
        super().__init__(*args, **kwargs)
        if rate_separately:
            # Overall is then the lower of the two unless the evaluator says otherwise.
            self.fields["overall"].required = False
            self.fields["overall"].help_text = _("Left empty, the lower of the two ratings counts.")
        else:
            del self.fields["process"]
            del self.fields["result"]
