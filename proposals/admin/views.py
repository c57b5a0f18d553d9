"""The admin's action views: each shows a small form, calls one service and goes back to the proposal.

A view answers only when the transition table allows its action from the record's state and the
person holds the capability (proposals.admin.access); otherwise Wagtail's refusal (a redirect to
the dashboard) or, for the right person at the wrong moment, a message on the proposal's page.
Refusals of the service itself (TransitionError, ValidationError, PermissionDenied) come back as form
errors: never a 500.
"""

import datetime

from django import forms as django_forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import select_template
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail.admin import messages
from wagtail.admin.widgets.button import Button

from cppcc import clock
from cppcc.admin_actions import ActionView as BaseActionView
from cppcc.forms import apply_errors, create_once
from cppcc.viewsets import InspectView
from members.models import Session
from proposals import permissions, selectors, services, workflow
from proposals.errors import TransitionError
from proposals.models import Assignment, Evaluation, Proposal, Reply
from proposals.workflow import TRANSITIONS, Status

from . import access, forms

SERVICE_ERRORS = (ValidationError, TransitionError, PermissionDenied)
PROPOSAL_RELATED = ("session", "session__term", "committee", "category", "party", "sector", "special_committee",
                    "merged_into", "reject_reason", "created_by", "paper_scan")


def detail_url(proposal) -> str:
    return reverse("proposal_admin:inspect", args=[proposal.pk])


def file_link(private_file):
    if private_file is None:
        return ""
    return format_html('<a href="{}">{}</a>', reverse("file_download", args=[private_file.pk]), private_file.name)


# ---- one action on one record


class ActionView(BaseActionView):
    """One action on a proposal (or one of its assignments or replies); back to the proposal's page."""

    action = None  # the TRANSITIONS key the view performs
    on_behalf = False  # recorded for someone else from paper: the committee's secretariat only
    form_class = forms.ConfirmForm
    about_template = "proposals/admin/_action_about.html"
    submit_class = "proposal-action-submit"
    errors = SERVICE_ERRORS

    def get_queryset(self):
        return access.proposal_scope(self.request.user, Proposal.objects.select_related(*PROPOSAL_RELATED))

    def get_proposal(self):
        return self.object

    def prepare(self):
        self.proposal = self.get_proposal()

    def back_url(self):
        return detail_url(self.proposal)

    def actions(self) -> list[str]:
        return [self.action]

    def is_possible(self) -> bool:
        return any(permissions.may(self.request.user, a, self.object, on_behalf=self.on_behalf) for a in self.actions())

    def holds_capability(self) -> bool:
        user = self.request.user
        if self.on_behalf:
            return permissions.is_secretariat(user, self.proposal.committee_id)
        return any(permissions.has_capability(user, TRANSITIONS[a].capability, self.object) for a in self.actions())

    def refusal(self):
        if self.is_possible():
            return ""
        if not self.holds_capability():
            raise PermissionDenied
        return _("“%(action)s” is not possible now.") % {"action": self.get_title()}

    def get_title(self):
        if self.title:
            return self.title
        label = TRANSITIONS[self.action].label
        return access.on_behalf_label(label) if self.on_behalf else str(label)

    def get_context_data(self, form) -> dict:
        return {
            **super().get_context_data(form), "subtitle": self.proposal, "proposal": self.proposal,
            "on_behalf": self.on_behalf, "summary": summary(self.proposal),
        }


def summary(proposal) -> list[tuple]:
    """The lines that tell the clerk which proposal the form acts on."""
    first = selectors.first_signer(proposal)
    who = proposal.organisation if proposal.is_collective else (first.member.name if first else "")
    return [
        (_("title (案由)"), proposal.title),
        (_("receipt number"), proposal.receipt_number or "—"),
        (_("case number"), proposal.case_number or "—"),
        (_("First proposer or organisation"), who or "—"),
        (_("status"), proposal.get_status_display()),
    ]


