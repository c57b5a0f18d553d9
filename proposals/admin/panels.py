"""The dashboard panel: this session's proposals by status, the overdue assignments and the headline rates.

Small on purpose: one aggregate query for the counts and one for the overdue assignments, scoped to the
committees the person reads; the session's rates come from proposals.statistics (a fixed handful of
queries per committee), and the full figures are on the statistics dashboard it links to
(proposals.admin.dashboard).
"""

from django.db.models import Count
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.admin.ui.components import Component

from cppcc import clock
from members.models import Committee, Session
from proposals import permissions
from proposals.models import Assignment, Proposal
from proposals.workflow import Status


def committee_ids(user) -> set:
    if user.is_superuser:
        return set(Committee.objects.values_list("pk", flat=True))
    return permissions.staff_committee_ids(user)


def current_sessions(ids, day) -> dict:
    """Per committee, the latest session whose filing has opened by `day` (else its earliest one)."""
    current = {}
    for session in Session.objects.filter(committee_id__in=ids).select_related("term", "committee").order_by("committee_id", "-plenary_start"):
        chosen = current.get(session.committee_id)
        if chosen is None or (chosen.filing_opens > day):
            current[session.committee_id] = session
    return current


def figures(user, day=None) -> list[dict]:
    """One block per committee: the current session's counts by status (drafts aside) and the overdue count."""
    day = day or clock.today()
    ids = committee_ids(user)
    sessions = current_sessions(ids, day)
    counts = {}
    rows = (
        Proposal.objects.filter(session__in=list(sessions.values())).exclude(status=Status.DRAFT)
        .values("session_id", "status").annotate(n=Count("pk")).order_by()
    )
    for row in rows:
        counts[(row["session_id"], row["status"])] = row["n"]
    overdue = dict(
        Assignment.objects.overdue(day).filter(proposal__committee_id__in=ids)
        .values("proposal__committee_id").annotate(n=Count("pk")).order_by().values_list("proposal__committee_id", "n")
    )
    index = reverse("proposal_admin:index")
    blocks = []
    for committee_id in sorted(ids):
        session = sessions.get(committee_id)
        block = {
            "committee": session.committee if session else None, "session": session, "statuses": [], "received": 0,
            "overdue": overdue.get(committee_id, 0),
            "overdue_url": reverse("assignments:index") + "?" + urlencode({"overdue": "true"}),
        }
        if session is None:
            if block["overdue"]:
                blocks.append(block)
            continue
        for status in Status:
            n = counts.get((session.pk, status.value), 0)
            if status == Status.DRAFT or not n:
                continue
            block["statuses"].append({
                "label": status.label, "n": n,
                "url": index + "?" + urlencode({"session": session.pk, "status": status.value}),
            })
            block["received"] += n
        block["session_url"] = index + "?" + urlencode({"session": session.pk})
        blocks.append(block)
    return blocks


class ProposalDashboardPanel(Component):
    name = "proposal_figures"
    template_name = "proposals/admin/dashboard_panel.html"
    order = 60

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        from members.periods import Period
        from proposals import statistics

        context = super().get_context_data(parent_context)
        blocks = figures(self.user)
        for block in blocks:
            if block["session"] is not None:
                block["overview"] = statistics.overview(Period.of_session(block["session"]))
                block["dashboard_url"] = reverse("proposal_dashboard") + "?" + urlencode({"session": block["session"].pk})
        context["blocks"] = blocks
        return context
