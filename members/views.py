"""The portal home: who I am, my roles, my terms (later issues add proposals and activities)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from cppcc.portal import portal_links
from members import permissions, selectors
from members.onboarding import unlinked_member_login


def unlinked_page(request):
    """A login with the member role but no member record (made by hand): a plain Chinese page, not a 403."""
    return render(request, "members/portal/unlinked.html", status=403)


@login_required
def portal_home(request):
    user = request.user
    if not permissions.uses_portal(user):
        # Admin-only roles have nothing in the portal; send them where their work is.
        if permissions.uses_admin(user):
            return redirect("wagtailadmin_home")
    member = selectors.member_for_user(user)
    if member is None and unlinked_member_login(user):
        return unlinked_page(request)
    context = {
        "member": member,
        "memberships": selectors.memberships_of(member) if member else [],
        "assignments": selectors.role_assignments_of(user),
        "show_private": member is not None and permissions.can_see_private(user, member),
        "links": portal_links(user),
    }
    return render(request, "members/portal/home.html", context)
