"""Backup and restore: one archive with the database and every private file, each checked by sha256.

The archive is a tar.gz:
  database.dump | database.sqlite3   pg_dump --format=custom, or SQLite's online backup (a consistent copy)
  files/<name>                       every private file, read through the storage API (folder or S3 alike)
  manifest.json                      format, time, database vendor, the dump's sha256, rows per table,
                                     and each private file's size and sha256

Restore checks the whole archive against its manifest before it touches anything, replaces the
database (pg_restore --clean --if-exists, or the SQLite backup API in the other direction) and the
private files, then reads everything back and compares rows per table and checksums again.
Native dumps rather than dumpdata: dumpdata is slow at this size and loses sequences and raw tables.
"""

import datetime
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.core.files import File
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = "cppcc-backup/1"
MANIFEST = "manifest.json"
FILES_PREFIX = "files/"
DUMP_NAMES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """The archive or the database cannot be used as asked; nothing was changed unless it says so."""


@dataclass
class RestorePlan:
    """A verified archive, unpacked into a temporary folder, ready to be restored."""

    manifest: dict
    folder: Path
    database_file: Path
    files: list = field(default_factory=list)  # (storage name, local path)


def _private_storage():
    from cppcc.files import private_storage

    return private_storage


def _say(out, text):
    if out is not None:
        out.write(text)


# --- checksums and the storage walk -------------------------------------------------------------

def sha256_of(fileobj) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: fileobj.read(CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


def storage_names(storage, folder=""):
    """Every file name in the storage, sorted; listdir works for a folder and for S3 prefixes."""
    dirs, files = storage.listdir(folder)
    names = [f"{folder}/{f}" if folder else f for f in files]
    for d in dirs:
        names += storage_names(storage, f"{folder}/{d}" if folder else d)
    return sorted(names)


def storage_checksums(storage=None) -> dict:
    """{name: sha256} of every private file, read through the storage API."""
    storage = storage or _private_storage()
    result = {}
    for name in storage_names(storage):
        with storage.open(name, "rb") as fh:
            result[name] = sha256_of(fh)
    return result


class _HashingReader:
    """Hands bytes to tarfile while hashing them, so a file is read once."""

    def __init__(self, fh):
        self.fh, self.digest, self.size = fh, hashlib.sha256(), 0

    def read(self, n=-1):
        data = self.fh.read(n)
        self.digest.update(data)
        self.size += len(data)
        return data


# --- database: PostgreSQL -----------------------------------------------------------------------

def _pg_params():
    s = connection.settings_dict
    return {
        "dbname": s["NAME"],
        "user": s.get("USER") or None,
        "password": s.get("PASSWORD") or None,
        "host": s.get("HOST") or None,
        "port": str(s["PORT"]) if s.get("PORT") else None,
    }


def _pg_env():
    p = _pg_params()
    env = {**os.environ}
    for key, var in (("user", "PGUSER"), ("password", "PGPASSWORD"), ("host", "PGHOST"), ("port", "PGPORT")):
        if p[key]:
            env[var] = p[key]
    return env


def _pg_client_check(tool):
    """pg_dump refuses a newer server; say which client to install instead of its bare error."""
    if shutil.which(tool) is None:
        raise BackupError(_("%(tool)s is not installed (Debian: apt-get install postgresql-client).") % {"tool": tool})
    out = subprocess.run([tool, "--version"], capture_output=True, text=True, check=True).stdout
    client = int(re.search(r"\)\s*(\d+)", out).group(1))  # "pg_dump (PostgreSQL) 15.20 (Debian ...)"
    connection.ensure_connection()
    server = connection.pg_version // 10000
    if client < server:
        raise BackupError(
            _("%(tool)s %(client)s is older than the PostgreSQL %(server)s server; install postgresql-client-%(server)s.")
            % {"tool": tool, "client": client, "server": server}
        )


PG_TABLES = """
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg_toast%%' AND pg_table_is_visible(c.oid)
    ORDER BY c.relname
"""


def _counts(cursor, tables, quote) -> dict:
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT count(*) FROM {quote(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def _pg_quote(name):
    return '"' + name.replace('"', '""') + '"'


def _pg_dump(target: Path) -> dict:
    """Dump with pg_dump, counting rows in the very snapshot pg_dump reads (an exported snapshot)."""
    import psycopg

    _pg_client_check("pg_dump")
    with psycopg.connect(**{k: v for k, v in _pg_params().items() if v}, autocommit=True) as conn:
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
        cur = conn.cursor()
        cur.execute(PG_TABLES)
        counts = _counts(cur, [r[0] for r in cur.fetchall()], _pg_quote)
        run = subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
             f"--file={target}", _pg_params()["dbname"]],
            env=_pg_env(), capture_output=True, text=True,
        )
        conn.execute("ROLLBACK")
    if run.returncode != 0:
        raise BackupError(_("pg_dump failed: %(error)s") % {"error": run.stderr.strip()})
    return counts


def _pg_restore(source: Path):
    _pg_client_check("pg_restore")
    connection.close()  # our own session would hold locks pg_restore needs
    run = subprocess.run(
        ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
         "--exit-on-error", f"--dbname={_pg_params()['dbname']}", str(source)],
        env=_pg_env(), capture_output=True, text=True,
    )
    if run.returncode != 0:
        raise BackupError(_("pg_restore failed (the database is unchanged): %(error)s") % {"error": run.stderr.strip()})