class ReviewStageView(ActionView):
    action = "review_stage"
    form_class = forms.ReviewStageForm

    def perform(self, form):
        data = form.cleaned_data
        return services.proposal_review_stage(proposal=self.object, actor=self.request.user, stage=data["stage"],
                                              opinion=data["opinion"])


class AcceptView(ActionView):
    action = "accept"
    form_class = forms.AcceptForm

    def perform(self, form):
        data = form.cleaned_data
        return services.proposal_accept(proposal=self.object, actor=self.request.user,
                                        assign_number=data["assign_number"], reason=data["reason"])

    def get_success_message(self, result):
        if result.case_number:
            return _("Accepted as case %(number)s.") % {"number": result.case_number}
        return _("Accepted as a case; it will be numbered later.")


class NumberView(ActionView):
    action = "number"

    def is_possible(self):
        return super().is_possible() and self.object.case_seq is None

    def perform(self, form):
        return services.proposal_number(proposal=self.object, actor=self.request.user)

    def get_success_message(self, result):
        return _("Case number given: %(number)s.") % {"number": result.case_number}


class MergeView(ActionView):
    action = "merge"
    form_class = forms.MergeForm

    def get_form_kwargs(self):
        return {"proposal": self.object}

    def perform(self, form):
        data = form.cleaned_data
        return services.proposal_merge(proposal=self.object, actor=self.request.user, into=data["into"],
                                       reason=data["reason"])


class ConvertView(ActionView):
    form_class = forms.ConvertForm
    title = gettext_lazy("Convert the proposal")

    def actions(self):
        return list(access.CONVERSIONS)

    def get_form_kwargs(self):
        user = self.request.user
        choices = [(to, TRANSITIONS[key].label) for key, to in access.CONVERSIONS.items() if permissions.may(user, key, self.object)]
        return {"choices": choices}

    def get_initial(self):
        return {"to": self.request.GET.get("to", "")}

    def perform(self, form):
        data = form.cleaned_data
        return services.proposal_convert(proposal=self.object, actor=self.request.user, to=data["to"], reason=data["reason"])

    def get_success_message(self, result):
        return _("Done: %(action)s.") % {"action": result.get_status_display()}


class RejectView(ActionView):
    action = "reject"
    form_class = forms.RejectForm

    def get_form_kwargs(self):
        return {"committee_id": self.object.committee_id}

    def perform(self, form):
        data = form.cleaned_data
        return services.proposal_reject(proposal=self.object, actor=self.request.user,
                                        reject_reason=data["reject_reason"], reason=data["reason"])


class ReturnForRevisionView(ActionView):
    action = "return_for_revision"
    form_class = forms.ReasonForm

    def perform(self, form):
        return services.proposal_return_for_revision(proposal=self.object, actor=self.request.user,
                                                     reason=form.cleaned_data["reason"])


class WithdrawOnBehalfView(ActionView):
    action = "withdraw"
    on_behalf = True
    form_class = forms.OptionalReasonForm

    def perform(self, form):
        return services.proposal_withdraw(proposal=self.object, actor=self.request.user, on_behalf=True,
                                          reason=form.cleaned_data["reason"])


class CosignOnBehalfView(ActionView):
    """A co-signature that came in on paper, recorded as the member's confirmation."""

    action = "confirm_cosign"
    on_behalf = True
    form_class = forms.CosignForm

    def is_possible(self):
        return super().is_possible() and access.invited_signers(self.object).exists()

    def get_form_kwargs(self):
        return {"signers": access.invited_signers(self.object)}

    def perform(self, form):
        return services.signer_confirm(signer=form.cleaned_data["signer"], actor=self.request.user, on_behalf=True)


