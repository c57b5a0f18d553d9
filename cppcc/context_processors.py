"""Template context for every page of the site."""

from django.utils.functional import SimpleLazyObject

from cppcc.inbox import unread_count


def inbox(request):
    """`inbox_unread`: the user's unread messages, counted (one COUNT query) only if a template asks."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"inbox_unread": SimpleLazyObject(lambda: unread_count(user))}
