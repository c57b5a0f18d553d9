"""The secretariat's day in the proposal list: bulk assignment (交办) of the selected cases, their
提案单 printed as one file, reminders (催办) of overdue assignments and each person's saved filters.

The list's checkboxes belong to one form (proposal_index.html); each button sends the selection to
one of these views. Every write goes through a service (assignment_create per case, all in one
transaction; assignment_remind), so each step is audited and leaves its dated event on the case.
"""

from urllib.parse import urlsplit

from django import forms as django_forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail.admin import messages

from cppcc.wordtemplates import WordTemplateError
from proposals import paper, permissions, services
from proposals.errors import TransitionError
from members.models import Body
from proposals.models import Assignment, Proposal, SavedFilter
from proposals.services.handling import remind_refusal

from . import access, forms
from .views import AssignmentActionView, detail_url

SERVICE_ERRORS = (ValidationError, TransitionError, PermissionDenied)
PRINT_MAX = 200  # one file; a whole session's forms are printed from 提案目录 / the case list instead
LIST_NAME = "proposals"


def selected_ids(data) -> list[int]:
    ids = []
    for value in data.getlist("id"):
        if value.isdigit() and int(value) not in ids:
            ids.append(int(value))
    return ids


def index_url(query="") -> str:
    url = reverse("proposal_admin:index")
    return f"{url}?{query}" if query else url


# ---- 交办: the selected cases to the same units


class BulkAssignView(View):
    """The same units (and roles) for every selected case; all are assigned or none (one transaction:
    a case that cannot take the assignment is named and nothing is saved)."""

    template_name = "proposals/admin/bulk_assign.html"

    def dispatch(self, request, *args, **kwargs):
        self.committee_ids = permissions.secretariat_committee_ids(request.user)
        if not self.committee_ids:
            raise PermissionDenied
        self.ids = selected_ids(request.POST if request.method == "POST" else request.GET)
        qs = Proposal.objects.filter(pk__in=self.ids, committee_id__in=self.committee_ids).select_related(
            "session", "session__term")
        found = {p.pk: p for p in access.listed_proposals(request.user, qs)}
        self.cases = [found[i] for i in self.ids if i in found]
        self.missing = [i for i in self.ids if i not in found]
        return super().dispatch(request, *args, **kwargs)

    def committee_id(self):
        committees = {p.committee_id for p in self.cases}
        return committees.pop() if len(committees) == 1 else None

    def get_formset(self):
        committee_id = self.committee_id()
        units = forms.handling_units(committee_id) if committee_id else Body.objects.none()
        kwargs = {"form_kwargs": {"units": units}, "prefix": "units"}
        if self.request.method == "POST":
            return forms.UnitRoleFormSet(self.request.POST, **kwargs)
        return forms.UnitRoleFormSet(**kwargs)

    def problems(self) -> list[str]:
        found = []
        if not self.cases:
            found.append(_("Select cases in the list first."))
        elif self.committee_id() is None:
            found.append(_("Select cases of one committee: each committee has its own handling units."))
        if self.missing:
            found.append(_("%(n)d selected proposals are not among the cases you may assign.") % {"n": len(self.missing)})
        return found

    def get(self, request, *args, **kwargs):
        return self.render(self.get_formset())

    def post(self, request, *args, **kwargs):
        formset = self.get_formset()
        if self.problems() or not formset.is_valid():
            return self.render(formset)
        units = formset.chosen()
        current = None
        try:
            with transaction.atomic():
                for case in self.cases:
                    current = case
                    services.assignment_create(proposal=case, actor=request.user, units=units)
        except SERVICE_ERRORS as error:
            errors = error.messages if isinstance(error, ValidationError) else [str(error)]
            formset.non_form_errors().extend(
                _("%(case)s: %(error)s Nothing was assigned.") % {"case": current, "error": e} for e in errors)
            return self.render(formset)
        messages.success(request, _("%(n)d cases assigned to %(units)s.") % {
            "n": len(self.cases), "units": "、".join(f"{unit}（{dict(Assignment.Role.choices)[role]}）" for unit, role in units)})
        return redirect(index_url())

    def render(self, formset):
        return TemplateResponse(self.request, self.template_name, {
            "title": _("Assign the selected cases (交办)"), "formset": formset, "cases": self.cases,
            "problems": self.problems() if self.ids or self.request.method == "POST" else [_("Select cases in the list first.")],
            "cancel_url": index_url(),
        })


# ---- the selected cases' 提案单 as one Word file


