"""The admin's action view every app shares: a small form about one record, one service call, back to
the record's page.

An app subclasses ActionView once for its records (proposals.admin.views, consultations.admin.views):
which rows the user reaches (`get_queryset`), who may act (`allowed`, else a 403) and when (`refusal`: a
message on the record's page for the right person at the wrong moment), the page to go back to
(`back_url`) and the lines about the record above the form (`about_template`). Each view then names its
form, title and `perform` (one service). Service refusals come back as form errors, never a 500.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.generic import View
from wagtail.admin import messages

from cppcc.forms import SERVICE_ERRORS, perform


class ConfirmForm(forms.Form):
    """An action that needs nothing but a confirmation."""


class ActionView(View):
    """GET shows the form; POST calls `perform` in a transaction and goes back to the record's page."""

    form_class = ConfirmForm
    template_name = "cppcc/admin/action_form.html"
    title = None
    icon = "tasks"
    multipart = False
    about_template = ""  # the app's lines about the record, shown above the form
    submit_class = ""  # the submit button's own class (the browser tests find it by it)
    errors = SERVICE_ERRORS  # the refusals shown on the form

    def get_queryset(self):
        raise NotImplementedError

    def prepare(self) -> None:
        """Set what the view needs beside `self.object` (the proposal, the activity)."""

    def allowed(self) -> bool:
        return True

    def refusal(self) -> str:
        """A message when the action is not possible now (the right person at the wrong moment)."""
        return ""

    def back_url(self) -> str:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        self.object = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        self.prepare()
        if not self.allowed():
            raise PermissionDenied
        refusal = self.refusal()
        if refusal:
            messages.error(request, refusal)
            return redirect(self.back_url())
        return super().dispatch(request, *args, **kwargs)

    def get_title(self) -> str:
        return str(self.title)

    def get_form_kwargs(self) -> dict:
        return {}

    def get_initial(self) -> dict:
        return {}

    def get_form(self):
        kwargs = self.get_form_kwargs()
        if self.request.method == "POST":
            return self.form_class(self.request.POST, self.request.FILES, **kwargs)
        return self.form_class(initial=self.get_initial(), **kwargs)

    def perform(self, form):
        raise NotImplementedError

    def get_success_message(self, result) -> str:
        return _("Done: %(action)s.") % {"action": self.get_title()}

    def success_url(self) -> str:
        return self.back_url()

    def get(self, request, *args, **kwargs):
        return self.render(self.get_form())

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            done, result = perform(form, lambda: self.perform(form), errors=self.errors)
            if done:
                messages.success(request, self.get_success_message(result))
                return redirect(self.success_url())
        return self.render(form)

    def get_context_data(self, form) -> dict:
        return {
            "title": self.get_title(), "icon": self.icon, "form": form, "object": self.object,
            "cancel_url": self.back_url(), "multipart": self.multipart or form.is_multipart(),
            "about_template": self.about_template, "submit_class": self.submit_class,
        }

    def render(self, form):
        return TemplateResponse(self.request, self.template_name, self.get_context_data(form))