class AssignView(ActionView):
    """Assign a case to several units at once, each with its role (单办, 分办, 主办 + 会办)."""

    action = "assign"
    template_name = "proposals/admin/assign.html"

    def get_form(self):
        units = forms.handling_units(self.object.committee_id)
        kwargs = {"form_kwargs": {"units": units}, "prefix": "units"}
        if self.request.method == "POST":
            return forms.UnitRoleFormSet(self.request.POST, **kwargs)
        return forms.UnitRoleFormSet(**kwargs)

    def post(self, request, *args, **kwargs):
        formset = self.get_form()
        if formset.is_valid():
            try:
                with transaction.atomic():
                    created = services.assignment_create(proposal=self.object, actor=request.user, units=formset.chosen())
            except SERVICE_ERRORS as error:
                errors = error.messages if isinstance(error, ValidationError) else [str(error)]
                formset.non_form_errors().extend(errors)
            else:
                messages.success(request, _("Assigned to %(units)s.") % {
                    "units": "、".join(f"{a.unit}（{a.get_role_display()}）" for a in created)})
                return redirect(detail_url(self.proposal))
        return self.render(formset)

    def get_context_data(self, form):
        context = super().get_context_data(forms.ConfirmForm())
        context.update(formset=form, standing=self.object.assignments.filter(active=True).select_related("unit"))
        return context


# ---- assignments and replies


class AssignmentActionView(ActionView):
    def get_queryset(self):
        qs = Assignment.objects.select_related("unit", *(f"proposal__{r}" for r in PROPOSAL_RELATED))
        return access.assignment_scope(self.request.user, qs)

    def get_proposal(self):
        return self.object.proposal

    def get_context_data(self, form):
        context = super().get_context_data(form)
        context["assignment"] = self.object
        return context


class ExtendView(AssignmentActionView):
    action = "extend"
    form_class = forms.ExtendForm

    def perform(self, form):
        data = form.cleaned_data
        return services.assignment_extend(assignment=self.object, actor=self.request.user, new_due=data["new_due"],
                                          reason=data["reason"])

    def get_success_message(self, result):
        return _("%(unit)s now replies by %(day)s.") % {"unit": result.unit, "day": result.due_date.isoformat()}


class DecideReturnView(AssignmentActionView):
    form_class = forms.DecideReturnForm
    title = gettext_lazy("Decide the return request")

    def actions(self):
        return ["accept_return", "refuse_return"]

    def get_form_kwargs(self):
        return {"units": forms.handling_units(self.proposal.committee_id).exclude(pk=self.object.unit_id)}

    def perform(self, form):
        data = form.cleaned_data
        return services.assignment_decide_return(
            assignment=self.object, actor=self.request.user, accept=data["decision"] == "accept",
            reason=data["reason"], new_unit=data["new_unit"],
        )

    def get_success_message(self, result):
        if result.pk != self.object.pk:
            return _("Return accepted; the case is now assigned to %(unit)s.") % {"unit": result.unit}
        if result.return_accepted:
            return _("Return accepted. Assign the case to another unit.")
        return _("Return refused: %(unit)s keeps the case.") % {"unit": result.unit}


class ReplyOnBehalfView(AssignmentActionView):
    """The unit's reply signed and sealed on paper, recorded for it: saved and sent in one step."""

    form_class = forms.PaperReplyForm
    title = gettext_lazy("Record a paper reply on behalf of the unit")
    on_behalf = True
    multipart = True

    def actions(self):
        return ["send_paper_signed"]

    def is_possible(self):
        return permissions.may_reply_on_behalf(self.request.user, self.object)

    def get_form_kwargs(self):
        return {"committee_id": self.proposal.committee_id}

    def perform(self, form):
        data, user = form.cleaned_data, self.request.user
        # Two services, one transaction (ActionView.post): a refused send leaves no draft behind.
        reply = services.reply_save_draft(
            assignment=self.object, actor=user, on_behalf=True, text=data["text"], contact_person=data["contact_person"],
            contact_phone=data["contact_phone"], methods=data["methods"], result_code=data["result_code"],
            follow_up_due=data["follow_up_due"],
        )
        return services.reply_record_paper_signature_and_send(
            reply=reply, actor=user, signer_name=data["signer_name"], document_number=data["document_number"],
            sealed_scan=data["sealed_scan"], on_behalf=True,
        )

    def get_success_message(self, result):
        return _("The reply of %(unit)s was recorded and sent.") % {"unit": self.object.unit}


