"""Private files: type checked by content, Chinese names kept, served only to those allowed."""

import io
import uuid
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from cppcc.files import register_file_access, sniff_type
from cppcc.services import file_store
from members.models import Body
from tests import factories

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _zip(names):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n in names:
            z.writestr(n, "<x/>")
    return buf.getvalue()


@pytest.mark.parametrize("content,name,expected", [
    (PDF, "答复函.pdf", "pdf"),
    (b"\xff\xd8\xff\xe0" + b"0" * 20, "扫描件.jpg", "jpg"),
    (b"\x89PNG\r\n\x1a\n" + b"0" * 20, "a.png", "png"),
    (bytes.fromhex("D0CF11E0A1B11AE1") + b"0" * 20, "提案.wps", "wps"),
    (bytes.fromhex("D0CF11E0A1B11AE1") + b"0" * 20, "提案.doc", "doc"),
    (_zip(["[Content_Types].xml", "word/document.xml"]), "提案.docx", "docx"),
    (_zip(["[Content_Types].xml", "xl/workbook.xml"]), "名册.xlsx", "xlsx"),
    (_zip(["OFD.xml", "Doc_0/Document.xml"]), "公文.ofd", "ofd"),
    (b"MZ\x90\x00 this is an exe", "答复函.pdf", None),
    (_zip(["evil.txt"]), "x.docx", None),
])
def test_type_comes_from_the_bytes_not_the_name(content, name, expected):
    assert sniff_type(content[:16], io.BytesIO(content), name) == expected


def test_renamed_executable_is_refused_with_a_clear_message(db):
    upload = SimpleUploadedFile("答复函.pdf", b"MZ\x90\x00" + b"0" * 100)
    with pytest.raises(ValidationError) as info:
        file_store(uploaded=upload, name=upload.name)
    assert "PDF" in str(info.value)


@pytest.fixture
def stored(committee):
    owner = factories.user()
    upload = SimpleUploadedFile("关于茶叶产业发展的答复函.pdf", PDF)
    return owner, file_store(uploaded=upload, name=upload.name, user=owner)


def test_uploader_downloads_with_the_chinese_name(client, stored):
    owner, pf = stored
    client.force_login(owner)
    response = client.get(f"/files/{pf.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "filename*=utf-8''%E5%85%B3%E4%BA%8E" in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"


def test_strangers_and_guessers_get_404_and_anonymous_must_log_in(client, stored, committee):
    _owner, pf = stored
    assert client.get(f"/files/{pf.pk}/").status_code == 302
    client.force_login(factories.user())
    assert client.get(f"/files/{pf.pk}/").status_code == 404
    assert client.get(f"/files/{uuid.uuid4()}/").status_code == 404


def test_an_owner_rule_decides_for_attached_files(client, committee):
    unit = factories.unit(committee)
    liaison = factories.user()
    pf = file_store(content=PDF, name="交办单.pdf", owner=unit)

    @register_file_access(Body)
    def unit_staff_only(user, body):
        return user.pk == liaison.pk

    client.force_login(liaison)
    assert client.get(f"/files/{pf.pk}/").status_code == 200
    client.force_login(factories.user())
    assert client.get(f"/files/{pf.pk}/").status_code == 404


def test_files_are_not_under_media(settings, stored):
    _owner, pf = stored
    assert str(settings.PRIVATE_STORAGE_ROOT) in pf.file.path
    assert str(settings.MEDIA_ROOT) not in pf.file.path