def _pg_counts(tables=None) -> dict:
    with connection.cursor() as cursor:
        if tables is None:
            cursor.execute(PG_TABLES)
            tables = [r[0] for r in cursor.fetchall()]
        return _counts(cursor, tables, _pg_quote)


# --- database: SQLite ---------------------------------------------------------------------------

SQLITE_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"


def _sqlite_quote(name):
    return '"' + name.replace('"', '""') + '"'


def _sqlite_counts(conn, tables=None) -> dict:
    cursor = conn.cursor()
    if tables is None:
        tables = [r[0] for r in cursor.execute(SQLITE_TABLES).fetchall()]
    return _counts(cursor, tables, _sqlite_quote)


def _sqlite_dump(target: Path) -> dict:
    """SQLite's online backup API: a consistent copy even while others write."""
    connection.ensure_connection()
    if not connection.get_autocommit():
        # SQLite's backup waits for ever on a source with an open write transaction.
        raise BackupError(_("Backup cannot run inside a transaction."))
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        return _sqlite_counts(copy)
    finally:
        copy.close()


def _sqlite_restore(source: Path):
    connection.ensure_connection()
    if not connection.get_autocommit():
        raise BackupError(_("Restore cannot run inside a transaction."))
    archived = sqlite3.connect(source)
    try:
        archived.backup(connection.connection)  # replaces every page of the live database at once
    finally:
        archived.close()


def _live_counts(tables) -> dict:
    if connection.vendor == "postgresql":
        return _pg_counts(tables)
    connection.ensure_connection()
    return _sqlite_counts(connection.connection, tables)


def _check_vendor():
    if connection.vendor not in DUMP_NAMES:
        raise BackupError(_("Backups support PostgreSQL and SQLite, not %(vendor)s.") % {"vendor": connection.vendor})


# --- backup -------------------------------------------------------------------------------------

def create_backup(path, *, out=None) -> dict:
    """Write one archive with the database and every private file; returns its manifest."""
    _check_vendor()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    storage = _private_storage()
    partial = path.with_name(path.name + ".partial")
    with tempfile.TemporaryDirectory(prefix="cppcc-backup-") as tmp:
        dump_name = DUMP_NAMES[connection.vendor]
        dump = Path(tmp) / dump_name
        counts = _pg_dump(dump) if connection.vendor == "postgresql" else _sqlite_dump(dump)
        with dump.open("rb") as fh:
            dump_sha = sha256_of(fh)
        _say(out, _("database: %(tables)d tables, %(rows)d rows, %(mb).1f MB")
             % {"tables": len(counts), "rows": sum(counts.values()), "mb": dump.stat().st_size / 1e6})
        files = {}
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(dump, arcname=dump_name)
            names = storage_names(storage)
            for n, name in enumerate(names, 1):
                info = tarfile.TarInfo(FILES_PREFIX + name)
                info.size = storage.size(name)
                info.mtime = int(timezone.now().timestamp())
                with storage.open(name, "rb") as fh:
                    reader = _HashingReader(fh)
                    archive.addfile(info, reader)
                if reader.size != info.size:
                    raise BackupError(_("The private file %(name)s changed while it was being copied.") % {"name": name})
                files[name] = {"size": info.size, "sha256": reader.digest.hexdigest()}
                if n % 100 == 0 or n == len(names):
                    _say(out, _("private files: %(n)d/%(total)d") % {"n": n, "total": len(names)})
            manifest = {
                "format": FORMAT,
                "created_at": timezone.now().isoformat(),
                "vendor": connection.vendor,
                "database": {"file": dump_name, "sha256": dump_sha, "size": dump.stat().st_size},
                "row_counts": counts,
                "files": files,
            }
            data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
    os.replace(partial, path)  # a half-written archive never carries the final name
    return manifest


def default_backup_path(base: Path) -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return base / f"cppcc-{connection.vendor}-{stamp}.tar.gz"


# --- restore ------------------------------------------------------------------------------------

def _safe_name(name: str) -> bool:
    p = PurePosixPath(name)
    return bool(name) and not p.is_absolute() and ".." not in p.parts and "\\" not in name


