"""`manage.py backup` / `manage.py restore` on SQLite: the demo survives backup → wipe → restore with
equal statistics, rows and file checksums; a damaged or foreign archive is refused before anything
changes. (PostgreSQL: tests/integration/test_backup_postgresql.py; S3: tests/cppcc/test_s3_storage.py.)
"""

import datetime
import io
import json
import tarfile

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from cppcc import backup
from cppcc.files import private_storage
from cppcc.services import file_store

# The SQLite archive round trip; PostgreSQL's (pg_dump/pg_restore) is tests/integration/test_backup_postgresql.py.
pytestmark = pytest.mark.skipif(
    "sqlite" not in settings.DATABASES["default"]["ENGINE"], reason="the SQLite archive; PostgreSQL: tests/integration",
)

CUT = timezone.make_aware(datetime.datetime(2026, 1, 1))
PDF = b"%PDF-1.4\n% backup test\n"


@pytest.fixture
def private_root(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    return settings.PRIVATE_STORAGE_ROOT


def demo_figures():
    """What a person would check after a restore: the 2007 figures, the session's, counts, files."""
    from members.demo.data import COMMITTEE
    from members.models import Committee, Session
    from members.periods import Period
    from proposals import statistics
    from proposals.models import Proposal

    committee = Committee.objects.get(name=COMMITTEE["name"])
    session = Session.objects.get(committee=committee, term__number=9, number=5)
    return {
        "year_2007": statistics.overview(Period.of_year(committee, 2007), as_of=CUT),
        "session_9_5": statistics.overview(Period.of_session(session), as_of=CUT),
        "by_unit": statistics.by_unit(Period.of_year(committee, 2007), as_of=CUT),
        "proposals": Proposal.objects.count(),
        "files": backup.storage_checksums(),
    }


def wipe():
    """Everything gone: every table emptied and every private file deleted."""
    call_command("flush", interactive=False, verbosity=0)
    for name in backup.storage_names(private_storage):
        private_storage.delete(name)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_demo_round_trip_backup_wipe_restore(private_root, tmp_path):
    call_command("load_demo", stdout=io.StringIO())
    before = demo_figures()
    assert before["year_2007"].received == 101 and len(before["files"]) >= 101  # the demo's paper scans
    archive = tmp_path / "demo.tar.gz"
    out = io.StringIO()

    call_command("backup", str(archive), stdout=out)

    manifest = json.load(tarfile.open(archive).extractfile("manifest.json"))
    assert manifest["vendor"] == "sqlite" and manifest["row_counts"]["proposals_proposal"] == before["proposals"]
    assert {name: entry["sha256"] for name, entry in manifest["files"].items()} == before["files"]
    wipe()
    from proposals.models import Proposal

    assert Proposal.objects.count() == 0 and backup.storage_checksums() == {}

    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(archive), stdout=io.StringIO())
    assert Proposal.objects.count() == 0  # without --yes nothing changed

    out = io.StringIO()
    call_command("restore", str(archive), "--yes", stdout=out)

    assert demo_figures() == before
    assert "Restored and checked" in out.getvalue() or "恢复" in out.getvalue()


def _rewrite(archive, target, change):
    """Copy the archive, letting change(name, data) -> data alter members (None drops one)."""
    with tarfile.open(archive) as src, tarfile.open(target, "w:gz") as dst:
        for member in src:
            data = src.extractfile(member).read()
            data = change(member.name, data)
            if data is None:
                continue
            info = tarfile.TarInfo(member.name)
            info.size = len(data)
            dst.addfile(info, io.BytesIO(data))
    return target


@pytest.fixture
def small_archive(transactional_db, private_root, tmp_path, admin_user):
    file_store(content=PDF, name="关于茶叶的提案.pdf", user=admin_user)
    path = tmp_path / "small.tar.gz"
    backup.create_backup(path)
    return path


def test_the_manifest_lists_rows_and_every_file_with_its_checksum(small_archive):
    manifest = json.load(tarfile.open(small_archive).extractfile("manifest.json"))
    assert manifest["format"] == backup.FORMAT and manifest["vendor"] == "sqlite"
    assert manifest["row_counts"]["cppcc_privatefile"] == 1 and manifest["row_counts"]["auth_user"] == 1
    [(name, entry)] = manifest["files"].items()
    assert entry == {"size": len(PDF), "sha256": backup.sha256_of(io.BytesIO(PDF))}
    assert tarfile.open(small_archive).extractfile("files/" + name).read() == PDF


@pytest.mark.parametrize("damage", ["file", "database", "missing", "extra", "vendor"])
def test_a_damaged_or_foreign_archive_is_refused_before_anything_changes(small_archive, tmp_path, damage):
    def change(name, data):
        if damage == "file" and name.startswith("files/"):
            return data + b"x"
        if damage == "database" and name == "database.sqlite3":
            return data[:-1] + bytes([data[-1] ^ 1])
        if damage == "missing" and name.startswith("files/"):
            return None
        if name == "manifest.json":
            manifest = json.loads(data)
            if damage == "extra":
                manifest["files"] = {}
            if damage == "vendor":
                manifest["vendor"] = "postgresql"
            return json.dumps(manifest).encode()
        return data

    bad = _rewrite(small_archive, tmp_path / "bad.tar.gz", change)
    before = backup.storage_checksums()
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(bad), "--yes", stdout=io.StringIO())
    assert str(refused.value)
    assert backup.storage_checksums() == before
    from cppcc.models import PrivateFile

    assert PrivateFile.objects.count() == 1


def test_not_an_archive_is_refused(db, tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not a backup")
    with pytest.raises(CommandError):
        call_command("restore", str(junk), "--yes", stdout=io.StringIO())


def test_restore_without_yes_only_checks(small_archive):
    out = io.StringIO()
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(small_archive), stdout=out)
    assert out.getvalue().strip()  # it says what the archive holds
