"""Point Django at a benchmark database (never db.sqlite3, never a test database) and set it up.

Both commands take `--database PATH` (a SQLite file) or `--database-url URL` (PostgreSQL, a database
whose name contains "bench", e.g. postgres://cppcc:cppcc-test-pw@127.0.0.1:5432/cppcc_bench). Private
files (reply letters, scans) go to var/bench/private/<database name>/, never to var/private.
"""

import os
import sys
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_VAR = BASE_DIR / "var" / "bench"
DEV_DATABASE = BASE_DIR / "db.sqlite3"


class BenchError(Exception):
    """Refused or impossible (printed without a traceback)."""


@dataclass(frozen=True)
class Target:
    url: str
    engine: str  # "sqlite" or "postgresql"
    name: str  # file stem or database name: names the private-files folder and the results file
    path: Path | None = None  # SQLite only

    @property
    def label(self) -> str:
        return str(self.path.relative_to(BASE_DIR)) if self.path and self.path.is_relative_to(BASE_DIR) else (
            str(self.path) if self.path else _hide_password(self.url))


def _hide_password(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urllib.parse.urlunsplit(parts._replace(netloc=netloc))
    return url


def add_arguments(parser, *, default_help: str) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--database", metavar="PATH", help=f"a SQLite file ({default_help})")
    group.add_argument("--database-url", metavar="URL",
                       help="a PostgreSQL URL of a database whose name contains 'bench', "
                            "e.g. postgres://cppcc:cppcc-test-pw@127.0.0.1:5432/cppcc_bench")


def target(database: str | None, database_url: str | None, default: Path) -> Target:
    """The database the options name, refused when it could be the development or a test database."""
    if database_url:
        parts = urllib.parse.urlsplit(database_url)
        if parts.scheme not in ("postgres", "postgresql", "pgsql"):
            raise BenchError("--database-url takes a PostgreSQL URL (use --database for a SQLite file).")
        name = parts.path.lstrip("/")
        if "bench" not in name or name.startswith("test_"):
            raise BenchError(f"Refusing database {name!r}: use a database of its own whose name contains "
                             "'bench' (e.g. cppcc_bench), never the project's or the tests' database.")
        return Target(url=database_url, engine="postgresql", name=name)
    path = Path(database).expanduser() if database else default
    if not path.is_absolute():
        path = (Path.cwd() / path).resolve()
    if path == DEV_DATABASE.resolve() or path.name == "db.sqlite3" or "test" in path.name:
        raise BenchError(f"Refusing {path}: that is (or looks like) the development or a test database.")
    return Target(url=f"sqlite:///{path}", engine="sqlite", name=path.stem, path=path)


def setup(t: Target) -> None:
    """Environment first (the settings read it at import), then django.setup()."""
    os.environ["DATABASE_URL"] = t.url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["PRIVATE_STORAGE_ROOT"] = str(BENCH_VAR / "private" / t.name)
    os.environ["DJANGO_MEDIA_ROOT"] = str(BENCH_VAR / "media" / t.name)
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"
    os.environ.pop("CELERY_BROKER_URL", None)
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    import django

    django.setup()


def fail(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr)
    raise SystemExit(2)
