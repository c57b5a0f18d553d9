"""The public pages of published cases (公开): what an anonymous visitor may read, and how it is found.

ProposalIndexPage (proposals.models.publication) routes here: the list at the page's URL, each case at
`case/<pk>/`. Everything starts from `published_cases()` (accepted cases with a standing Publication),
so a case that was never published, or was taken down, is a 404 even by a guessed URL. The pages
choose what they show field by field: title, case number, session, category, the proposers' names
(or the organisation), the body, the units and, when published with them, the sent replies' text,
unit and date. Contact phones, identity data, addresses, files, drafts, unsent replies, evaluations
and internal notes are never read here.
"""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Subquery
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from members.models import Body, Session
from proposals.models import Assignment, Category, Proposal, ProposalIndexPage, Reply, Signer
from proposals.search import public_search
from proposals.selectors import public_q, standing_publication
from proposals.workflow import ReplyStatus

PER_PAGE = 20
INDEX_SLUG = "proposals"
INDEX_TITLE = "提案公开"
CASE_JOINS = ("session", "session__term", "category", "party", "sector", "special_committee")


def published_cases(committee_id=None):
    """Published cases (of one committee, when given), each with its publication's date and whether the
    replies are public."""
    standing = standing_publication()
    cases = Proposal.objects.filter(public_q())
    if committee_id is not None:
        cases = cases.filter(committee_id=committee_id)
    return cases.annotate(
        published_on=Subquery(standing.values("published_at")[:1]),
        replies_public=Subquery(standing.values("include_replies")[:1]),
    )


def _public_signers():
    return Prefetch(
        "signers", queryset=Signer.objects.filter(status=Signer.State.CONFIRMED).select_related("member")
        .order_by("order", "pk"), to_attr="public_signers",
    )


def _public_assignments():
    # The units handling the case now (returned assignments dropped out); co-handling units included.
    return Prefetch(
        "assignments", queryset=Assignment.objects.filter(active=True).select_related("unit").order_by("round", "pk"),
        to_attr="public_assignments",
    )


def proposer_names(case) -> list[str]:
    """Who filed it, as the public reads it: the organisation, or the members who signed (first first)."""
    if case.is_collective:
        return [str(case.organisation)] if case.organisation else []
    return [s.member.name for s in case.public_signers]


def unit_names(case) -> list[str]:
    names = []
    for a in case.public_assignments:
        if a.unit.name not in names:
            names.append(a.unit.name)
    return names


# ---- the list


class PublicFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    session = forms.ModelChoiceField(label=_("session"), queryset=Session.objects.none(), required=False)
    category = forms.ModelChoiceField(label=_("category"), queryset=Category.objects.none(), required=False)
    unit = forms.ModelChoiceField(label=_("handling unit"), queryset=Body.objects.none(), required=False)

    def __init__(self, *args, committee_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        cases = Proposal.objects.filter(public_q())
        if committee_id is not None:
            cases = cases.filter(committee_id=committee_id)
        # Only choices that find something: the sessions, categories and units of published cases.
        self.fields["session"].queryset = (
            Session.objects.filter(pk__in=cases.values("session_id")).select_related("term").order_by("-plenary_start", "-pk"))
        self.fields["category"].queryset = (
            Category.objects.filter(pk__in=cases.values("category_id")).order_by("order", "name"))
        self.fields["unit"].queryset = Body.objects.filter(
            pk__in=Assignment.objects.filter(active=True, proposal__in=cases).values("unit_id")).order_by("code", "name")


def case_list(*, query="", session=None, category=None, unit=None, committee_id=None):
    """Published cases matching the search box and the filters, newest publication first."""
    qs = published_cases(committee_id).select_related(*CASE_JOINS)
    qs = public_search(qs, query)
    if session is not None:
        qs = qs.filter(session=session)
    if category is not None:
        qs = qs.filter(category=category)
    if unit is not None:
        qs = qs.filter(Exists(Assignment.objects.filter(proposal=OuterRef("pk"), unit=unit, active=True)))
    return qs.prefetch_related(_public_signers(), _public_assignments()).order_by("-published_on", "-pk")


def index_context(request, page) -> dict:
    form = PublicFilterForm(request.GET or None, committee_id=page.committee_id)
    data = form.cleaned_data if form.is_valid() else {}
    qs = case_list(query=data.get("q", ""), session=data.get("session"), category=data.get("category"),
                   unit=data.get("unit"), committee_id=page.committee_id)
    cases_page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    cases = list(cases_page.object_list)
    base = page.get_url(request) or ""
    for case in cases:
        case.proposers, case.units = proposer_names(case), unit_names(case)
        case.public_url = base + page.reverse_subpage("case", args=[case.pk])
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "form": form, "cases": cases, "cases_page": cases_page, "query": query.urlencode(),
        "searching": bool(data and any(data.values())),
    }


# ---- one case


def case_detail_context(pk, committee_id=None) -> dict:
    try:
        case = published_cases(committee_id).select_related(*CASE_JOINS).prefetch_related(
            _public_signers(), _public_assignments()).get(pk=pk)
    except Proposal.DoesNotExist:
        raise Http404
    replies = []
    if case.replies_public:
        replies = list(
            Reply.objects.filter(assignment__proposal=case, status=ReplyStatus.SENT)
            .select_related("assignment__unit").order_by("sent_at", "pk")
        )
    return {
        "case": case, "proposers": proposer_names(case), "units": unit_names(case), "replies": replies,
    }


# ---- the page itself


def index_page():
    """The live public list page, or None."""
    return ProposalIndexPage.objects.live().public().order_by("path").first()


def case_url(pk, request=None, page=None) -> str | None:
    """The public URL of a published case, or None when there is no public list page."""
    page = page or index_page()
    if page is None:
        return None
    base = page.get_url(request)
    return None if base is None else base + page.reverse_subpage("case", args=[pk])


def ensure_public_pages(committee=None):
    """The public list page under the home page (slug "proposals", title 提案公开, listing `committee`'s
    cases, or every committee's), created if missing."""
    from cppcc.models import HomePage

    existing = ProposalIndexPage.objects.first()
    if existing is not None:
        return existing
    home = HomePage.objects.order_by("path").first()
    if home is None:
        return None
    page = home.add_child(instance=ProposalIndexPage(title=INDEX_TITLE, slug=INDEX_SLUG, show_in_menus=True, committee=committee))
    page.save_revision().publish()
    return page