class PrintSelectedView(View):
    """GET ?id=..&id=..: one .docx with the 提案单 of each selected proposal the person may print."""

    def get(self, request, *args, **kwargs):
        if not permissions.staff_committee_ids(request.user) and not request.user.is_superuser:
            raise PermissionDenied
        ids = selected_ids(request.GET)
        if not ids:
            messages.warning(request, _("Select proposals in the list first."))
            return redirect(index_url())
        if len(ids) > PRINT_MAX:
            messages.error(request, _("Print at most %(n)d proposals at once.") % {"n": PRINT_MAX})
            return redirect(index_url())
        qs = access.listed_proposals(request.user, Proposal.objects.filter(pk__in=ids).select_related(
            "committee", "session__term", "category", "party", "sector", "special_committee", "reject_reason"))
        found = {p.pk: p for p in qs if permissions.may_print_proposal(request.user, p)}
        chosen = [found[i] for i in ids if i in found]
        if not chosen:
            raise Http404
        try:
            data = paper.proposal_forms(chosen, request.user)
        except WordTemplateError as exc:
            messages.error(request, str(exc))
            return redirect(index_url())
        first = chosen[0]
        name = paper.safe_name(paper.FILE_NAMES[paper.Kind.PROPOSAL_FORM], first.case_number or first.receipt_number,
                               _("%(n)d proposals") % {"n": len(chosen)})
        return paper.docx_response(data, name)


# ---- 催办: remind the unit of an overdue assignment now


class RemindForm(django_forms.Form):
    note = django_forms.CharField(
        label=gettext_lazy("Note to the unit"), required=False, max_length=500,
        widget=django_forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Optional; sent with the reminder."),
    )


class RemindView(AssignmentActionView):
    """The committee's secretariat reminds the unit now (inbox, e-mail and SMS as each person chose);
    once a day per assignment. The regular reminders are the follow-through schedule's."""

    form_class = RemindForm
    title = gettext_lazy("Send a reminder (催办)")
    icon = "mail"

    def holds_capability(self):
        return permissions.is_secretariat(self.request.user, self.proposal.committee_id)

    def is_possible(self):
        return self.holds_capability() and remind_refusal(self.object) is None

    def dispatch(self, request, *args, **kwargs):
        self.object = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        self.proposal = self.get_proposal()
        if not self.holds_capability():
            raise PermissionDenied
        refusal = remind_refusal(self.object)
        if refusal:
            messages.error(request, refusal)
            return redirect(detail_url(self.proposal))
        return View.dispatch(self, request, *args, **kwargs)

    def perform(self, form):
        return services.assignment_remind(assignment=self.object, actor=self.request.user, note=form.cleaned_data["note"])

    def get_success_message(self, result):
        return _("Reminder sent to %(unit)s.") % {"unit": result.unit}


# ---- saved filters (per person)


class SaveFilterForm(django_forms.Form):
    name = django_forms.CharField(label=gettext_lazy("Name of the filter"), max_length=60)
    querystring = django_forms.CharField(required=False, max_length=1000, widget=django_forms.HiddenInput)


def list_query(request, posted: str) -> str:
    """The list's query string as the browser shows it now (Wagtail filters without reloading and
    writes the filters into the address, which the Referer carries), else the one the page was drawn with."""
    referer = urlsplit(request.META.get("HTTP_REFERER", ""))
    if referer.path == reverse("proposal_admin:index") and (not referer.netloc or referer.netloc == request.get_host()):
        posted = referer.query
    return clean_query(posted)


def clean_query(querystring: str) -> str:
    """The filters of a query string, without the page number."""
    query = QueryDict(querystring, mutable=True)
    for key in ("p", "csrfmiddlewaretoken", "export"):
        query.pop(key, None)
    return query.urlencode()


class SaveFilterView(View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if not permissions.staff_committee_ids(request.user) and not request.user.is_superuser:
            raise PermissionDenied
        form = SaveFilterForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the filter a name."))
            return redirect(index_url())
        query = list_query(request, form.cleaned_data["querystring"] or "")
        name = form.cleaned_data["name"].strip()
        try:
            with transaction.atomic():
                saved, created = SavedFilter.objects.update_or_create(
                    user=request.user, list_name=LIST_NAME, name=name, defaults={"querystring": query})
        except IntegrityError:  # the same name saved twice at once
            messages.error(request, _("A filter named “%(name)s” exists already.") % {"name": name})
            return redirect(index_url(query))
        message = _("Filter “%(name)s” saved.") if created else _("Filter “%(name)s” updated.")
        messages.success(request, message % {"name": name})
        return redirect(index_url(query or "show=all"))


class DeleteFilterView(View):
    http_method_names = ["post"]

    def post(self, request, pk, *args, **kwargs):
        saved = get_object_or_404(SavedFilter, pk=pk, user=request.user)  # someone else's is a 404
        name = saved.name
        saved.delete()
        messages.success(request, _("Filter “%(name)s” deleted.") % {"name": name})
        return redirect(index_url())


def saved_filters(user):
    return list(SavedFilter.objects.filter(user=user, list_name=LIST_NAME).order_by("name", "pk"))


__all__ = ["BulkAssignView", "PrintSelectedView", "RemindView", "SaveFilterView", "DeleteFilterView"]