class ReplyActionView(ActionView):
    def get_queryset(self):
        qs = Reply.objects.select_related(
            "assignment", "assignment__unit", "result_code", *(f"assignment__proposal__{r}" for r in PROPOSAL_RELATED)
        )
        return access.reply_scope(self.request.user, qs)

    def get_proposal(self):
        return self.object.assignment.proposal

    def get_context_data(self, form):
        context = super().get_context_data(form)
        context["reply"] = self.object
        return context


class CorrectCodeView(ReplyActionView):
    action = "correct_code"
    form_class = forms.CorrectCodeForm

    def get_form_kwargs(self):
        return {"committee_id": self.proposal.committee_id}

    def perform(self, form):
        data = form.cleaned_data
        return services.reply_correct_code(reply=self.object, actor=self.request.user, new_code=data["new_code"],
                                           reason=data["reason"], follow_up_due=data["follow_up_due"])

    def get_success_message(self, result):
        return _("The reply's result code is now %(code)s.") % {"code": result.result_code}


class EvaluateOnBehalfView(ReplyActionView):
    """An evaluation form (征询意见表) returned on paper, recorded for the evaluator with its scan."""

    action = "evaluate"
    on_behalf = True
    form_class = forms.PaperEvaluationForm
    multipart = True

    @cached_property
    def pending(self):
        state = selectors.evaluation_state(self.object, clock.today())
        return [s.slot for s in state.slots if s.state == "pending"]

    def is_possible(self):
        return super().is_possible() and bool(self.pending)

    def get_form_kwargs(self):
        rules = selectors.settings_for(self.proposal.committee_id)
        return {"slots": self.pending, "rate_separately": rules.rate_separately}

    def perform(self, form):
        data = form.cleaned_data
        slot = form.slots[data["slot"]]
        return services.evaluation_submit(
            reply=self.object, actor=self.request.user, on_behalf=True, overall=data.get("overall", ""),
            process=data.get("process", ""), result=data.get("result", ""), comment=data["comment"],
            evaluator=slot.member, for_proposal=slot.proposal if slot.member is None else None, scan=data["scan"],
        )


# ---- views on many proposals


class SecretariatView(View):
    """Screens for the committees where the user is the secretariat (not merely a superuser)."""

    committee_ids_of = staticmethod(permissions.secretariat_committee_ids)

    def dispatch(self, request, *args, **kwargs):
        self.committee_ids = self.committee_ids_of(request.user)
        if not self.committee_ids:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PaperProposalView(SecretariatView):
    """代录: a proposal that came in on paper, recorded for its member or organisation with the scan.
    Co-signers who signed the paper are recorded as confirmed on their behalf."""

    template_name = "cppcc/admin/action_form.html"

    def get_form(self):
        if self.request.method == "POST":
            return forms.PaperProposalForm(self.request.POST, self.request.FILES, committee_ids=self.committee_ids)
        return forms.PaperProposalForm(committee_ids=self.committee_ids, initial={"received_on": clock.today()})

    def get(self, request, *args, **kwargs):
        return self.render(self.get_form())

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            data = form.cleaned_data
            created = create_once(request, form, lambda: services.proposal_record_on_behalf(
                actor=request.user, session=data["session"], scan=data["scan"], kind=data["kind"],
                proposer=data["proposer"], organisation=form.organisation, cosigners=list(data["cosigners"] or ()),
                received_on=data["received_on"], title=data["title"], category=data["category"],
                situation=data["situation"], suggestions=data["suggestions"], contact_phone=data["contact_phone"],
                suggested_units=list(data["suggested_units"] or ()), publish_consent=data["publish_consent"],
            ), url=detail_url, errors=SERVICE_ERRORS)
            if created.repeated:  # the same form again (a double click): what the first POST recorded
                return redirect(created.again)
            if created.obj is not None:
                messages.success(request, _("Paper proposal recorded with receipt number %(number)s.") % {
                    "number": created.obj.receipt_number})
                return redirect(detail_url(created.obj))
        return self.render(form)

    def render(self, form):
        return TemplateResponse(self.request, self.template_name, {
            "title": _("Record a paper proposal"), "icon": "doc-full", "form": form, "multipart": True,
            "on_behalf": True, "cancel_url": reverse("proposal_admin:index"),
            "about_template": "proposals/admin/_action_about.html", "submit_class": "proposal-action-submit",
        })


