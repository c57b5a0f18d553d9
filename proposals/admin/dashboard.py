"""The secretariat's proposal dashboard (/admin/proposals/dashboard/): a session's (or year's) figures as
of a cut-off date, the overdue assignments per unit with their days overdue, the replies waiting for a
leader's signature and the evaluations not yet returned; each links to the filtered admin listing.

Everything comes from proposals.statistics (the same figures the reports print), so the page costs a
fixed number of queries whatever the number of cases. Who sees it: whoever views proposals in the admin
(permissions.may_see_dashboard), for the committees they read.
"""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View

from members.forms import CutOffField
from members.models import Committee, Session
from members.periods import Period, local_today
from proposals import permissions, statistics
from proposals.workflow import STATE_FLAGS

from . import panels

LIST_LIMIT = 50  # rows shown per work list; the link opens the whole filtered listing


class DashboardForm(forms.Form):
    committee = forms.ModelChoiceField(label=gettext_lazy("committee"), queryset=Committee.objects.none(), required=False)
    session = forms.ModelChoiceField(label=gettext_lazy("session"), queryset=Session.objects.none(), required=False)
    year = forms.IntegerField(label=gettext_lazy("or a year"), min_value=1949, max_value=2200, required=False)
    as_of = CutOffField(
        label=gettext_lazy("As of (截至)"), required=False,
    )

    def __init__(self, *args, committee_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = Committee.objects.filter(pk__in=committee_ids).order_by("pk")
        self.fields["session"].queryset = (
            Session.objects.filter(committee_id__in=committee_ids).select_related("term", "committee")
            .order_by("committee_id", "-plenary_start")
        )


def _url(name, **query):
    query = {k: v for k, v in query.items() if v not in (None, "")}
    return reverse(name) + ("?" + urlencode(query) if query else "")


class DashboardView(View):
    template_name = "proposals/admin/dashboard.html"

    def get(self, request):
        user = request.user
        if not permissions.may_see_dashboard(user):
            raise PermissionDenied
        ids = panels.committee_ids(user)
        form = DashboardForm(request.GET or None, committee_ids=ids)
        data = form.cleaned_data if form.is_bound and form.is_valid() else {}
        if form.is_bound and not form.is_valid():
            # A committee or session of someone else is simply not one of the choices.
            if "committee" in form.errors or "session" in form.errors:
                raise Http404
        day = data.get("as_of") or local_today()
        period, committee = self.period(ids, data, day)
        context = {"form": form, "title": _("Proposal statistics"), "day": day, "period": period, "committee": committee}
        if period is not None:
            context.update(self.figures(period, committee, day))
        return TemplateResponse(request, self.template_name, context)

    def period(self, ids, data, day):
        """The chosen session or year; by default the current session of the first committee the person reads."""
        session, committee, year = data.get("session"), data.get("committee"), data.get("year")
        if session is not None:
            if committee is not None and session.committee_id != committee.pk:
                raise Http404
            return Period.of_session(session), session.committee
        if committee is None:
            committee = Committee.objects.filter(pk__in=ids).order_by("pk").first()
        if committee is None:
            return None, None
        if year:
            return Period.of_year(committee, year), committee
        current = panels.current_sessions({committee.pk}, day).get(committee.pk)
        return (Period.of_session(current), committee) if current else (None, committee)

    def figures(self, period, committee, day) -> dict:
        overview = statistics.overview(period, as_of=day)
        units = statistics.by_unit(period, as_of=day)
        overdue = list(statistics.overdue_assignments(committee, as_of=day, period=period)[:LIST_LIMIT])
        awaiting = list(statistics.awaiting_signature(committee, as_of=day, period=period)[:LIST_LIMIT])
        due = list(statistics.evaluations_due(committee, as_of=day, period=period))
        session_id = period.session.pk if period.session is not None else None
        today = day == local_today()
        moment = overview.as_of
        for reply in awaiting:
            reply.days_waiting = (day - timezone.localdate(reply.waiting_since)).days
            reply.case_url = reverse("proposal_admin:inspect", args=[reply.assignment.proposal_id])
        for assignment in overdue:
            assignment.case_url = reverse("proposal_admin:inspect", args=[assignment.proposal_id])
        limit = datetime.timedelta(days=statistics.cut(committee, moment).settings.evaluation_days)
        for reply in due:
            reply.deadline = timezone.localdate(reply.sent_at) + limit
            reply.case_url = reverse("proposal_admin:inspect", args=[reply.assignment.proposal_id])
        buckets = []
        for key, label, n in overview.buckets():
            statuses = [s for s, f in STATE_FLAGS.items() if f.report_bucket == key]
            url = _url("proposal_admin:index", session=session_id, status=statuses[0].value) if len(statuses) == 1 and session_id else ""
            buckets.append({"key": key, "label": label, "n": n, "url": url,
                            "width": round(100 * n / overview.received) if overview.received else 0})
        unit_rows = [{
            "row": row,
            "width": int(row.reply_rate.percent or 0),
            "overdue_url": _url("assignments:index", overdue="true", unit=row.key, session=session_id) if row.overdue else "",
            "max_days": max((a.days_overdue for a in overdue if a.unit_id == row.key), default=None),
        } for row in units]
        return {
            "overview": overview, "buckets": buckets, "units": unit_rows,
            "overdue": overdue, "overdue_more": overview.overdue > len(overdue),
            "overdue_url": _url("assignments:index", overdue="true", session=session_id),
            "awaiting": awaiting,
            "awaiting_url": _url("replies:index", state="awaiting_signature", session=session_id),
            "pending": [r for r in due if not r.past_limit][:LIST_LIMIT],
            "no_response": [r for r in due if r.past_limit][:LIST_LIMIT],
            "pending_count": sum(1 for r in due if not r.past_limit),
            "no_response_count": sum(1 for r in due if r.past_limit),
            "pending_url": _url("replies:index", evaluation="pending", session=session_id),
            "no_response_url": _url("replies:index", evaluation="no_response", session=session_id),
            "received_url": _url("proposal_admin:index", session=session_id) if session_id else "",
            "links_match": today,  # the listings show today's state; their counts match on today's cut-off
        }


def urls():
    from django.urls import path

    return [path("proposals/dashboard/", DashboardView.as_view(), name="proposal_dashboard")]


def menu_item():
    """The admin menu's way to the dashboard, shown to whoever may see it."""
    from wagtail.admin.menu import MenuItem

    class DashboardMenuItem(MenuItem):
        def is_shown(self, request):
            return permissions.may_see_dashboard(request.user)

    return DashboardMenuItem(
        gettext_lazy("Proposal statistics"), reverse("proposal_dashboard"), name="proposal_dashboard",
        icon_name="table", order=55,
    )
