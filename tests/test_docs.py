"""The repository explains itself: every link in its Markdown documents resolves inside the repository.

A relative link must name an existing file; a link to a heading (file.md#anchor) must name a heading of
that file, with GitHub's anchor rule (lower case, punctuation dropped, spaces to hyphens).
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", ROOT / "SECURITY.md", *sorted((ROOT / "docs").rglob("*.md"))]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$", re.M)
FENCE = re.compile(r"^```.*?^```", re.M | re.S)


def anchor(heading: str) -> str:
    text = re.sub(r"`|\*|_(?=\W)|\[|\]\([^)]*\)", "", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)  # \w keeps CJK characters, as GitHub does
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    return {anchor(h) for h in HEADING.findall(FENCE.sub("", path.read_text(encoding="utf-8")))}


def broken_links(path: Path) -> list[str]:
    broken = []
    for target in LINK.findall(FENCE.sub("", path.read_text(encoding="utf-8"))):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # http:, mailto: ... (not checked offline)
            continue
        file_part, _, fragment = target.partition("#")
        dest = (path.parent / file_part).resolve() if file_part else path
        if not dest.exists():
            broken.append(f"{target}: no such file")
        elif fragment and dest.suffix == ".md" and fragment.lower() not in anchors(dest):
            broken.append(f"{target}: no such heading")
        elif ROOT not in dest.parents and dest != ROOT:
            broken.append(f"{target}: outside the repository")
    return broken


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_link_resolves_inside_the_repository(path):
    assert broken_links(path) == []


def test_docstrings_cite_the_repository_not_a_private_briefing():
    """The team's briefing files (DOMAIN.md, DESIGN.md, STACK.md) are not in the repository."""
    cited = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in ROOT.rglob("*")
        if p.suffix in {".py", ".md", ".html", ".sh", ".txt"} and ".venv" not in p.parts and p.is_file()
        and p != Path(__file__).resolve()
        for n, line in enumerate(p.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
        if re.search(r"\b(DOMAIN|DESIGN|STACK)\.md\b", line)
    ]
    assert cited == []
