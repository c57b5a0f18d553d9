"""`manage.py backup` / `restore` on PostgreSQL: pg_dump --format=custom of the test database (by its
real name), the schema dropped, pg_restore --clean --if-exists; rows, sequences and files come back.
(The demo round trip runs on SQLite in tests/cppcc/test_backup.py; this one keeps CI time short.)"""

import io
import json
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from cppcc import backup
from cppcc.files import private_storage
from cppcc.models import PrivateFile
from cppcc.services import file_store
from members.models import Member
from tests import factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def figures():
    return {
        "rows": backup._pg_counts(),
        "files": backup.storage_checksums(),
        "members": sorted(Member.objects.values_list("pk", "name")),
    }


def test_round_trip_through_a_dropped_schema(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    com = factories.committee()
    owner = factories.user()
    for i in range(5):
        factories.member(com, name=f"委员{i}")
        file_store(content=PDF + bytes([i]), name=f"答复函{i}.pdf", user=owner)
    before = figures()
    archive = tmp_path / "pg.tar.gz"

    call_command("backup", str(archive), stdout=io.StringIO())

    manifest = json.load(tarfile.open(archive).extractfile("manifest.json"))
    assert manifest["vendor"] == "postgresql" and manifest["database"]["file"] == "database.dump"
    assert tarfile.open(archive).extractfile("database.dump").read(5) == b"PGDMP"  # pg_dump's custom format
    assert manifest["row_counts"] == before["rows"]

    with connection.cursor() as cursor:  # wipe: no tables at all, no files
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    for name in backup.storage_names(private_storage):
        private_storage.delete(name)
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(archive), stdout=io.StringIO())

    call_command("restore", str(archive), "--yes", stdout=io.StringIO())

    assert figures() == before
    # Sequences came back too: the next row continues the numbering instead of clashing.
    later = factories.member(com, name="新委员")
    assert later.pk > max(pk for pk, _ in before["members"])
    assert PrivateFile.objects.count() == 5


def test_a_sqlite_archive_is_refused_on_postgresql(tmp_path):
    archive = tmp_path / "foreign.tar.gz"
    manifest = json.dumps({"format": backup.FORMAT, "vendor": "sqlite", "files": {}, "row_counts": {},
                           "database": {"file": "database.sqlite3", "sha256": ""}}).encode()
    with tarfile.open(archive, "w:gz") as tar:
        info = tarfile.TarInfo("manifest.json")
        info.size = len(manifest)
        tar.addfile(info, io.BytesIO(manifest))
    with pytest.raises(CommandError, match="sqlite"):
        call_command("restore", str(archive), "--yes", stdout=io.StringIO())
