"""Forms of the reports admin: what period and cut-off a summary or a dashboard covers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.forms import CutOffField
from members.models import Session
from members.periods import local_today


class PeriodForm(forms.Form):
    """A committee, a year or a session, and a cut-off date (default today, Beijing)."""

    committee = forms.ModelChoiceField(label=_("Committee"), queryset=None)
    period_kind = forms.ChoiceField(
        label=_("Period"), widget=forms.RadioSelect, initial="year",
        choices=[("year", _("Calendar year")), ("session", _("Session"))],
    )
    year = forms.IntegerField(label=_("Year"), min_value=1949, max_value=2100, required=False)
    session = forms.ModelChoiceField(label=_("Session"), queryset=Session.objects.none(), required=False)
    as_of = CutOffField(
        label=_("Cut-off date (截至)"), required=False,
        help_text=_("Figures count what was recorded by the end of this day (Beijing time). Empty: today."),
    )

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees
        self.fields["session"].queryset = (
            Session.objects.filter(committee__in=committees).select_related("term", "committee").order_by("-plenary_start")
        )
        self.fields["session"].label_from_instance = lambda s: f"{s}（{s.plenary_start:%Y-%m-%d}）"
        first = committees.first()
        if first is not None:
            self.fields["committee"].initial = first.pk
        self.fields["year"].initial = local_today().year
        if self.is_bound:
            # A link that names only a year or a session (?year=2007) means the user's committee and that kind.
            data = self.data.copy()
            if not data.get("committee") and first is not None:
                data["committee"] = first.pk
            if not data.get("period_kind"):
                data["period_kind"] = "session" if data.get("session") else "year"
            self.data = data

    def clean(self):
        cleaned = super().clean()
        kind, committee = cleaned.get("period_kind"), cleaned.get("committee")
        if kind == "year" and not cleaned.get("year"):
            self.add_error("year", _("Enter the year."))
        if kind == "session":
            session = cleaned.get("session")
            if session is None:
                self.add_error("session", _("Choose the session."))
            elif committee is not None and session.committee_id != committee.pk:
                self.add_error("session", _("This session belongs to another committee."))
        if kind == "year":
            cleaned["session"] = None
        else:
            cleaned["year"] = None
        cleaned["as_of"] = cleaned.get("as_of") or local_today()
        return cleaned

    def period(self):
        from reports.services import period_for

        data = self.cleaned_data
        return period_for(committee=data["committee"], year=data.get("year"), session=data.get("session"))


class LabelsForm(forms.Form):
    """One text field per overview figure, pre-filled with the committee's label or the default."""

    def __init__(self, *args, defaults: dict, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.defaults = defaults
        for index, (key, default) in enumerate(defaults.items()):
            self.fields[f"f{index}"] = forms.CharField(
                label=default, max_length=100, required=False, initial=current.get(key, default),
                help_text=key,
            )
        self.keys = {f"f{index}": key for index, key in enumerate(defaults)}

    def labels(self) -> dict:
        return {self.keys[name]: value for name, value in self.cleaned_data.items()}