class NumberBatchView(SecretariatView):
    """Number every accepted, unnumbered case of a session in one batch, in the order accepted."""

    template_name = "proposals/admin/number_batch.html"

    def sessions(self):
        waiting = Count("proposals", filter=Q(proposals__status=Status.ACCEPTED, proposals__case_seq__isnull=True))
        return (Session.objects.filter(committee_id__in=self.committee_ids).select_related("term", "committee")
                .annotate(waiting=waiting).order_by("committee", "-plenary_start"))

    def get(self, request, *args, **kwargs):
        form = forms.NumberBatchForm(sessions=self.sessions(), initial={"session": request.GET.get("session")})
        return self.render(form)

    def post(self, request, *args, **kwargs):
        form = forms.NumberBatchForm(request.POST, sessions=self.sessions())
        if form.is_valid():
            try:
                numbered = services.proposal_number_batch(session=form.cleaned_data["session"], actor=request.user)
            except SERVICE_ERRORS as error:
                apply_errors(form, error)
            else:
                if numbered:
                    messages.success(request, _("%(n)d cases numbered: %(first)s … %(last)s.") % {
                        "n": len(numbered), "first": numbered[0].case_number, "last": numbered[-1].case_number})
                else:
                    messages.warning(request, _("No accepted case of this session is waiting for a number."))
                return redirect(reverse("proposal_admin:number_batch"))
        return self.render(form)

    def render(self, form):
        return TemplateResponse(self.request, self.template_name, {
            "title": _("Number accepted cases in one batch"), "form": form, "sessions": self.sessions(),
        })


class BatchView(View):
    """The same decision for many proposals: each goes through its own service call, and the result
    page says for each whether it was done or why not (docs/stack-notes.md: never a queryset update)."""

    template_name = "proposals/admin/batch.html"
    result_template_name = "proposals/admin/batch_result.html"

    def dispatch(self, request, *args, **kwargs):
        self.committee_ids = permissions.reviewer_committee_ids(request.user)
        if not self.committee_ids:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def selected_ids(self, data) -> list[int]:
        ids = []
        for value in data.getlist("id"):
            if value.isdigit() and int(value) not in ids:
                ids.append(int(value))
        return ids

    def proposals(self, ids):
        qs = Proposal.objects.filter(pk__in=ids, committee_id__in=self.committee_ids).select_related("session", "session__term")
        return {p.pk: p for p in access.proposal_scope(self.request.user, qs)}

    def get(self, request, *args, **kwargs):
        ids = self.selected_ids(request.GET)
        if not ids:
            messages.warning(request, _("Select proposals in the list first."))
        return self.render(forms.BatchForm(committee_ids=self.committee_ids), ids)

    def post(self, request, *args, **kwargs):
        ids = self.selected_ids(request.POST)
        form = forms.BatchForm(request.POST, committee_ids=self.committee_ids)
        if not ids or not form.is_valid():
            return self.render(form, ids)
        found = self.proposals(ids)
        data, user = form.cleaned_data, request.user
        action = data["action"]
        chosen = [found[i] for i in ids if i in found]
        if action in ("accept", "accept_later"):
            results = services.batch_apply("accept", chosen, actor=user, assign_number=action == "accept",
                                           reason=data["reason"])
        elif action == "convert_opinion":
            results = services.batch_apply("convert", chosen, actor=user, to="opinion", reason=data["reason"])
        else:
            results = services.batch_apply("reject", chosen, actor=user, reject_reason=data["reject_reason"],
                                           reason=data["reason"])
        rows = [{"proposal": r.proposal, "ok": r.ok, "error": r.error, "url": detail_url(r.proposal)} for r in results]
        rows += [{"proposal": f"#{i}", "ok": False, "error": _("Not found among the proposals you may decide.")}
                 for i in ids if i not in found]
        ok = sum(1 for r in rows if r["ok"])
        return TemplateResponse(request, self.result_template_name, {
            "title": _("Batch result"), "rows": rows, "ok": ok, "failed": len(rows) - ok,
            "action": dict(forms.BatchForm.ACTIONS)[action],
        })

    def render(self, form, ids):
        found = self.proposals(ids)
        return TemplateResponse(self.request, self.template_name, {
            "title": _("Batch decision"), "form": form, "proposals": [found[i] for i in ids if i in found],
            "missing": [i for i in ids if i not in found],
        })


