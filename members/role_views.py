"""Role assignments in the admin: granted and revoked only through members.services."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.views import generic
from wagtail.log_actions import log

from members import permissions
from members.models import RoleAssignment
from members.models.roles import Role
from members.services import role_grant, role_revoke


class RoleGrantView(generic.CreateView):
    """The add form calls role_grant, which validates the scope and syncs the user's groups."""

    def form_valid(self, form):
        self.form = form
        try:
            self.object = self.save_instance()
        except ValidationError as error:
            form.add_error(None, error)
            self.produced_error_message = self.get_error_message()  # Wagtail's form_invalid reads it
            return self.form_invalid(form)
        return self.save_action()

    def save_instance(self):
        data = self.form.cleaned_data
        if not permissions.may_grant(self.request.user, data["role"], data["committee"].pk):
            raise ValidationError(_("Only the security administrator grants the administrator, security "
                                    "administrator and auditor roles."))
        if data["role"] == Role.MEMBER and permissions.member_of(data["user"]) is None:
            # No half-linked people: a member's login comes from the member record (members/onboarding.py).
            raise ValidationError(_("This login belongs to no member record. Give members their login from "
                                    "the member list (“Login and slip”) or the roster import instead."))
        assignment = role_grant(
            user=data["user"], role=data["role"], committee=data["committee"], unit=data.get("unit"),
            party=data.get("party"), sector=data.get("sector"),
            special_committee=data.get("special_committee"), actor=self.request.user,
        )
        log(instance=assignment, action="wagtail.create", user=self.request.user)
        return assignment


class RevokeForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=200)


def revoke(request, pk):
    """Confirm, then end an assignment; it stays on record with the time it was revoked."""
    assignment = get_object_or_404(RoleAssignment.objects.select_related("user", "committee"), pk=pk)
    user = request.user
    if not permissions.may_grant(user, assignment.role, assignment.committee_id):
        raise PermissionDenied
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        role_revoke(assignment=assignment, actor=user, reason=form.cleaned_data["reason"])
        log(instance=assignment, action="cppcc.role_revoke", user=user,
            data={"reason": form.cleaned_data["reason"]})
        messages.success(request, _("Role revoked: %(role)s") % {"role": assignment})
        return redirect("roles:index")
    return TemplateResponse(request, "members/admin/role_revoke.html", {"assignment": assignment, "form": form})
