"""The committee's name and emblem for the admin's branding blocks (templates/wagtailadmin/), read once.

Every admin page shows them, so they are kept in the process for CPPCC_ADMIN_BRAND_SECONDS (300) after
one lookup and dropped at once when this process saves the setting or a committee; another process sees
a change within that time. The test settings keep nothing (0), so every admin page costs the same queries
and the query-count guards compare like with like. The name is the setting's (Settings → Admin branding), else the top committee's
(the first without a higher committee), else WAGTAIL_SITE_NAME; the emblem the uploaded image, else
the placeholder mark cppcc/static/cppcc/emblem.svg (a generic mark, not an official emblem).
"""

import logging
import threading
import time
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError
from django.templatetags.static import static

logger = logging.getLogger(__name__)
PLACEHOLDER_EMBLEM = "cppcc/emblem.svg"


@dataclass(frozen=True)
class Brand:
    name: str
    emblem_url: str
    system_name: str  # WAGTAIL_SITE_NAME: what the system is, under whose name it runs


_lock = threading.Lock()
_cached: tuple[float, Brand] | None = None


def _load() -> Brand:
    from cppcc.models import AdminBrand

    system_name = settings.WAGTAIL_SITE_NAME
    setting = AdminBrand.objects.select_related("emblem").order_by("pk").first()
    name = (setting.name.strip() if setting else "") or (
        apps.get_model("members", "Committee").objects.filter(parent__isnull=True).order_by("pk")
        .values_list("name", flat=True).first()
    ) or system_name
    emblem = setting.emblem if setting else None
    emblem_url = emblem.file.url if emblem is not None else static(PLACEHOLDER_EMBLEM)
    return Brand(name=name, emblem_url=emblem_url, system_name=system_name)


def current_brand() -> Brand:
    global _cached
    cached = _cached
    if cached is not None and time.monotonic() - cached[0] < getattr(settings, "CPPCC_ADMIN_BRAND_SECONDS", 300):
        return cached[1]
    try:
        brand = _load()
    except DatabaseError as exc:  # before migrate, or a database gone: the system's name, not an error
        logger.warning("admin branding not read: %s", exc)
        return Brand(settings.WAGTAIL_SITE_NAME, static(PLACEHOLDER_EMBLEM), settings.WAGTAIL_SITE_NAME)
    with _lock:
        _cached = (time.monotonic(), brand)
    return brand


def forget(**kwargs):
    """Signal receiver: the setting or a committee changed in this process."""
    global _cached
    with _lock:
        _cached = None


def connect():
    from django.db.models.signals import post_delete, post_save

    for sender in ("cppcc.AdminBrand", "members.Committee", "wagtailimages.Image"):
        post_save.connect(forget, sender=sender, dispatch_uid=f"cppcc_brand_{sender}_save")
        post_delete.connect(forget, sender=sender, dispatch_uid=f"cppcc_brand_{sender}_delete")