def verify_archive(path, folder: Path) -> RestorePlan:
    """Unpack the archive into `folder` and check every checksum against the manifest; raise if any differs."""
    _check_vendor()
    try:
        archive = tarfile.open(path, "r:gz")
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(_("Not a backup archive: %(error)s") % {"error": exc}) from exc
    with archive:
        try:
            manifest = json.load(archive.extractfile(MANIFEST))
        except (KeyError, ValueError, TypeError) as exc:
            raise BackupError(_("The archive has no readable manifest.")) from exc
        if manifest.get("format") != FORMAT:
            raise BackupError(_("Unknown backup format %(format)r.") % {"format": manifest.get("format")})
        if manifest.get("vendor") != connection.vendor:
            raise BackupError(
                _("This backup is of a %(archived)s database; this site runs on %(vendor)s.")
                % {"archived": manifest.get("vendor"), "vendor": connection.vendor}
            )
        expected = manifest["files"]
        bad = [name for name in expected if not _safe_name(name)]
        if bad:
            raise BackupError(_("The manifest names unsafe paths: %(names)s") % {"names": ", ".join(bad[:3])})
        plan = RestorePlan(manifest=manifest, folder=folder, database_file=folder / "database")
        seen = set()
        for n, member in enumerate(archive):
            if member.name == MANIFEST:
                continue
            if member.name == manifest["database"]["file"]:
                target, want = plan.database_file, manifest["database"]["sha256"]
            elif member.name.startswith(FILES_PREFIX) and member.name[len(FILES_PREFIX):] in expected:
                name = member.name[len(FILES_PREFIX):]
                target, want = folder / f"file-{n}", expected[name]["sha256"]
                plan.files.append((name, target))
            else:
                raise BackupError(_("The archive holds %(name)s, which its manifest does not list.") % {"name": member.name})
            if member.name in seen or not member.isfile():
                raise BackupError(_("The archive entry %(name)s is not a single plain file.") % {"name": member.name})
            seen.add(member.name)
            digest = hashlib.sha256()
            with archive.extractfile(member) as src, target.open("wb") as dst:
                for chunk in iter(lambda: src.read(CHUNK), b""):
                    digest.update(chunk)
                    dst.write(chunk)
            if digest.hexdigest() != want:
                raise BackupError(_("Checksum mismatch for %(name)s: the archive is damaged or altered.") % {"name": member.name})
        missing = [manifest["database"]["file"]] if not plan.database_file.exists() else []
        missing += [name for name in expected if FILES_PREFIX + name not in seen]
        if missing:
            raise BackupError(_("The archive lacks %(names)s, which its manifest lists.") % {"names": ", ".join(missing[:3])})
    return plan


def restore_plan(plan: RestorePlan, *, out=None) -> dict:
    """Replace the database and the private files with the verified archive, then check both again."""
    manifest = plan.manifest
    if connection.vendor == "postgresql":
        _pg_restore(plan.database_file)
    else:
        _sqlite_restore(plan.database_file)
    _say(out, _("database restored"))
    storage = _private_storage()
    for n, (name, local) in enumerate(plan.files, 1):
        if storage.exists(name):
            storage.delete(name)
        with local.open("rb") as fh:
            saved = storage.save(name, File(fh, name=PurePosixPath(name).name))
        if saved != name:
            raise BackupError(_("The storage saved %(name)s as %(saved)s.") % {"name": name, "saved": saved})
        if n % 100 == 0 or n == len(plan.files):
            _say(out, _("private files: %(n)d/%(total)d") % {"n": n, "total": len(plan.files)})
    return check_restored(manifest)


def check_restored(manifest) -> dict:
    """Rows per table and every file's checksum, read back from the live database and storage."""
    counts = _live_counts(list(manifest["row_counts"]))
    wrong = {t: (manifest["row_counts"][t], counts[t]) for t in counts if counts[t] != manifest["row_counts"][t]}
    if wrong:
        raise BackupError(_("Rows differ after the restore: %(tables)s") % {"tables": wrong})
    storage = _private_storage()
    for name, entry in manifest["files"].items():
        with storage.open(name, "rb") as fh:
            if sha256_of(fh) != entry["sha256"]:
                raise BackupError(_("The restored file %(name)s differs from the archive.") % {"name": name})
    # Files stored since the backup are left in place (nothing is deleted); the command names them.
    extra = [name for name in storage_names(storage) if name not in manifest["files"]]
    return {"tables": len(counts), "rows": sum(counts.values()), "files": len(manifest["files"]), "extra_files": extra}


def restore_backup(path, *, out=None) -> dict:
    """Verify, then restore, `path`; the temporary copies are removed whatever happens."""
    with tempfile.TemporaryDirectory(prefix="cppcc-restore-") as tmp:
        plan = verify_archive(path, Path(tmp))
        return restore_plan(plan, out=out)


def describe(manifest) -> str:
    created = datetime.datetime.fromisoformat(manifest["created_at"])
    return _("%(vendor)s backup of %(when)s: %(tables)d tables, %(rows)d rows, %(files)d private files") % {
        "vendor": manifest["vendor"],
        "when": timezone.localtime(created).strftime("%Y-%m-%d %H:%M:%S"),
        "tables": len(manifest["row_counts"]),
        "rows": sum(manifest["row_counts"].values()),
        "files": len(manifest["files"]),
    }
