"""Links the apps put on the portal home, so members/ shows proposals and activities without importing them."""

from dataclasses import dataclass
from typing import Callable

from django.urls import reverse


@dataclass(frozen=True)
class PortalLink:
    label: str
    url_name: str
    shown: Callable  # fn(user) -> bool
    order: int = 100
    description: str = ""


_links: list[PortalLink] = []


def register_portal_link(*, label, url_name, shown, order=100, description=""):
    """Called from an app's ready(); re-registering the same URL name replaces the entry."""
    _links[:] = [link for link in _links if link.url_name != url_name]
    _links.append(PortalLink(label, url_name, shown, order, description))
    _links.sort(key=lambda link: link.order)


def portal_links(user):
    """(label, url, description) of the links this user may follow."""
    return [(link.label, reverse(link.url_name), link.description) for link in _links if link.shown(user)]
