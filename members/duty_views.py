"""A member's duty record (履职档案): the member's own page in the portal, and the admin page of any member.

Both read members.selectors.duty_record (every ledger entry by year and term, counts by kind) and
link each entry to its source generically (docs/architecture.md#import-directions): the portal through the source's
get_absolute_url(), the admin through Wagtail's admin URL registry (inspect page, else edit page).
The target page checks its own permission; this page only links. Both export the record to Excel.
"""

from django import forms
from django.contrib.admin.utils import quote
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.defaults import permission_denied

from cppcc.excel import XLSX_CONTENT_TYPE, Sheet, write_workbook
from members import permissions, selectors
from members.forms import CutOffField
from members.models import Member
from members.models.ledger import DutyKind

LEDGER_VIEW_PERMISSION = "members.view_dutyentry"


def may_view_record(user, member) -> bool:
    """Admin page: holders of the ledger's view permission (secretariat, chairs, administrators)
    through a role in the member's committee; administrators see every committee."""
    return permissions.can_manage(user, LEDGER_VIEW_PERMISSION, member.committee_id)


class DutyFilterForm(forms.Form):
    """Year, term and cut-off. Terms and years are offered from the record itself (no extra query);
    a term of another committee simply matches nothing."""

    year = forms.IntegerField(label=gettext_lazy("Year"), required=False, min_value=1949, max_value=9999)
    term = forms.IntegerField(label=gettext_lazy("Term"), required=False, min_value=1)
    as_of = CutOffField(
        label=gettext_lazy("As of (截至)"), required=False,
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v is not None}


def admin_source_url(obj) -> str:
    """The admin page of any model row registered with a Wagtail viewset: its inspect page when the
    viewset has one, else its edit page; else the row's public URL. No query, no import of the app."""
    from wagtail.admin.admin_url_finder import AdminURLFinder, finder_classes

    finder = AdminURLFinder()  # no user: the URL only; the target page checks the reader's permission
    finder_class = finder_classes.get(obj)
    edit_name = getattr(finder_class, "edit_url_name", None) or ""
    if edit_name.endswith(":edit"):
        try:
            return reverse(edit_name[: -len("edit")] + "inspect", args=[quote(obj.pk)])
        except NoReverseMatch:
            pass
    try:
        url = finder.get_edit_url(obj)
    except NoReverseMatch:
        url = None
    return url or selectors.public_url(obj)


# The unit each kind is counted in. The counts are shown per kind and never added up: a sitting attended,
# a late arrival and a proposal filed are different things, and one sum of them would mean nothing
# (a weighted score is what a scoring scheme defines, not this page).
PROPOSALS = gettext_lazy("proposals (件)")
SITTINGS = gettext_lazy("sittings (场次)")
TIMES = gettext_lazy("times (次)")
REPORTS = gettext_lazy("reports (篇)")
ITEMS = gettext_lazy("items (项)")
UNITS = {
    DutyKind.PROPOSAL_FILED: PROPOSALS, DutyKind.PROPOSAL_COSIGNED: PROPOSALS, DutyKind.PROPOSAL_ACCEPTED: PROPOSALS,
    DutyKind.ATTENDED: SITTINGS, DutyKind.EXCUSED: SITTINGS, DutyKind.ABSENT: SITTINGS, DutyKind.LATE: SITTINGS,
    DutyKind.SPEECH: TIMES, DutyKind.WRITTEN_SPEECH: TIMES, DutyKind.ACTIVITY: TIMES, DutyKind.TRAINING: TIMES,
    DutyKind.SERVICE: TIMES, DutyKind.OPINION_REPORT: REPORTS, DutyKind.OPINION_ADOPTED: REPORTS,
    DutyKind.ANNUAL_REPORT: REPORTS, DutyKind.OTHER: ITEMS,
}


def kind_counts(record) -> list[dict]:
    """The record's count of each kind with its unit (件, 场次, 次, 篇, 项), in DutyKind order; no grand total."""
    return [{"label": row.label, "count": row.count, "unit": UNITS.get(row.kind, ITEMS)} for row in record.kind_counts]


