"""Small tools the demo steps share: write a record only when it differs, and count what happened.

The demo must be idempotent: loading it twice leaves every table, every history table and every
page revision as it was. `update_or_create` saves (and so writes a history row) even when nothing
changed, hence `upsert`, which compares first.
"""

import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cppcc.history import save_audited

CHANGE_REASON = gettext_lazy("Demo data")  # shown in simple-history as the reason of every demo write


class DemoError(Exception):
    """The demo cannot be loaded into this database or for this day (reported without a traceback)."""


@dataclass
class Tally:
    """What a step created, changed or found as it was, per kind of record (for the progress lines)."""

    rows: dict = field(default_factory=dict)

    def count(self, label, outcome: str, n: int = 1):
        entry = self.rows.setdefault(str(label), {"created": 0, "updated": 0, "same": 0})
        entry[outcome] += n

    def write(self, stdout):
        if stdout is None:
            return
        width = max((display_width(label) for label in self.rows), default=0)
        for label, c in self.rows.items():
            total = c["created"] + c["updated"] + c["same"]
            pad = " " * (width - display_width(label))
            stdout.write(
                "  " + label + pad + "  "
                + _("%(total)5d  (%(created)d new, %(updated)d updated)")
                % {"total": total, "created": c["created"], "updated": c["updated"]}
            )


def upsert(model, lookup: dict, values: dict, tally: Tally | None = None, existing=None):
    """Create the row named by `lookup`, or bring its `values` up to date; save only on a difference.

    `existing` may pass the row already read (a step reads a table once instead of once per row).
    """
    obj = existing
    if obj is None:
        obj = model.objects.filter(**lookup).first()
    label = model._meta.verbose_name
    if obj is None:
        obj = model(**lookup, **values)
        save_audited(obj, actor=None, reason=CHANGE_REASON)
        if tally is not None:
            tally.count(label, "created")
        return obj
    changed = [name for name, value in values.items() if _value(obj, name) != _key(value)]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        save_audited(obj, actor=None, reason=CHANGE_REASON)
    if tally is not None:
        tally.count(label, "updated" if changed else "same")
    return obj


def _value(obj, name):
    """Compare foreign keys by id, so an unchanged relation costs no query."""
    field_ = obj._meta.get_field(name)
    if field_.is_relation and field_.many_to_one:
        return getattr(obj, field_.attname)
    return getattr(obj, name)


def _key(value):
    return value.pk if hasattr(value, "_meta") else value


def display_width(text: str) -> int:
    """Terminal columns: a Chinese character takes two, so tables line up."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))
