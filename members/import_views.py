"""Admin pages of the roster import: upload a workbook (checked, then imported by a background job)
and download each kind's template. Only people who may add and change members get in."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cppcc.admin_views import refused
from cppcc.excel import XLSX_CONTENT_TYPE
from cppcc.forms import WorkbookField
from cppcc.services import file_store, job_start
from members import permissions
from members.imports import IMPORTERS, template_workbook
from members.models import Committee, Term


def may_import(user) -> bool:
    return user.has_perm("members.add_member") and user.has_perm("members.change_member")


def committees_of(user):
    committees = Committee.objects.order_by("pk")
    return committees if user.is_superuser else committees.filter(pk__in=permissions.committee_ids(user))


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("What to import"), widget=forms.RadioSelect,
        choices=[(key, importer.label) for key, importer in IMPORTERS.items()], initial="members",
    )
    committee = forms.ModelChoiceField(label=gettext_lazy("Committee"), queryset=Committee.objects.none())
    term = forms.ModelChoiceField(
        label=gettext_lazy("Term"), queryset=Term.objects.none(), required=False,
        help_text=gettext_lazy("For members: the term of rows that leave 届次 blank."),
    )
    file = WorkbookField(label=gettext_lazy("Excel workbook (.xlsx)"))
    create_logins = forms.BooleanField(
        label=gettext_lazy("Give each member a login (user name = member number)"), required=False, initial=True,
        help_text=gettext_lazy("Unit contacts named on the units sheet always get one. Print the account slips "
                               "afterwards under “Logins and account slips”."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        committees = committees_of(user)
        self.fields["committee"].queryset = committees
        self.fields["term"].queryset = Term.objects.filter(committee__in=committees).select_related("committee")
        self.fields["term"].label_from_instance = lambda term: f"{term.committee.short_name or term.committee.name} {term}"
        if len(committees) == 1:
            self.fields["committee"].initial = committees[0]
            self.fields["term"].initial = self.fields["term"].queryset.first()

    def clean(self):
        cleaned = super().clean()
        kind, committee, term = cleaned.get("kind"), cleaned.get("committee"), cleaned.get("term")
        if kind and committee and not IMPORTERS[kind].may_import(self.user, committee):
            raise ValidationError(_("You may not import this into that committee."))
        if term is not None and committee is not None and term.committee_id != committee.pk:
            self.add_error("term", _("This term belongs to another committee."))
        if kind == "members" and term is None and not self.has_error("term"):
            self.add_error("term", _("Choose the term the members belong to."))
        return cleaned

    def start_job(self):
        data = self.cleaned_data
        importer, committee, term = IMPORTERS[data["kind"]], data["committee"], data.get("term")
        stored = file_store(uploaded=data["file"], name=data["file"].name, user=self.user, allowed=["xlsx"])
        title = _("%(what)s import into %(committee)s: %(file)s") % {
            "what": importer.label, "committee": committee, "file": data["file"].name,
        }
        params = {"committee_id": committee.pk, "term_id": term.pk if term and data["kind"] == "members" else None,
                  "create_logins": bool(data.get("create_logins"))}
        return job_start(kind=importer.kind, title=title[:200], requester=self.user, params=params, input_file=stored)



def upload(request):
    if not may_import(request.user):
        return refused(request)
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        job = form.start_job()
        return redirect("cppcc_job_detail", job.pk)
    committees = list(committees_of(request.user)[:20])
    return TemplateResponse(request, "members/admin/roster_import.html", {
        "form": form, "committees": committees, "kinds": [(k, i.label) for k, i in IMPORTERS.items()],
    })


def template_download(request, kind):
    """The kind's template, listing the allowed values of the chosen committee (default: the user's first)."""
    if not may_import(request.user):
        return refused(request)
    if kind not in IMPORTERS:
        raise Http404
    committees = committees_of(request.user)
    wanted = request.GET.get("committee")
    committee = committees.filter(pk=wanted).first() if wanted and wanted.isdigit() else committees.first()
    if committee is None:
        raise Http404
    response = HttpResponse(template_workbook(kind, committee), content_type=XLSX_CONTENT_TYPE)
    filename = f"{IMPORTERS[kind].sheet_title}导入模板.xlsx"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response
