"""Private files: stored outside MEDIA_URL (a folder or S3-compatible object storage), type checked by
content, served only after a permission check.

Each app registers who may read files attached to its records with `register_file_access`; a file
with no registered owner is readable by its uploader and by administrators only.
"""

import io
import zipfile

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.deconstruct import deconstructible
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _


@deconstructible(path="cppcc.files.PrivateFileSystemStorage")
class PrivateFileSystemStorage(FileSystemStorage):
    """A folder every web server mounts; never exposed by URL."""

    def __init__(self, **kwargs):
        kwargs.setdefault("location", None)
        super().__init__(**kwargs)

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_STORAGE_ROOT)

    def url(self, name):  # pragma: no cover - private files have no public URL
        raise ValueError("private files are served by cppcc.views.file_download only")


def _s3_storage():
    """S3-compatible object storage (MinIO, a cloud's OSS/COS...) shared by several web servers."""
    from storages.backends.s3 import S3Storage  # django-storages[s3]; only needed for this option

    class PrivateS3Storage(S3Storage):
        def url(self, name, *args, **kwargs):  # pragma: no cover - no presigned links either
            raise ValueError("private files are served by cppcc.views.file_download only")

    return PrivateS3Storage(
        **settings.PRIVATE_S3,
        default_acl="private",  # never public-read, whatever the bucket's default
        file_overwrite=False,  # a second upload with the same name gets a new name, as on disk
        querystring_auth=True,
    )


class PrivateStorage(LazyObject):
    """The private storage chosen by settings.PRIVATE_STORAGE_BACKEND: "filesystem" (the default, a
    folder at PRIVATE_STORAGE_ROOT) or "s3" (settings.PRIVATE_S3). Built on first use and rebuilt
    when those settings change (tests), so the model field's storage never needs a migration."""

    def _setup(self):
        backend = settings.PRIVATE_STORAGE_BACKEND
        if backend == "filesystem":
            self._wrapped = PrivateFileSystemStorage()
        elif backend == "s3":
            self._wrapped = _s3_storage()
        else:
            raise ImproperlyConfigured(
                f"PRIVATE_STORAGE_BACKEND must be 'filesystem' or 's3', not {backend!r}"
            )

    def deconstruct(self):
        # What migrations write: the same for either backend, so choosing S3 needs no migration.
        return ("cppcc.files.PrivateStorage", (), {})


private_storage = PrivateStorage()


@receiver(setting_changed)
def _reset_private_storage(*, setting, **kwargs):
    if setting.startswith("PRIVATE_S"):
        private_storage._wrapped = empty

TYPE_LABELS = {
    "pdf": "PDF",
    "ofd": "OFD",
    "doc": "DOC",
    "wps": "WPS",
    "xls": "XLS",
    "docx": "DOCX",
    "xlsx": "XLSX",
    "jpg": "JPEG",
    "png": "PNG",
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "ofd": "application/ofd",
    "doc": "application/msword",
    "wps": "application/vnd.ms-works",
    "xls": "application/vnd.ms-excel",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "png": "image/png",
}
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


def sniff_type(head: bytes, fileobj=None, name: str = "") -> str | None:
    """The file's real type from its bytes; the name only separates formats that share a container."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if head.startswith(OLE_MAGIC):
        # DOC, WPS and XLS are all OLE compound files; trust the extension among those three only.
        return ext if ext in ("doc", "wps", "xls") else "doc"
    if head.startswith(b"PK\x03\x04") and fileobj is not None:
        try:
            fileobj.seek(0)
            with zipfile.ZipFile(fileobj) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            return None
        finally:
            fileobj.seek(0)
        if any(n.startswith("word/") for n in names):
            return "docx"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        if "OFD.xml" in names or any(n.lower().endswith("ofd.xml") for n in names):
            return "ofd"
    return None


def accepted_types_text(allowed=None) -> str:
    """What an upload field accepts, in the words check_upload refuses with: the types and the size
    cap the settings allow (the help text never promises a type that is then refused)."""
    allowed = list(allowed or settings.PRIVATE_UPLOAD_TYPES)
    return _("Accepted types: %(types)s; at most %(mb)d MB per file.") % {
        "types": ", ".join(TYPE_LABELS.get(t, t.upper()) for t in allowed),
        "mb": settings.PRIVATE_UPLOAD_MAX_BYTES // (1024 * 1024),
    }


def accept_attribute(allowed=None) -> str:
    """The file input's `accept` list for the same types (the browser's file dialog filter)."""
    return ",".join(f".{t}" if t != "jpg" else ".jpg,.jpeg" for t in (allowed or settings.PRIVATE_UPLOAD_TYPES))


def check_upload(uploaded, allowed=None) -> str:
    """Return the detected type of an upload, or raise ValidationError naming what is accepted."""
    allowed = list(allowed or settings.PRIVATE_UPLOAD_TYPES)
    if uploaded.size > settings.PRIVATE_UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("The file is too large (at most %(mb)d MB)."),
            params={"mb": settings.PRIVATE_UPLOAD_MAX_BYTES // (1024 * 1024)},
            code="too_large",
        )
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    fileobj = uploaded.file if hasattr(uploaded, "file") else uploaded
    if not hasattr(fileobj, "seek"):
        fileobj = io.BytesIO(uploaded.read())
        uploaded.seek(0)
    kind = sniff_type(head, fileobj, getattr(uploaded, "name", ""))
    if kind not in allowed:
        raise ValidationError(
            _("This file type is not accepted. Accepted types: %(types)s."),
            params={"types": ", ".join(TYPE_LABELS.get(t, t.upper()) for t in allowed)},
            code="bad_type",
        )
    return kind


_access_rules = {}


def register_file_access(model):
    """Decorator: `fn(user, owner) -> bool` decides who may read files attached to `model` rows."""

    def wrap(fn):
        _access_rules[model._meta.label_lower] = fn
        return fn

    return wrap


def user_can_read(user, private_file) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    owner = private_file.owner
    if owner is not None:
        rule = _access_rules.get(owner._meta.label_lower)
        if rule is not None:
            return bool(rule(user, owner))
    return private_file.uploaded_by_id == user.pk
