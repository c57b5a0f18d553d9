"""Admin screens of the printed forms: the committee's Word templates (upload, try, go back to the
built-in one), the built-in templates to start from, and the list of a session's cases (提案目录).

Listed under the "Proposals" menu group (proposals.admin.viewsets.ProposalsGroup). Who may do what is
decided in proposals.permissions (staff readers see and print; the secretariat and administrators change).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _, gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from cppcc.wordtemplates import WordTemplateError
from members import permissions as member_permissions
from members.models import Committee, Session
from proposals import paper, permissions
from proposals.models import PaperTemplate

Kind = PaperTemplate.Kind
SESSIONS_SHOWN = 6


def readable_committees(user):
    qs = Committee.objects.order_by("pk")
    if user.is_superuser or member_permissions.is_administrator(user):
        return qs
    return qs.filter(pk__in=permissions.staff_committee_ids(user))


def manageable_committees(user):
    return [c for c in readable_committees(user) if permissions.may_manage_templates(user, c.pk)]


def _kind(kind):
    try:
        return Kind(kind)
    except ValueError:
        raise Http404


def index(request):
    if not permissions.may_see_paper_forms(request.user):
        raise PermissionDenied
    committees = list(readable_committees(request.user))
    uploaded = {
        (t.committee_id, t.kind): t
        for t in PaperTemplate.objects.filter(committee__in=committees).select_related("file", "uploaded_by")
    }
    sessions = Session.objects.filter(committee__in=committees).select_related("term").order_by("committee_id", "-plenary_start", "-pk")
    by_committee = {}
    for s in sessions:
        shown = by_committee.setdefault(s.committee_id, [])
        if len(shown) < SESSIONS_SHOWN:
            shown.append(s)
    rows = [
        {
            "committee": c,
            "may_manage": permissions.may_manage_templates(request.user, c.pk),
            "sessions": by_committee.get(c.pk, []),
            "forms": [{"kind": k, "label": label, "uploaded": uploaded.get((c.pk, k)),
                       "variables": paper.VARIABLES[Kind(k)]} for k, label in Kind.choices],
        }
        for c in committees
    ]
    help_text = _("Forms are printed from Word templates. Download the built-in template, change its layout in Word "
                  "(keep the %(tags)s tags) and upload it: it is tried with sample data before it is used.") % {
        "tags": "{{ … }}, {% … %}, {%tr … %}"}
    return TemplateResponse(request, "proposals/admin/paper_index.html", {"rows": rows, "help_text": help_text})


class UploadForm(forms.Form):
    committee = forms.ModelChoiceField(label=gettext_lazy("committee"), queryset=Committee.objects.none())
    file = forms.FileField(label=gettext_lazy("Word template (.docx)"))
    note = forms.CharField(label=gettext_lazy("note"), max_length=200, required=False)

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = Committee.objects.filter(pk__in=[c.pk for c in committees])
        if len(committees) == 1:
            self.fields["committee"].initial = committees[0].pk


def upload(request, kind):
    kind = _kind(kind)
    committees = manageable_committees(request.user)
    if not committees:
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None, committees=committees,
                      initial={"committee": request.GET.get("committee")} if request.GET.get("committee") else None)
    if request.method == "POST" and form.is_valid():
        try:
            paper.template_upload(
                committee=form.cleaned_data["committee"], kind=kind, uploaded=form.cleaned_data["file"],
                actor=request.user, note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            messages.success(request, _("The new template for “%(form)s” is in use.") % {"form": kind.label})
            return redirect("paper_forms:index")
    return TemplateResponse(request, "proposals/admin/paper_upload.html", {
        "form": form, "kind": kind, "variables": paper.VARIABLES[kind],
        "builtin_url": reverse("paper_forms:builtin", args=[kind.value]),
    })


def builtin(request, kind):
    """The built-in template, to start a committee's own from."""
    kind = _kind(kind)
    if not permissions.may_see_paper_forms(request.user):
        raise PermissionDenied
    return paper.docx_response(paper.builtin_bytes(kind), paper.safe_name(paper.FILE_NAMES[kind], "模板"))


def remove(request, pk):
    template = get_object_or_404(PaperTemplate.objects.select_related("committee"), pk=pk)
    if not permissions.may_manage_templates(request.user, template.committee_id):
        raise Http404
    if request.method == "POST":
        paper.template_remove(template=template, actor=request.user)
        messages.success(request, _("“%(form)s” is printed with the built-in template again.") % {"form": template.get_kind_display()})
        return redirect("paper_forms:index")
    return TemplateResponse(request, "proposals/admin/paper_remove.html", {"template": template})


def case_list(request, pk):
    """提案目录: the session's cases, as a Word file."""
    session = get_object_or_404(Session.objects.select_related("committee", "term"), pk=pk)
    if not permissions.may_print_case_list(request.user, session):
        raise Http404
    try:
        data = paper.render_form(Kind.CASE_LIST, session.committee_id, paper.case_list_context(session))
    except WordTemplateError as exc:
        messages.error(request, str(exc))
        return redirect("paper_forms:index")
    return paper.docx_response(data, paper.safe_name(paper.FILE_NAMES[Kind.CASE_LIST], session.committee.name, str(session)))


class PaperMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.may_see_paper_forms(request.user)


class PaperViewSet(ViewSet):
    icon = "doc-full"
    menu_label = gettext_lazy("Printed forms")
    menu_item_class = PaperMenuItem

    def get_urlpatterns(self):
        return [
            path("", index, name="index"),
            path("upload/<str:kind>/", upload, name="upload"),
            path("builtin/<str:kind>/", builtin, name="builtin"),
            path("remove/<int:pk>/", remove, name="remove"),
            path("case-list/<int:pk>/", case_list, name="case_list"),
        ]
