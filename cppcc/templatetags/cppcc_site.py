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
    """[(label, url, is_current)] for the header: home, news (工作动态), the portal."""
    from cppcc.models.pages import NewsIndexPage

    request = context.get("request")
    path = request.path if request else ""
    items = [(_("Home"), "/")]
    news = NewsIndexPage.objects.live().public().order_by("path").first()
    if news is not None:
        news_url = news.get_url(request)
        if news_url:
            items.append((_("News"), news_url))
    items.append((_("Portal"), reverse("portal:home")))
    return [
        (label, url, path == url if url == "/" else path.startswith(url))
        for label, url in items
    ]
