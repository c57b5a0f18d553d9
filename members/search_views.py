"""The member picker's search (issue #11): a few members by name, member number or sector, as JSON.

`GET /portal/members/search/?q=王&committee=<id>[&term=<id>]`. Bounded: nothing under one character,
at most SEARCH_LIMIT rows, two queries whatever the size of the committee. Scoped: a member searches
their own committee (to invite co-signers), staff the committees where their role may view members
(members.view_member through members.permissions.can_manage); anyone else gets 403. Names, numbers
and sectors only: nothing private (phones, identity numbers) leaves through it.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Q, Subquery
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from members import permissions
from members.models import Member, TermMembership

SEARCH_LIMIT = 20
MIN_CHARS = 1
VIEW_MEMBER = "members.view_member"


def searchable_committee_ids(user) -> set:
    """Committees whose members `user` may look up: their own as a member, those their role may view."""
    ids = {c for c in permissions.committee_ids(user) if permissions.can_manage(user, VIEW_MEMBER, c)}
    member = permissions.member_of(user)
    if member is not None:
        ids.add(member.committee_id)
    return ids


def search(*, committee_ids, query, term_id=None, limit=SEARCH_LIMIT) -> list[dict]:
    """Members of `committee_ids` (of `term_id` when given) whose name, member number or sector (in that
    term, or any) matches `query`, by name; each with the sector of the term (or of their latest term)."""
    memberships = TermMembership.objects.filter(member=OuterRef("pk"))
    if term_id:
        memberships = memberships.filter(term_id=term_id)
    sector = Subquery(memberships.order_by("-term__number", "-pk").values("sector__name")[:1])
    matches = Q(name__icontains=query) | Q(member_number__istartswith=query)
    in_sector = TermMembership.objects.filter(sector__name__icontains=query)
    if term_id:
        in_sector = in_sector.filter(term_id=term_id)
    matches |= Q(pk__in=in_sector.values("member_id"))
    qs = Member.objects.filter(committee_id__in=committee_ids).filter(matches)
    if term_id:
        qs = qs.filter(pk__in=TermMembership.objects.filter(term_id=term_id).values("member_id"))
    rows = qs.annotate(sector_name=Subquery(sector)).order_by("name", "member_number").values(
        "pk", "name", "member_number", "sector_name",
    )[:limit]
    return [{"id": r["pk"], "name": r["name"], "member_number": r["member_number"], "sector": r["sector_name"] or "",
             "label": f"{r['name']}（{r['member_number']}）"} for r in rows]


def _int(value):
    return int(value) if value and value.isdigit() else None


@login_required
@require_GET
def member_search(request):
    allowed = searchable_committee_ids(request.user)
    if not allowed:
        raise PermissionDenied(_("You may not look up members."))
    wanted = _int(request.GET.get("committee", ""))
    committee_ids = ({wanted} & allowed) if wanted else allowed
    query = request.GET.get("q", "").strip()[:50]
    if len(query) < MIN_CHARS or not committee_ids:
        return JsonResponse({"results": []})
    return JsonResponse({"results": search(committee_ids=committee_ids, query=query,
                                           term_id=_int(request.GET.get("term", "")))})
