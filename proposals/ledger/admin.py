"""Admin pages of the ledger import (proposals.ledger.importer): upload a past session's ledger, checked and
imported by a background job whose page shows the progress, and download the template. The committee's
secretariat only (the same rule as every proposals workflow step). Registered here with Wagtail hooks;
proposals/wagtail_hooks.py imports this module."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks

from cppcc.admin_views import refused
from cppcc.excel import XLSX_CONTENT_TYPE
from cppcc.forms import WorkbookField
from cppcc.services import file_store, job_start
from members import permissions as member_permissions
from members.models import Session
from members.models.roles import Role
from proposals import permissions
from proposals.ledger import importer


def sessions_of(user):
    """Sessions of the committees whose secretariat the user is, newest first."""
    ids = {a.committee_id for a in member_permissions.assignments(user) if a.role == Role.SECRETARIAT}
    return Session.objects.filter(committee_id__in=ids).select_related("committee", "term").order_by("committee", "-plenary_start")


class LedgerImportForm(forms.Form):
    session = forms.ModelChoiceField(
        label=gettext_lazy("Session"), queryset=Session.objects.none(),
        help_text=gettext_lazy("The session the ledger's proposals belong to."),
    )
    file = WorkbookField(label=gettext_lazy("Excel workbook (.xlsx)"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["session"].queryset = sessions_of(user)
        self.fields["session"].label_from_instance = lambda s: f"{s.committee.short_name or s.committee.name} {s}（{s.plenary_start:%Y}）"

    def clean(self):
        cleaned = super().clean()
        session = cleaned.get("session")
        if session is not None and not permissions.may_import_ledger(self.user, session.committee):
            raise ValidationError(_("You may not import a ledger into this committee."))
        return cleaned

    def start_job(self):
        session, uploaded = self.cleaned_data["session"], self.cleaned_data["file"]
        stored = file_store(uploaded=uploaded, name=uploaded.name, user=self.user, allowed=["xlsx"])
        title = _("Proposal ledger import into %(session)s: %(file)s") % {"session": session, "file": uploaded.name}
        return job_start(kind=importer.KIND, title=title[:200], requester=self.user,
                         params={"session_id": session.pk, "committee_id": session.committee_id}, input_file=stored)



def upload(request):
    if not permissions.may_open_ledger_import(request.user):
        return refused(request)
    form = LedgerImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        job = form.start_job()
        return redirect("cppcc_job_detail", job.pk)
    return TemplateResponse(request, "proposals/admin/ledger_import.html", {
        "form": form, "sessions": list(sessions_of(request.user)[:30]),
    })


def template_download(request):
    """The template for `?session=` (default: the user's newest session), listing that committee's values."""
    if not permissions.may_open_ledger_import(request.user):
        return refused(request)
    sessions = sessions_of(request.user)
    wanted = request.GET.get("session")
    session = sessions.filter(pk=wanted).first() if wanted and wanted.isdigit() else sessions.first()
    if session is None:
        raise Http404
    response = HttpResponse(importer.template_workbook(session), content_type=XLSX_CONTENT_TYPE)
    filename = f"{importer.SHEET}导入模板-{session}.xlsx"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


@hooks.register("register_admin_urls")
def register_ledger_import_urls():
    return [
        path("ledger-import/", upload, name="ledger_import"),
        path("ledger-import/template/", template_download, name="ledger_import_template"),
    ]


@hooks.register("register_admin_menu_item")
def register_ledger_import_menu_item():
    from wagtail.admin.menu import MenuItem

    class LedgerImportMenuItem(MenuItem):
        def is_shown(self, request):
            return permissions.may_open_ledger_import(request.user)

    # Next to the roster import (order 150).
    return LedgerImportMenuItem(gettext_lazy("Ledger import"), reverse("ledger_import"), name="ledger-import",
                                icon_name="upload", order=151)
