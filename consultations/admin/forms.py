"""Forms of the admin's consultation screens: each collects what one service needs; the service decides.

Choices are limited to the activity's committee (or, for a new activity, the committees the clerk organises for).
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

from cppcc.forms import CheckedFileField, OnceFormMixin
from consultations.models import ActivityKind, Attendance, Document, PlanItem, Place, Speech, Suggestion
from members.forms import MemberChoiceField, MemberPickerField, UnitsField
from members.models import ActivityGroup, Body, Committee, Member, Sector, SpecialCommittee

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class SittingFields(forms.Form):
    starts_at = forms.DateTimeField(label=_("starts at"), widget=AdminDateTimeInput)
    ends_at = forms.DateTimeField(label=_("ends at"), widget=AdminDateTimeInput)
    place = forms.CharField(label=_("place"), max_length=200, required=False)
    sitting_title = forms.CharField(label=_("title of the sitting"), max_length=100, required=False,
                                    help_text=_("e.g. 第一次全体会议; may stay empty for a single sitting."))

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] < data["starts_at"]:
            self.add_error("ends_at", _("The sitting ends before it starts."))
        return data


class ActivityCreateForm(OnceFormMixin, SittingFields):
    committee = forms.ModelChoiceField(label=_("committee"), queryset=Committee.objects.none())
    kind = forms.ModelChoiceField(label=_("form"), queryset=ActivityKind.objects.none())
    topic = forms.CharField(label=_("topic"), max_length=200)
    organiser = forms.ModelChoiceField(label=_("organiser"), queryset=SpecialCommittee.objects.none(), required=False,
                                       empty_label=_("The office"))
    plan_item = forms.ModelChoiceField(label=_("plan item"), queryset=PlanItem.objects.none(), required=False)
    description = forms.CharField(label=_("description"), widget=TEXTAREA, required=False)
    invited_bodies = UnitsField(label=_("invited government bodies"), required=False)
    partner_bodies = UnitsField(label=_("held jointly with"), required=False)
    invited_leaders = forms.CharField(label=_("invited leaders"), widget=TEXTAREA, required=False)

    field_order = ["committee", "kind", "topic", "organiser", "plan_item", "starts_at", "ends_at", "place",
                   "sitting_title", "description", "invited_bodies", "partner_bodies", "invited_leaders"]

    def __init__(self, *args, committee_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        ids = list(committee_ids)
        self.fields["committee"].queryset = Committee.objects.filter(pk__in=ids)
        if len(ids) == 1:
            self.fields["committee"].initial = ids[0]
            self.fields["committee"].widget = forms.HiddenInput()
        self.fields["kind"].queryset = ActivityKind.objects.filter(committee_id__in=ids, active=True)
        self.fields["organiser"].queryset = SpecialCommittee.objects.filter(committee_id__in=ids, active=True)
        self.fields["plan_item"].queryset = PlanItem.objects.filter(committee_id__in=ids).select_related("kind")
        bodies = Body.objects.filter(committee_id__in=ids)
        self.fields["invited_bodies"].queryset = bodies
        self.fields["partner_bodies"].queryset = bodies


class SittingForm(SittingFields):
    pass


class InviteForm(forms.Form):
    WAYS = [("members", _("Chosen members")), ("sector", _("A sector")), ("group", _("An activity group")),
            ("special_committee", _("A special committee")), ("all", _("All members of the term"))]
    way = forms.ChoiceField(label=_("Invite"), choices=WAYS, widget=forms.RadioSelect, initial="sector")
    members = MemberPickerField(label=_("members"), queryset=Member.objects.none(), required=False)
    sector = forms.ModelChoiceField(label=_("sector"), queryset=Sector.objects.none(), required=False)
    group = forms.ModelChoiceField(label=_("activity group"), queryset=ActivityGroup.objects.none(), required=False)
    special_committee = forms.ModelChoiceField(label=_("special committee"), queryset=SpecialCommittee.objects.none(),
                                               required=False)

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        c = activity.committee_id
        self.fields["members"].queryset = Member.objects.filter(committee_id=c).order_by("member_number")
        self.fields["members"].scope(committee_id=c)
        self.fields["sector"].queryset = Sector.objects.filter(committee_id=c, active=True)
        self.fields["group"].queryset = ActivityGroup.objects.filter(committee_id=c, active=True)
        self.fields["special_committee"].queryset = SpecialCommittee.objects.filter(committee_id=c, active=True)

    def clean(self):
        data = super().clean()
        way = data.get("way")
        if way == "members" and not data.get("members"):
            self.add_error("members", _("Choose the members."))
        elif way in ("sector", "group", "special_committee") and not data.get(way):
            self.add_error(way, _("Choose one."))
        return data

    def service_kwargs(self) -> dict:
        data, way = self.cleaned_data, self.cleaned_data["way"]
        if way == "all":
            return {"everyone": True}
        if way == "members":
            return {"members": list(data["members"])}
        return {way: data[way]}


class LeaveDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[("approve", _("Approve the leave")),
                                                              ("refuse", _("Refuse the leave"))],
                                 widget=forms.RadioSelect, initial="approve")
    reason = forms.CharField(label=_("reason"), widget=TEXTAREA, required=False,
                             help_text=_("Required when refusing."))


class SpeechForm(forms.Form):
    member = MemberChoiceField(label=_("member"), queryset=Member.objects.none())
    mode = forms.ChoiceField(label=_("kind"), choices=Speech.Mode.choices, widget=forms.RadioSelect,
                             initial=Speech.Mode.ORAL)
    title = forms.CharField(label=_("title"), max_length=200)
    text = forms.CharField(label=_("text"), widget=TEXTAREA, required=False)
    file = CheckedFileField(label=_("file"), required=False)
    sitting = forms.ModelChoiceField(label=_("sitting"), queryset=None, required=False)

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        invited = activity.invitations.values("member_id")
        self.fields["member"].queryset = Member.objects.filter(pk__in=invited).order_by("member_number")
        self.fields["sitting"].queryset = activity.sittings.all()


class SuggestionForm(forms.Form):
    text = forms.CharField(label=_("suggestion"), widget=TEXTAREA)
    addressed_to = forms.ModelChoiceField(label=_("addressed to"), queryset=Body.objects.none(), required=False)
    member = MemberChoiceField(label=_("suggested by"), queryset=Member.objects.none(), required=False)

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["addressed_to"].queryset = Body.objects.filter(committee_id=activity.committee_id).order_by("code")
        invited = activity.invitations.values("member_id")
        self.fields["member"].queryset = Member.objects.filter(pk__in=invited).order_by("member_number")


class AdoptionForm(forms.Form):
    adopted = forms.TypedChoiceField(label=_("adoption"), coerce=lambda v: v == "yes",
                                     choices=[("yes", _("Adopted")), ("no", _("Not adopted"))],
                                     widget=forms.RadioSelect, initial="yes")
    reason = forms.CharField(label=_("reason"), widget=TEXTAREA, required=False,
                             help_text=_("Required when changing an earlier decision."))


class FollowUpForm(forms.Form):
    text = forms.CharField(label=_("follow-up"), widget=TEXTAREA)


class InstructionForm(forms.Form):
    leader = forms.CharField(label=_("leader"), max_length=100)
    text = forms.CharField(label=_("instruction"), widget=TEXTAREA)
    given_on = forms.DateField(label=_("given on"), widget=AdminDateInput)
    suggestion = forms.ModelChoiceField(label=_("suggestion"), queryset=Suggestion.objects.none(), required=False)

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["suggestion"].queryset = activity.suggestions.order_by("number")


class PlaceForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=100)
    kind = forms.ChoiceField(label=_("kind"), choices=Place.Kind.choices, initial=Place.Kind.TOWN)
    visited_on = forms.DateField(label=_("visited on"), widget=AdminDateInput, required=False)
    notes = forms.CharField(label=_("notes"), max_length=300, required=False)


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=Document.Kind.choices, initial=Document.Kind.REPORT)
    title = forms.CharField(label=_("title"), max_length=200)
    text = forms.CharField(label=_("text"), widget=TEXTAREA, required=False)
    file = CheckedFileField(label=_("file"), required=False)


class ProposalLinkForm(forms.Form):
    proposal = forms.ModelChoiceField(label=_("proposal"), queryset=None)

    def __init__(self, *args, activity, **kwargs):
        from proposals.models import Proposal

        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = (
            Proposal.objects.filter(committee_id=activity.committee_id, submitted_at__isnull=False)
            .exclude(pk__in=activity.proposals.values("pk")).order_by("-submitted_at")
        )


class AttendanceForm(forms.Form):
    """One select per expected member (field name `a<attendance id>`), and a reason for corrections."""

    CHOICES = [(s, label) for s, label in Attendance.Status.choices]

    reason = forms.CharField(label=_("reason for corrections"), max_length=300, required=False,
                             help_text=_("Needed when you change attendance already recorded."))

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[f"a{row.pk}"] = forms.ChoiceField(
                label=row.member.name, choices=self.CHOICES, initial=row.status, required=False)
            self.fields[f"m{row.pk}"] = forms.IntegerField(
                label=_("minutes attended"), min_value=0, required=False, initial=row.minutes_attended)
            row.field = self[f"a{row.pk}"]
            row.minutes_field = self[f"m{row.pk}"]

    def marks(self) -> dict:
        """Only rows whose choice differs from what is recorded."""
        marks = {}
        for row in self.rows:
            status = self.cleaned_data.get(f"a{row.pk}") or row.status
            minutes = self.cleaned_data.get(f"m{row.pk}")
            if status == Attendance.Status.UNMARKED:
                continue
            if status in (Attendance.Status.LATE, Attendance.Status.LEFT_EARLY):
                if (status, minutes) != (row.status, row.minutes_attended):
                    marks[row.pk] = (status, minutes)
            elif status != row.status:
                marks[row.pk] = (status, None)
        return marks
