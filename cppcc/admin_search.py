"""The admin's sidebar search across the office's lists, not only the CMS pages.

Each app registers one `ListSearchArea` per list with Wagtail's `register_admin_search_area` hook (in
its own wagtail_hooks.py): the sidebar's search goes to the first area the person may read (proposals
for the office) and its results link to the same words in the other lists ("Other searches"). An area
is shown only to those who may open its list: the permission the list's index view asks for.
"""

from django.urls import reverse
from wagtail.admin.search import SearchArea
from wagtail.permissions import policy_registry

INDEX_PERMISSIONS = ["add", "change", "delete", "view"]  # what Wagtail's generic index view requires


class ListSearchArea(SearchArea):
    """Search one admin list (`url_name`, searched with ?q=) of `model`."""

    def __init__(self, label, url_name, model, *, name, icon_name, order):
        self.url_name = url_name
        self.model = model
        super().__init__(label, url="", name=name, icon_name=icon_name, order=order)

    @property
    def url(self):
        return reverse(self.url_name)

    @url.setter
    def url(self, value):  # SearchArea.__init__ assigns it; the URL is reversed when used
        pass

    def is_shown(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        return policy_registry.get_by_type(self.model).user_has_any_permission(user, INDEX_PERMISSIONS)
