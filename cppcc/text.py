"""Hostile text: invisible characters that reorder or hide what a title or a name shows.

A title holding U+202E (RIGHT-TO-LEFT OVERRIDE) shows reversed in every list it appears in, and
zero-width characters make two names that look the same differ (so a duplicate check or a search
misses). `clean_text` removes them; `CleanCharField` applies it to a model's titles and names on every
path a value takes to the database: model forms (the portal's and the admin's, through `formfield`),
services and imports (through `pre_save`, which `save()` and `bulk_create()` both call).
"""

import re
import unicodedata

from django import forms
from django.db import models

# Bidirectional embeddings, overrides and isolates, the implicit direction marks, and zero-width
# characters; all are format characters (Unicode category Cf), listed here so the rule is explicit.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_LISTED = re.compile(f"[{BIDI_CONTROLS}{ZERO_WIDTH}]")
KEPT_IN_MULTILINE = {"\n", "\t"}


def clean_text(value, *, multiline=False):
    """`value` without bidi controls, zero-width characters and other control/format characters
    (categories Cc and Cf); multi-line text keeps its newlines and tabs (a CR LF becomes LF).
    Anything that is not a str (None, a number) is returned as it is."""
    if not isinstance(value, str):
        return value
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _LISTED.sub("", value)
    kept = KEPT_IN_MULTILINE if multiline else set()
    return "".join(
        ch for ch in value if ch in kept or unicodedata.category(ch) not in ("Cc", "Cf")
    )


class CleanTextFormField(forms.CharField):
    """A form's text field for titles and names: cleaned before it is validated or shown again."""

    def to_python(self, value):
        return super().to_python(clean_text(value))


class CleanMultilineFormField(forms.CharField):
    """A form's text area for bodies: cleaned, keeping newlines and tabs."""

    def to_python(self, value):
        return super().to_python(clean_text(value, multiline=True))


class CleanCharField(models.CharField):
    """A CharField for titles and names: stored without hidden control characters (see module doc).

    It deconstructs as a plain CharField, so using it needs no migration and the schema is unchanged."""

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs

    def pre_save(self, model_instance, add):
        value = clean_text(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        kwargs.setdefault("form_class", CleanTextFormField)
        return super().formfield(**kwargs)


class CleanTextField(models.TextField):
    """A TextField for bodies people write (a proposal's situation, a reply): the same cleaning, keeping
    newlines and tabs. Deconstructs as a plain TextField (no migration); cppcc.apps gives it the
    admin's auto-height text area, as Wagtail does for TextField."""

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.TextField", args, kwargs

    def pre_save(self, model_instance, add):
        value = clean_text(getattr(model_instance, self.attname), multiline=True)
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        kwargs.setdefault("form_class", CleanMultilineFormField)
        return super().formfield(**kwargs)
