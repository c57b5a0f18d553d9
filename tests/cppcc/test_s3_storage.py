"""Private files on S3-compatible object storage (PRIVATE_STORAGE_BACKEND=s3, django-storages), against
a local S3 stand-in (moto's server on 127.0.0.1): upload, permission-checked download, and backup."""

import io
import socket
import uuid
from pathlib import Path

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from moto.server import ThreadedMotoServer

from cppcc import backup
from cppcc.files import private_storage
from cppcc.models import PrivateFile
from cppcc.services import file_store
from tests import factories

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
KEYS = {"aws_access_key_id": "test-key", "aws_secret_access_key": "test-secret", "region_name": "us-east-1"}


@pytest.fixture(scope="session")
def s3_endpoint():
    """One S3 server per test process (session scope, not module: this module also holds a transactional
    test, which must run after the others, so it may not be sent whole to one worker; tests/conftest.py)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def bucket(settings, s3_endpoint):
    """A fresh bucket, and the private storage switched to it for this test."""
    name = f"cppcc-private-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, **KEYS)
    client.create_bucket(Bucket=name)
    settings.PRIVATE_STORAGE_BACKEND = "s3"
    settings.PRIVATE_S3 = {
        "bucket_name": name, "endpoint_url": s3_endpoint, "access_key": KEYS["aws_access_key_id"],
        "secret_key": KEYS["aws_secret_access_key"], "region_name": "us-east-1", "location": "private",
        "addressing_style": "path",
    }
    return client, name


def objects(bucket):
    client, name = bucket
    return {o["Key"]: client.get_object(Bucket=name, Key=o["Key"])["Body"].read()
            for o in client.list_objects_v2(Bucket=name).get("Contents", [])}


def test_an_upload_lands_in_the_bucket_and_is_served_only_through_the_checked_view(db, bucket, client, settings):
    owner = factories.user()
    upload = SimpleUploadedFile("关于茶叶产业发展的答复函.pdf", PDF)
    pf = file_store(uploaded=upload, name=upload.name, user=owner)

    assert objects(bucket) == {f"private/{pf.file.name}": PDF}  # in the bucket, under the prefix
    assert not Path(str(settings.PRIVATE_STORAGE_ROOT), pf.file.name).exists()  # and not on this server's disk
    _client, name = bucket
    grants = _client.get_object_acl(Bucket=name, Key=f"private/{pf.file.name}")["Grants"]
    assert all("AllUsers" not in str(g.get("Grantee")) for g in grants)  # never public-read

    client.force_login(owner)
    response = client.get(f"/files/{pf.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "filename*=utf-8''%E5%85%B3%E4%BA%8E" in response["Content-Disposition"]
    client.force_login(factories.user())
    assert client.get(f"/files/{pf.pk}/").status_code == 404


def test_a_second_file_with_the_same_stored_name_does_not_overwrite(db, bucket):
    first = private_storage.save("2026/01/a.pdf", io.BytesIO(PDF))
    second = private_storage.save("2026/01/a.pdf", io.BytesIO(PDF + b"2"))
    assert first != second and len(objects(bucket)) == 2


@pytest.mark.django_db(transaction=True)
def test_backup_holds_the_bucket_files_and_restore_puts_them_back(bucket, tmp_path):
    owner = factories.user()
    pfs = [file_store(content=PDF + bytes([i]), name=f"扫描件{i}.pdf", user=owner) for i in range(3)]
    before = backup.storage_checksums()
    assert len(before) == 3 and set(before) == {pf.file.name for pf in pfs}
    archive = tmp_path / "s3.tar.gz"
    manifest = backup.create_backup(archive)
    assert {n: e["sha256"] for n, e in manifest["files"].items()} == before

    for name in before:  # the bucket emptied, the rows gone
        private_storage.delete(name)
    PrivateFile.objects.all().delete()
    assert objects(bucket) == {}

    call_command("restore", str(archive), "--yes", stdout=io.StringIO())

    assert backup.storage_checksums() == before
    assert PrivateFile.objects.count() == 3
    assert len(objects(bucket)) == 3
