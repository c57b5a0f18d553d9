"""Replace Wagtail's welcome page with our home page and a news index (as Wagtail's project template does)."""

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("cppcc.HomePage")
    NewsIndexPage = apps.get_model("cppcc.NewsIndexPage")
    Locale = apps.get_model("wagtailcore.Locale")
    locale = Locale.objects.order_by("pk").first()

    Page.objects.filter(depth=2, slug="home").delete()
    home_ct, _ = ContentType.objects.get_or_create(model="homepage", app_label="cppcc")
    news_ct, _ = ContentType.objects.get_or_create(model="newsindexpage", app_label="cppcc")
    home = HomePage.objects.create(
        title="政协委员会", draft_title="政协委员会", slug="home", content_type=home_ct,
        path="00010001", depth=2, numchild=1, url_path="/home/", live=True, locale=locale,
    )
    NewsIndexPage.objects.create(
        title="工作动态", draft_title="工作动态", slug="news", content_type=news_ct,
        path="000100010001", depth=3, numchild=0, url_path="/home/news/", live=True, locale=locale,
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name="政协委员会")


def remove_homepage(apps, schema_editor):
    apps.get_model("wagtailcore.Page").objects.filter(depth__gte=2, slug="home").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cppcc", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
