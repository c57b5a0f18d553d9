"""The site step of `manage.py load_demo`: the committee's name on the site and its 工作动态.

Pages go through Wagtail's own write path (add_child, save_revision().publish()), so they have
revisions, a publication date and a search-index entry like pages an editor publishes. A page is
revised only when its content differs, so a second run adds no revision.
"""

from django.utils.html import escape
from wagtail.models import Site

from cppcc import demo_news
from cppcc.demo_kit import DemoError, Tally
from cppcc.models import HomePage, NewsIndexPage, NewsPage


def load(stdout=None, today=None) -> list:
    """Returns no logins: the site has no accounts of its own."""
    tally = Tally()
    site = Site.objects.select_related("root_page").get(is_default_site=True)
    home = site.root_page.specific
    if not isinstance(home, HomePage):
        raise DemoError("The default site's root is not the home page of migration cppcc.0002.")
    _revise(home, {"title": demo_news.HOME_TITLE, "intro": demo_news.HOME_INTRO}, tally)
    if site.site_name != demo_news.HOME_TITLE:
        site.site_name = demo_news.HOME_TITLE
        site.save(update_fields=["site_name"])
    index = NewsIndexPage.objects.child_of(home).get(slug="news")
    _revise(index, {"intro": demo_news.NEWS_INTRO}, tally)
    existing = {page.slug: page for page in NewsPage.objects.child_of(index)}
    for article in demo_news.ARTICLES:
        values = {
            "title": article["title"], "date": article["date"], "source": demo_news.SOURCE,
            "summary": article["summary"], "body": "".join(f"<p>{escape(p)}</p>" for p in article["paragraphs"]),
        }
        page = existing.get(article["slug"])
        if page is None:
            page = index.add_child(instance=NewsPage(slug=article["slug"], **values))
            page.save_revision().publish()
            tally.count(NewsPage._meta.verbose_name, "created")
        else:
            _revise(page, values, tally)
    tally.write(stdout)
    return []


def _revise(page, values, tally):
    """Publish a new revision only if a field differs (or the page was unpublished)."""
    changed = [name for name, value in values.items() if getattr(page, name) != value]
    stale = bool(changed) or not page.live
    if stale:
        for name in changed:
            setattr(page, name, values[name])
        if "title" in changed:
            page.draft_title = page.title
        page.save_revision().publish()
    tally.count(type(page)._meta.verbose_name, "updated" if stale else "same")