# ---- the proposal's page


class ProposalInspectView(InspectView):
    """Everything about one proposal on one page, with the buttons the person may use now."""

    def get_object(self, queryset=None):
        qs = access.proposal_scope(self.request.user, Proposal.objects.select_related(*PROPOSAL_RELATED))
        return get_object_or_404(qs, pk=self.pk)

    def get_page_title(self):
        return self.object.title or str(self.object)

    def get_page_subtitle(self):
        return str(self.object)

    OPTIONAL = {"party", "sector", "special_committee", "merged_into", "reject_reason", "reason", "decided_at",
                "case_number", "receipt_number", "submitted_at", "paper_scan", "contact_phone"}

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # Wagtail lists the fields before it loads the object; leave out what does not apply to this one
        # (an organisation on a member's proposal, a merge target when not merged).
        self.fields = [f for f in self.fields if f not in self.OPTIONAL
                       or getattr(self.object, f"{f}_id", getattr(self.object, f, None))]

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return "—"
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if isinstance(value, datetime.datetime):
            # Wagtail's inspect template formats with |localize, which skips the time-zone conversion:
            # an aware time would show in UTC, 8 hours early for Beijing.
            return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
        return value

    def get_paper_scan_display_value(self):
        return file_link(self.object.paper_scan) or "—"

    def get_merged_into_display_value(self):
        target = self.object.merged_into
        return format_html('<a href="{}">{}</a>', detail_url(target), target) if target else "—"

    def get_suggested_units_display_value(self):
        return "、".join(str(u) for u in self.object.suggested_units.all()) or "—"

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(Button(_("History"), url=reverse("proposal_admin:history", args=[self.object.pk]),
                              icon_name="history", priority=30))
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(detail_context(self.request.user, self.object))
        return context


def detail_context(user, proposal) -> dict:
    today = clock.today()
    secretariat = permissions.is_secretariat(user, proposal.committee_id)
    signers = list(proposal.signers.select_related("member", "sector", "party").order_by("order", "pk"))
    replies = Reply.objects.select_related("result_code", "sealed_scan", "letter").prefetch_related(
        Prefetch("code_corrections", queryset=_corrections()),
        Prefetch("evaluations", queryset=Evaluation.objects.select_related("evaluator", "proposal", "scan")),
    )
    assignments = list(
        proposal.assignments.select_related("unit", "previous", "previous__unit")
        .prefetch_related(Prefetch("replies", queryset=replies), "extensions").order_by("round", "pk")
    )
    rows = []
    for a in assignments:
        reply_rows = []
        for r in a.replies.all():
            pending = True
            if secretariat and r.status == "sent":
                state = selectors.evaluation_state(r, today)
                pending = any(s.state == "pending" for s in state.slots)
            reply_rows.append({"reply": r, "buttons": _urls(access.reply_actions(user, r, pending_slots=pending), r.pk)})
        rows.append({
            "assignment": a,
            "overdue": a.is_overdue(today),
            "buttons": _urls(access.assignment_actions(user, a), a.pk),
            "replies": reply_rows,
        })
    return {
        "buttons": _urls(access.proposal_actions(user, proposal) + publication_actions(user, proposal), proposal.pk),
        "signers": signers,
        "attachments": list(proposal.attachments.select_related("file").order_by("uploaded_at", "pk")),
        "assignment_rows": rows,
        "merged_proposals": list(proposal.merged_proposals.order_by("pk")),
        "opinion_report": getattr(proposal, "opinion_report", None) if proposal.status == Status.CONVERTED_SOCIAL else None,
        "timeline_template": _timeline_template(),
        "events": _timeline(proposal),
    }


