"""Private file download, permission-checked and audited (allowed and refused alike)."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from cppcc import audit
from cppcc.audit_hooks import mark_recorded
from cppcc.files import CONTENT_TYPES, user_can_read
from cppcc.models import AuditAction, AuditResult, PrivateFile


@login_required
def file_download(request, pk):
    """Serve a private file only to those its owner's rule allows; a stranger gets 404, not a hint."""
    private_file = get_object_or_404(PrivateFile, pk=pk)
    if not user_can_read(request.user, private_file):
        audit.record(AuditAction.FILE_DOWNLOAD, request=request, obj=private_file, result=AuditResult.REFUSED)
        raise Http404
    response = FileResponse(
        private_file.file.open("rb"),
        as_attachment=request.GET.get("inline") != "1",
        filename=private_file.name,  # Django writes filename* (RFC 5987): Chinese names survive
        content_type=CONTENT_TYPES.get(private_file.kind, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    audit.record(AuditAction.FILE_DOWNLOAD, request=request, obj=private_file,
                 detail="inline" if request.GET.get("inline") == "1" else "")
    return mark_recorded(response)
