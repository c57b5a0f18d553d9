"""Admin screens for members that are not plain model forms: the secretariat's password reset."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.defaults import permission_denied
from wagtail.admin import messages
from wagtail.admin.widgets.button import Button

from cppcc.viewsets import EditView
from members import permissions
from members.models import Member
from members.services import member_password_reset_send


def password_reset(request, pk):
    """Confirm, then make a reset link for a member who forgot the password; show it for the phone."""
    member = get_object_or_404(Member.objects.select_related("user", "committee"), pk=pk)
    if not permissions.may_reset_password(request.user, member):
        # A plain 403: Wagtail would turn a raised PermissionDenied into a redirect to the dashboard.
        return permission_denied(request, PermissionDenied())
    link = None
    if request.method == "POST":
        try:
            link = member_password_reset_send(member=member, actor=request.user, request=request)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            email = member.user.email
            if email:
                messages.success(request, _("A reset link was sent to %(email)s. If it does not arrive, read "
                                            "the link below to the member.") % {"email": email})
            else:
                messages.success(request, _("Reset link made. Read it to the member."))
    context = {
        "member": member,
        "link": link,
        "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        "edit_url": reverse("members:edit", args=[member.pk]),
    }
    return TemplateResponse(request, "members/admin/password_reset.html", context)


class MemberEditView(EditView):
    """The member edit page, with "Reset password" in its header menu for those allowed."""

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.object.user_id and permissions.may_reset_password(self.request.user, self.object):
            buttons.append(Button(
                _("Reset password"), url=reverse("members_password_reset", args=[self.object.pk]),
                icon_name="key", priority=40,
            ))
        return buttons