def _corrections():
    from proposals.models import CodeCorrection

    return CodeCorrection.objects.select_related("old_code", "new_code", "actor").order_by("at", "pk")


def _urls(buttons, pk) -> list[dict]:
    for b in buttons:
        b["url"] = reverse(b["url_name"], args=[pk]) + b.get("query", "")
    return buttons


def _timeline_template():
    """The shared timeline partial (written with the member portal), once it exists."""
    if not hasattr(selectors, "timeline"):
        return None
    try:
        return select_template(["proposals/includes/timeline.html"]).template.name
    except Exception:  # TemplateDoesNotExist: fall back to the admin's own table
        return None


def _timeline(proposal):
    if _timeline_template():
        return selectors.timeline(proposal)
    events = list(proposal.events.select_related("actor", "on_behalf_of", "assignment__unit").order_by("at", "pk"))
    for e in events:
        e.from_status, e.to_status = _state_label(e, e.from_status), _state_label(e, e.to_status)
    return events


def _state_label(event, value):
    """A state's label in the subject's machine (the proposal's, an assignment's or a reply's)."""
    if not value:
        return ""
    transition = TRANSITIONS.get(event.action)
    subject = transition.subject if transition else (workflow.ASSIGNMENT if event.action == "rehandle" else workflow.PROPOSAL)
    try:
        return workflow.state_choices(subject)(value).label
    except ValueError:
        return value



# ---- publication (公开): the secretariat puts a consented case on the public pages, or takes it down


class PublishForm(forms.OptionalReasonForm):
    include_replies = django_forms.BooleanField(
        label=gettext_lazy("Publish the sent replies too"), required=False, initial=True,
        help_text=gettext_lazy("Only the replies' text, unit and date: never contact details, letters or scans."),
    )


def publication_actions(user, proposal) -> list[dict]:
    """Publish / Take down, for the committee's secretariat, when the service would accept it."""
    from proposals.services.publication import publish_refusal, standing_publication

    if not permissions.is_secretariat(user, proposal.committee_id) or not workflow.flags(proposal.status).is_case:
        return []
    standing = standing_publication(proposal)
    if standing is not None:
        note = _("Published on %(day)s") % {"day": timezone.localtime(standing.published_at).strftime("%Y-%m-%d")}
        return [{"key": "unpublish", "label": _("Take down from the public pages"), "url_name": "proposal_admin:unpublish",
                 "note": note}]
    if publish_refusal(proposal) is None:
        return [{"key": "publish", "label": _("Publish on the public pages"), "url_name": "proposal_admin:publish"}]
    return []


class PublicationView(ActionView):
    """Not a step of workflow.TRANSITIONS: shown to the committee's secretariat when the service would act."""

    def is_possible(self):
        return any(b["key"] == self.key for b in publication_actions(self.request.user, self.object))

    def holds_capability(self):
        return permissions.is_secretariat(self.request.user, self.object.committee_id)

    def get_title(self):
        return str(self.title)


class PublishView(PublicationView):
    key = "publish"
    title = gettext_lazy("Publish on the public pages")
    icon = "globe"
    form_class = PublishForm

    def get_initial(self):
        return {"include_replies": True}

    def perform(self, form):
        data = form.cleaned_data
        return services.proposal_publish(proposal=self.object, actor=self.request.user,
                                         include_replies=data["include_replies"], reason=data["reason"])

    def get_success_message(self, result):
        return _("The case is now on the public pages.")


class UnpublishView(PublicationView):
    key = "unpublish"
    title = gettext_lazy("Take down from the public pages")
    icon = "globe"
    form_class = forms.ReasonForm

    def perform(self, form):
        return services.proposal_unpublish(proposal=self.object, actor=self.request.user, reason=form.cleaned_data["reason"])

    def get_success_message(self, result):
        return _("The case is no longer on the public pages.")
