import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cppcc.files import private_storage
from cppcc.text import CleanCharField


def _upload_to(instance, filename):
    # The stored name is a UUID (no clashes, nothing guessable); the Chinese name lives in the row.
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"{instance.created_at:%Y/%m}/{instance.pk}.{ext}"


class PrivateFile(models.Model):
    """A stored file (letter, scan, import, report), readable only through `cppcc.views.file_download`."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    file = models.FileField(_("file"), storage=private_storage, upload_to=_upload_to, max_length=255)
    name = CleanCharField(_("file name"), max_length=255)
    kind = models.CharField(_("type"), max_length=10)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    owner_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    owner_id = models.CharField(max_length=64, blank=True)
    owner = GenericForeignKey("owner_type", "owner_id")

    class Meta:
        verbose_name = _("private file")
        verbose_name_plural = _("private files")
        ordering = ["-created_at"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("file_download", args=[self.pk])
