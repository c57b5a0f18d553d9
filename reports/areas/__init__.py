"""The areas of the annual work summary: each contributes overview rows, sheets and sentences.

An area is one module in this package defining a subclass of `Area` decorated with `@register`;
the package imports every module in it, so adding an area (key proposals, public-opinion reports,
duty scores) is adding one file. Each area is the only place that reads its app's statistics
selectors (reports imports the other apps; they never import reports).
"""

import importlib
import pkgutil

from reports.figures import Context

_AREAS = {}


class Area:
    key = ""
    order = 100
    # Overview keys (stable, stored with the edited labels) -> default Chinese labels, in sheet order.
    labels: dict = {}

    def available(self) -> bool:
        """False while the app it reads is not installed (its rows and sheets are then left out)."""
        return True

    def overview(self, ctx: Context) -> list:
        """OverviewRow per key of `labels` (the 总览 sheet, the comparison sheet, the dashboards)."""
        return []

    def tables(self, ctx: Context) -> list:
        """The area's sheets (reports.figures.Table), in order."""
        return []

    def sentences(self, ctx: Context) -> list:
        """Chinese sentences for the written summary, from the same figures."""
        return []

    def dashboards(self, ctx: Context) -> list:
        """Tables shown as charts in the admin dashboards (each with its table and an export)."""
        return []


def register(cls):
    _AREAS[cls.key] = cls()
    return cls


def areas() -> list:
    _discover()
    return sorted((a for a in _AREAS.values() if a.available()), key=lambda area: (area.order, area.key))


def default_labels() -> dict:
    """Every overview key with its default label, in the order the 总览 sheet lists them."""
    labels = {}
    for area in areas():
        labels.update(area.labels)
    return labels


_discovered = False


def _discover():
    global _discovered
    if _discovered:
        return
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
    _discovered = True