def _read(request, member, *, url_for, corrections):
    form = DutyFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else {}
    record = selectors.duty_record(
        member, year=filters.get("year"), term=filters.get("term"), as_of=filters.get("as_of"),
        url_for=url_for, corrections=corrections,
    )
    return form, filters, record


def _context(request, form, filters, record, **extra):
    return {
        "export_query": _export_query(request),
        "form": form,
        "record": record,
        "kind_counts": kind_counts(record),
        "member": record.member,
        "filtered": bool(filters),
        "selected_year": filters.get("year"),
        "selected_term": filters.get("term"),
        "as_of": filters.get("as_of"),
        **extra,
    }


def _excel(request, record, *, with_corrections) -> HttpResponse:
    """The record as a workbook: entries, counts by kind, and (for staff) the corrections."""

    def link(entry):
        return request.build_absolute_uri(entry.source_url) if entry.source_url else ""

    def term_label(section):
        return str(section.term) if section.term else ""

    entries = (
        [entry.duty_date, section.year, term_label(section), str(entry.get_kind_display()), entry.title, entry.basis,
         float(entry.quantity), timezone.localtime(entry.recorded_at).replace(tzinfo=None), link(entry)]
        for section in record.sections for entry in section.entries
    )
    sheets = [
        Sheet(
            title=_("Duty record"),
            header=[_("Date"), _("Year"), _("Term"), _("Kind"), _("Title"), _("Basis"), _("Points basis"),
                    _("Recorded at"), _("Link")],
            rows=entries, widths=[12, 8, 10, 22, 50, 24, 10, 18, 40],
        ),
        Sheet(
            title=_("Counts by kind"),
            header=[_("Kind"), _("Number"), _("Counted in")],
            rows=[[str(row["label"]), row["count"], str(row["unit"])] for row in kind_counts(record)],
            widths=[30, 10, 10],
        ),
    ]
    if with_corrections:
        sheets.append(Sheet(
            title=_("Corrections"),
            header=[_("Date"), _("Kind"), _("Title"), _("Recorded at"), _("Voided at"), _("Voided by"), _("Reason")],
            rows=(
                [c.duty_date, str(c.get_kind_display()), c.title,
                 timezone.localtime(c.reverses.recorded_at).replace(tzinfo=None),
                 timezone.localtime(c.recorded_at).replace(tzinfo=None),
                 str(c.recorded_by) if c.recorded_by else "", c.reason]
                for c in record.corrections
            ),
            widths=[12, 22, 50, 18, 18, 16, 30],
        ))
    member = record.member
    response = HttpResponse(write_workbook(sheets), content_type=XLSX_CONTENT_TYPE)
    suffix = f"-{record.year}" if record.year else ""
    filename = f"{_('Duty record')}-{member.name}-{member.member_number}{suffix}.xlsx"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


@login_required
def my_duty_record(request):
    """/portal/duty/: the logged-in member's own record (nobody reaches another member's here)."""
    member = selectors.member_for_user(request.user)
    if member is None:
        if permissions.uses_admin(request.user):
            return redirect("wagtailadmin_home")  # the admin page shows any member's record
        return permission_denied(request, PermissionDenied())
    form, filters, record = _read(request, member, url_for=selectors.public_url, corrections=False)
    if request.GET.get("export") == "xlsx":
        return _excel(request, record, with_corrections=False)
    return render(request, "members/portal/duty_record.html", _context(request, form, filters, record))


def member_duty_record(request, pk):
    """/admin/members/<pk>/duty/: any member's record, for those who read the ledger of that committee."""
    member = get_object_or_404(Member.objects.select_related("committee"), pk=pk)
    if not may_view_record(request.user, member):
        # A plain 403: Wagtail would turn a raised PermissionDenied into a redirect to the dashboard.
        return permission_denied(request, PermissionDenied())
    form, filters, record = _read(request, member, url_for=admin_source_url, corrections=True)
    if request.GET.get("export") == "xlsx":
        return _excel(request, record, with_corrections=True)
    context = _context(request, form, filters, record, inspect_url=reverse("members:inspect", args=[member.pk]))
    return TemplateResponse(request, "members/admin/duty_record.html", context)


def _export_query(request) -> str:
    query = request.GET.copy()
    query["export"] = "xlsx"
    return query.urlencode()
