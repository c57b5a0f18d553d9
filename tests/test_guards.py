"""Guards that keep the shape of the code: import directions and migrations.

(A role permission label that names no real permission fails
tests/members/test_roles.py::test_groups_exist_with_their_permissions_and_sync_is_idempotent.)

docs/architecture.md draws the arrows: proposals -> members, consultations -> members, consultations ->
proposals, reports -> all three; cppcc (the project and its shared parts) imports no app; nothing imports
reports. Each guard fails with the offending file and line, so breaking one on purpose says where.
"""

import ast
import io
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
APPS = ("cppcc", "members", "proposals", "consultations", "reports")
# app -> the apps it must never import (directly or inside a function)
FORBIDDEN = {
    "cppcc": {"members", "proposals", "consultations", "reports"},
    "members": {"proposals", "consultations", "reports"},
    "proposals": {"consultations", "reports"},
    "consultations": {"reports"},
    "reports": set(),
}


def imported_apps(path: Path):
    """(line, top-level package) for every import statement in a file, wherever it sits."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module.split(".")[0]


def violations(app: str, root: Path = ROOT):
    found = []
    for path in sorted((root / app).rglob("*.py")):
        for line, package in imported_apps(path):
            if package in FORBIDDEN[app]:
                found.append(f"{path.relative_to(root)}:{line} imports {package}")
    return found


@pytest.mark.parametrize("app", APPS)
def test_imports_follow_the_arrows(app):
    assert violations(app) == []


def test_the_import_guard_sees_an_import_inside_a_function(tmp_path):
    (tmp_path / "members").mkdir()
    (tmp_path / "members" / "x.py").write_text("def f():\n    from proposals.models import Proposal\n")
    assert violations("members", root=tmp_path) == ["members/x.py:2 imports proposals"]


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:  # --check exits 1 when a migration is missing
        pytest.fail(f"makemigrations --check found changes without a migration (exit {exc.code}):\n{out.getvalue()}")
