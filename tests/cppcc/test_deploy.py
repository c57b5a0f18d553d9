"""`manage.py check --deploy` passes with the production settings and the variables the README lists."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def check_deploy(tmp_path, **overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_", "DATABASE_", "CACHE_"))}
    env.update({
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "zx.cppcc.example.org,10.0.0.5",
        "DJANGO_CSRF_TRUSTED_ORIGINS": "https://zx.cppcc.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
        "CACHE_URL": "locmemcache://",
        "PRIVATE_STORAGE_ROOT": str(tmp_path / "private"),
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
    })
    env.update(overrides)
    env = {k: v for k, v in env.items() if v is not None}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING",
         "--settings=cppcc.settings.production"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )


def test_check_deploy_passes_with_the_documented_variables(tmp_path):
    result = check_deploy(tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output and "ERRORS" not in output, output
    assert "System check identified no issues" in output, output


def test_production_refuses_to_start_without_a_secret_key_or_a_broker(tmp_path):
    no_key = check_deploy(tmp_path, DJANGO_SECRET_KEY=None)
    assert no_key.returncode != 0 and "DJANGO_SECRET_KEY" in no_key.stderr
    no_broker = check_deploy(tmp_path, CELERY_BROKER_URL=None)
    assert no_broker.returncode != 0 and "CELERY_BROKER_URL" in no_broker.stderr
    eager = check_deploy(tmp_path, CELERY_BROKER_URL=None, CELERY_TASK_ALWAYS_EAGER="true")
    assert eager.returncode == 0, eager.stdout + eager.stderr


def test_the_readme_lists_every_environment_variable_the_settings_read():
    import re

    names = set()
    for path in (ROOT / "cppcc" / "settings").glob("*.py"):
        names |= set(re.findall(r"\benv(?:\.\w+)?\(\s*[\"']([A-Z][A-Z0-9_]+)[\"']", path.read_text()))
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL"} <= names
    readme = (ROOT / "README.md").read_text()
    assert not sorted(n for n in names if f"`{n}`" not in readme), "add them to README.md's variable table"
