"""Links to the printed forms, shown only to those who may print them (proposals.permissions decides)."""

from django import template

from members import permissions as member_permissions
from proposals import paper, permissions

register = template.Library()


@register.filter
def may_print_proposal(proposal, user) -> bool:
    return permissions.may_print_proposal(user, proposal)


@register.filter
def may_print_evaluation(reply, user) -> bool:
    return permissions.may_print_evaluation(user, reply)


@register.inclusion_tag("proposals/includes/unit_paper_links.html", takes_context=True)
def unit_paper_links(context, unit=None):
    """交办清单 links for the units the person serves (or the unit picked in the filter), latest sessions first."""
    from members.models import Body

    user = context["request"].user
    ids = set(member_permissions.unit_ids(user))
    if unit is not None and permissions.may_print_unit_list(user, unit):
        ids.add(unit.pk)
    links = []
    for body in Body.objects.filter(pk__in=ids).order_by("code", "name"):
        for session in paper.unit_sessions(body)[:3]:
            links.append({"unit": body, "session": session})
    return {"links": links}
