"""The system's own short guide for each admin role (docs/guide/*.md), shown in the admin's help menu.

The guides are plain Markdown files in the repository, so they are read and reviewed like the README;
this module renders the few constructs they use (headings, paragraphs, lists, **bold**, `code`, links)
with everything else escaped. Which guides are "yours" follows the role groups the person is in
(members/roles.py names them `role:<role>`).
"""

import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

GUIDE_DIR = Path(settings.BASE_DIR) / "docs" / "guide"


@dataclass(frozen=True)
class Guide:
    slug: str
    title: str
    roles: tuple[str, ...]  # the role values whose people read it first

    @property
    def path(self) -> Path:
        return GUIDE_DIR / f"{self.slug}.md"


GUIDES = [
    Guide("secretariat", _("Secretariat (committee office)"), ("secretariat",)),
    Guide("reviewer", _("Proposal committee and special committees"), ("reviewer", "special_staff")),
    Guide("chair", _("Chairs"), ("chair",)),
    Guide("admin", _("System administrator"), ("admin",)),
    Guide("security", _("Security administrator"), ("security_admin",)),
    Guide("auditor", _("Auditor"), ("auditor",)),
]
BY_SLUG = {g.slug: g for g in GUIDES}


def guides_for(user) -> list[Guide]:
    """The guides of the roles the user holds (one query: the user's role groups)."""
    held = {name.removeprefix("role:") for name in user.groups.filter(name__startswith="role:").values_list("name", flat=True)}
    return [g for g in GUIDES if held & set(g.roles)]


_INLINE = [
    (re.compile(r"`([^`]+)`"), r"<code>\1</code>"),
    (re.compile(r"\*\*([^*]+)\*\*"), r"<strong>\1</strong>"),
    # Links to the system's own pages only (a path starting with /) or to another guide (slug.md).
    (re.compile(r"\[([^\]]+)\]\((/[^)\s]*)\)"), r'<a href="\2">\1</a>'),
    (re.compile(r"\[([^\]]+)\]\(([a-z_]+)\.md\)"), r'<a href="../\2/">\1</a>'),
]


def _inline(text: str) -> str:
    text = escape(text)
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text


def render_markdown(source: str) -> str:
    """The Markdown subset the guides use, as HTML; anything else stays text (escaped)."""
    out, paragraph, list_tag = [], [], None

    def close_paragraph():
        if paragraph:
            out.append(f"<p>{_inline(' '.join(paragraph))}</p>")
            paragraph.clear()

    def close_list():
        nonlocal list_tag
        if list_tag:
            out.append(f"</{list_tag}>")
            list_tag = None

    for raw in source.splitlines():
        line = raw.strip()
        heading = re.match(r"(#{1,4})\s+(.*)", line)
        item = re.match(r"(?:[-*]|(\d+)\.)\s+(.*)", line)
        if not line:
            close_paragraph()
            close_list()
        elif heading:
            close_paragraph()
            close_list()
            level = max(len(heading.group(1)), 2)  # the page's own title (the file's first line) is the h1
            out.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
        elif item:
            close_paragraph()
            tag = "ol" if item.group(1) else "ul"
            if list_tag != tag:
                close_list()
                out.append(f"<{tag}>")
                list_tag = tag
            out.append(f"<li>{_inline(item.group(2))}</li>")
        elif list_tag and raw.startswith(("  ", "\t")):
            out[-1] = out[-1][: -len("</li>")] + " " + _inline(line) + "</li>"  # a list item's next line
        else:
            close_list()
            paragraph.append(line)
    close_paragraph()
    close_list()
    return mark_safe("\n".join(out))


def _title_and_body(guide: Guide) -> tuple[str, str]:
    text = guide.path.read_text(encoding="utf-8")
    first, _sep, rest = text.partition("\n")
    if first.startswith("# "):
        return first[2:].strip(), rest
    return str(guide.title), text


def guide_index(request):
    """The person's own guides first, then the other roles' (every admin user may read them all)."""
    mine = guides_for(request.user)
    return render(request, "cppcc/admin/guide_index.html", {
        "mine": mine, "others": [g for g in GUIDES if g not in mine],
    })


def guide_page(request, slug):
    guide = BY_SLUG.get(slug)
    if guide is None or not guide.path.exists():
        raise Http404
    title, body = _title_and_body(guide)
    return render(request, "cppcc/admin/guide_page.html", {
        "guide": guide, "title": title, "body": render_markdown(body), "others": [g for g in GUIDES if g != guide],
    })
