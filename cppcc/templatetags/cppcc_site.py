"""Tags for the public site layout: the system's name and the main navigation.

Templates cannot read Django settings, and the nav needs the live news index's URL (editors may
move or rename it), so both come from here rather than being hard-coded in base.html.
"""

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def site_name():
    return settings.WAGTAIL_SITE_NAME


@register.simple_tag(takes_context=True)
def site_nav(context):
    """[(label, url, is_current)] for the header: home, news (工作动态), the pages editors put in the
    menu (e.g. the published proposals, 提案公开), the portal."""
    from wagtail.models import Page

    from cppcc.models.pages import NewsIndexPage

    request = context.get("request")
    path = request.path if request else ""
    items = [(_("Home"), "/")]
    news = NewsIndexPage.objects.live().public().order_by("path").first()
    if news is not None:
        news_url = news.get_url(request)
        if news_url:
            items.append((_("News"), news_url))
    # Any app's public page shows here when "show in menus" is set, without cppcc knowing the app.
    for page in Page.objects.live().public().in_menu().filter(depth=3).exclude(pk=getattr(news, "pk", None)).order_by("path"):
        url = page.get_url(request)
        if url:
            items.append((page.title, url))
    items.append((_("Portal"), reverse("portal:home")))
    return [
        (label, url, path == url if url == "/" else path.startswith(url))
        for label, url in items
    ]


@register.simple_tag(takes_context=True)
def error_area(context):
    """Where an error page was reached, for its next steps: "admin", "portal" (members, units, the inbox)
    or "public". Read from the path only: no query, so the error pages stay cheap (cppcc/errors.py)."""
    request = context.get("request")
    path = getattr(request, "path", "") or ""
    if path.startswith(reverse("wagtailadmin_home")):
        return "admin"
    if path.startswith((reverse("portal:home"), reverse("inbox:index"), "/files/")):
        return "portal"
    return "public"


@register.simple_tag
def admin_brand():
    """The committee's name and emblem for the admin (cppcc/brand.py: read once per process, not per page)."""
    from cppcc.brand import current_brand

    return current_brand()
