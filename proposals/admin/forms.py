"""Forms of the admin's action views. Each collects what one service needs; the service decides.

Choices are limited to the proposal's committee (or, for new paper proposals, the committees the
clerk works for as secretariat). Uploaded scans are checked by content here too, so a wrong file is
a form error before anything is stored.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from cppcc import clock
from cppcc.forms import CheckedFileField, OnceFormMixin
from members.forms import MemberChoiceField, MemberPickerField, UnitField, UnitsField
from members.models import Body, Member, Party, Sector, Session, SpecialCommittee
from proposals.models import (
    Assignment, Category, CommunicationMethod, Kind, Proposal, RejectReason, ResultCode, Satisfaction,
)
from proposals.services.review import ReviewStage
from proposals.workflow import Status

TEXTAREA = forms.Textarea(attrs={"rows": 3})


def handling_units(committee_id):
    day = clock.today()
    return (
        Body.objects.filter(committee_id=committee_id, is_handling_unit=True)
        .exclude(valid_from__gt=day).exclude(valid_to__lt=day).order_by("code", "name")
    )


# ---- review


class ReviewStageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Review stage"), choices=ReviewStage.choices)
    opinion = forms.CharField(label=_("Opinion"), widget=TEXTAREA, required=False)


class AcceptForm(forms.Form):
    assign_number = forms.BooleanField(
        label=_("Give the case number now"), required=False, initial=True,
        help_text=_("Leave unticked to number the session's accepted cases in one batch after the review meeting."),
    )
    reason = forms.CharField(label=_("Opinion"), widget=TEXTAREA, required=False)


class ConfirmForm(forms.Form):
    """Actions that need nothing but a confirmation."""


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=TEXTAREA)


class OptionalReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=TEXTAREA, required=False)


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(label=_("Merge into the case"), queryset=Proposal.objects.none())
    reason = forms.CharField(label=_("Reason"), widget=TEXTAREA, required=False)

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = (
            Proposal.objects.filter(session_id=proposal.session_id, status=Status.ACCEPTED)
            .exclude(pk=proposal.pk).order_by("case_seq", "pk")
        )
        self.fields["into"].label_from_instance = lambda p: f"{p.case_number or _('(not numbered)')} {p.title}"


class ConvertForm(forms.Form):
    to = forms.ChoiceField(label=_("Convert to"))
    reason = forms.CharField(label=_("Reason"), widget=TEXTAREA, required=False)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = choices


class RejectForm(forms.Form):
    reject_reason = forms.ModelChoiceField(label=_("Reason for not accepting"), queryset=RejectReason.objects.none())
    reason = forms.CharField(label=_("Further explanation"), widget=TEXTAREA, required=False)

    def __init__(self, *args, committee_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reject_reason"].queryset = RejectReason.objects.filter(committee_id=committee_id, active=True)


class CosignForm(forms.Form):
    signer = forms.ModelChoiceField(label=_("Co-signer who signed on paper"), queryset=None)

    def __init__(self, *args, signers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signer"].queryset = signers
        self.fields["signer"].label_from_instance = lambda s: f"{s.member.name}（{s.member.member_number}）"


class NumberBatchForm(forms.Form):
    session = forms.ModelChoiceField(label=_("Session"), queryset=Session.objects.none())

    def __init__(self, *args, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions


class BatchForm(forms.Form):
    ACTIONS = [
        ("accept", _("Accept as a case, with the next case numbers")),
        ("accept_later", _("Accept as a case, numbered later in one batch")),
        ("convert_opinion", _("Convert to an opinion for reference")),
        ("reject", _("Do not accept")),
    ]
    action = forms.ChoiceField(label=_("Action"), choices=ACTIONS, widget=forms.RadioSelect)
    reject_reason = forms.ModelChoiceField(
        label=_("Reason for not accepting"), queryset=RejectReason.objects.none(), required=False,
        help_text=_("One reason for every selected proposal."),
    )
    reason = forms.CharField(label=_("Opinion or explanation"), widget=TEXTAREA, required=False)

    def __init__(self, *args, committee_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reject_reason"].queryset = RejectReason.objects.filter(committee_id__in=committee_ids, active=True)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "reject" and not cleaned.get("reject_reason"):
            self.add_error("reject_reason", _("Choose the reason for not accepting."))
        return cleaned


# ---- handling


class UnitRoleForm(forms.Form):
    unit = UnitField(label=_("Handling unit"), queryset=Body.objects.none(), required=False,
                     empty_label=_("(no unit)"))
    role = forms.ChoiceField(label=_("Role"), choices=[("", _("(choose the role)"))] + list(Assignment.Role.choices), required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("unit") and not cleaned.get("role"):
            self.add_error("role", _("Choose the unit's role."))
        if cleaned.get("role") and not cleaned.get("unit"):
            self.add_error("unit", _("Choose the unit."))
        return cleaned


class BaseUnitRoleFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        if not self.chosen():
            raise ValidationError(_("Choose at least one handling unit."))

    def chosen(self):
        return [(f.cleaned_data["unit"], f.cleaned_data["role"]) for f in self.forms
                if f.cleaned_data.get("unit") and f.cleaned_data.get("role")]


UnitRoleFormSet = forms.formset_factory(UnitRoleForm, formset=BaseUnitRoleFormSet, extra=4, max_num=20)


class ExtendForm(forms.Form):
    new_due = forms.DateField(label=_("New due date"), widget=AdminDateInput)
    reason = forms.CharField(label=_("Reason"), widget=TEXTAREA)


class DecideReturnForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), widget=forms.RadioSelect,
        choices=[("accept", _("Accept the return")), ("refuse", _("Refuse the return"))],
    )
    new_unit = UnitField(
        label=_("Reassign to"), queryset=Body.objects.none(), required=False,
        help_text=_("Accepted returns only: the unit that takes the case over in the same role."),
    )
    reason = forms.CharField(label=_("Reason"), widget=TEXTAREA, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_unit"].queryset = units


class PaperReplyForm(forms.Form):
    """A reply signed and sealed on paper, recorded for the unit from its letter."""

    text = forms.CharField(label=_("reply text"), widget=forms.Textarea(attrs={"rows": 6}))
    result_code = forms.ModelChoiceField(label=_("result code"), queryset=ResultCode.objects.none())
    follow_up_due = forms.DateField(label=_("promised date (follow-up due)"), widget=AdminDateInput, required=False)
    methods = forms.MultipleChoiceField(
        label=_("how the unit communicated with the proposer"), choices=CommunicationMethod.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    contact_person = forms.CharField(label=_("contact person"), max_length=50)
    contact_phone = forms.CharField(label=_("contact phone"), max_length=30)
    signer_name = forms.CharField(label=_("signed by (签发人)"), max_length=50)
    document_number = forms.CharField(label=_("document number (文号)"), max_length=100)
    sealed_scan = CheckedFileField(label=_("scan of the signed and sealed letter"))

    def __init__(self, *args, committee_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["result_code"].queryset = ResultCode.objects.filter(committee_id=committee_id, active=True)


class CorrectCodeForm(forms.Form):
    new_code = forms.ModelChoiceField(label=_("New result code"), queryset=ResultCode.objects.none())
    reason = forms.CharField(label=_("Reason"), widget=TEXTAREA)
    follow_up_due = forms.DateField(
        label=_("promised date (follow-up due)"), widget=AdminDateInput, required=False,
        help_text=_("Needed when the new code opens a follow-up."),
    )

    def __init__(self, *args, committee_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_code"].queryset = ResultCode.objects.filter(committee_id=committee_id, active=True)


class PaperEvaluationForm(forms.Form):
    """An evaluation form (征询意见表) returned on paper."""

    slot = forms.ChoiceField(label=_("Evaluated by"))
    overall = forms.ChoiceField(label=_("overall"), choices=[("", _("(not given)"))] + list(Satisfaction.choices), required=False)
    process = forms.ChoiceField(label=_("handling process"), choices=[("", _("(not given)"))] + list(Satisfaction.choices), required=False)
    result = forms.ChoiceField(label=_("result"), choices=[("", _("(not given)"))] + list(Satisfaction.choices), required=False)
    comment = forms.CharField(label=_("comment"), widget=TEXTAREA, required=False)
    scan = CheckedFileField(label=_("scan of the evaluation form"))

    def __init__(self, *args, slots, rate_separately, **kwargs):
        super().__init__(*args, **kwargs)
        self.slots = {self.key(s): s for s in slots}
        self.fields["slot"].choices = [(self.key(s), self.describe(s)) for s in slots]
        if not rate_separately:
            del self.fields["process"], self.fields["result"]

    @staticmethod
    def key(slot):
        return f"m{slot.member.pk}" if slot.member is not None else f"p{slot.proposal.pk}"

    @staticmethod
    def describe(slot):
        if slot.member is not None:
            return f"{slot.member.name}（{slot.member.member_number}）"
        return str(slot.proposal.organisation or slot.proposal)


# ---- paper proposals


class PaperProposalForm(OnceFormMixin, forms.Form):
    """A proposal that came in on paper, recorded for its member (or organisation) with the scan."""

    PROPOSER_KINDS = [
        ("member", _("A member (alone or with co-signers)")),
        ("party", _("Party or people's organisation")),
        ("sector", _("Sector")),
        ("special_committee", _("Special committee")),
    ]
    session = forms.ModelChoiceField(label=_("session"), queryset=Session.objects.none())
    kind = forms.ChoiceField(label=_("kind"), choices=Kind.choices, initial=Kind.PLENARY)
    proposer_kind = forms.ChoiceField(label=_("Who files"), choices=PROPOSER_KINDS, initial="member", widget=forms.RadioSelect)
    proposer = MemberChoiceField(label=_("First proposer"), queryset=Member.objects.none(), required=False)
    cosigners = MemberPickerField(
        label=_("Co-signers who signed the paper"), queryset=Member.objects.none(), required=False,
        help_text=_("Recorded as confirmed on their behalf."),
    )
    party = forms.ModelChoiceField(label=_("proposing party or organisation"), queryset=Party.objects.none(), required=False)
    sector = forms.ModelChoiceField(label=_("proposing sector"), queryset=Sector.objects.none(), required=False)
    special_committee = forms.ModelChoiceField(label=_("proposing special committee"), queryset=SpecialCommittee.objects.none(), required=False)
    received_on = forms.DateField(label=_("Received on paper on"), widget=AdminDateInput, required=False,
                                  help_text=_("Default: today."))
    title = forms.CharField(label=_("title (案由)"), max_length=200)
    category = forms.ModelChoiceField(label=_("category"), queryset=Category.objects.none())
    situation = forms.CharField(label=_("situation and analysis"), widget=forms.Textarea(attrs={"rows": 6}))
    suggestions = forms.CharField(label=_("suggestions"), widget=forms.Textarea(attrs={"rows": 6}))
    contact_phone = forms.CharField(label=_("contact phone"), max_length=30, required=False)
    suggested_units = UnitsField(label=_("suggested handling units"), required=False)
    publish_consent = forms.BooleanField(label=_("the proposer agrees to publication"), required=False)
    scan = CheckedFileField(label=_("scan of the signed paper"))

    ORGANISATION_FIELDS = ("party", "sector", "special_committee")

    def __init__(self, *args, committee_ids, **kwargs):
        super().__init__(*args, **kwargs)
        ids = list(committee_ids)
        self.fields["session"].queryset = Session.objects.filter(committee_id__in=ids).select_related("term", "committee")
        members = Member.objects.filter(committee_id__in=ids).order_by("name", "member_number")
        self.fields["proposer"].queryset = members
        self.fields["cosigners"].queryset = members
        self.fields["cosigners"].scope(committee_id=ids[0] if len(ids) == 1 else None)
        self.fields["party"].queryset = Party.objects.filter(committee_id__in=ids, active=True)
        self.fields["sector"].queryset = Sector.objects.filter(committee_id__in=ids, active=True)
        self.fields["special_committee"].queryset = SpecialCommittee.objects.filter(committee_id__in=ids, active=True)
        self.fields["category"].queryset = Category.objects.filter(committee_id__in=ids, active=True)
        self.fields["suggested_units"].queryset = Body.objects.filter(committee_id__in=ids, is_handling_unit=True)
        sessions = list(self.fields["session"].queryset[:2])
        if len(sessions) >= 1 and not self.is_bound:
            self.initial.setdefault("session", sessions[0].pk)

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("proposer_kind")
        if kind == "member":
            if not cleaned.get("proposer"):
                self.add_error("proposer", _("Choose the first proposer."))
            for name in self.ORGANISATION_FIELDS:
                cleaned[name] = None
        elif kind in self.ORGANISATION_FIELDS:
            if not cleaned.get(kind):
                self.add_error(kind, _("Choose the organisation."))
            if cleaned.get("cosigners"):
                self.add_error("cosigners", _("A collective proposal has no co-signers."))
            cleaned["proposer"] = None
            for name in self.ORGANISATION_FIELDS:
                if name != kind:
                    cleaned[name] = None
        return cleaned

    @property
    def organisation(self):
        kind = self.cleaned_data.get("proposer_kind")
        return self.cleaned_data.get(kind) if kind in self.ORGANISATION_FIELDS else None
