"""The page where every logged-in person chooses how notices reach them (inbox always; e-mail; SMS)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cppcc.notify_channels import email_address, preference_for, profile_phone
from cppcc.notify_forms import NotificationPreferenceForm


@login_required
def preferences(request):
    pref = preference_for(request.user)
    if request.method == "POST":
        form = NotificationPreferenceForm(request.POST, instance=pref)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your notification settings were saved."))
            return redirect("inbox:preferences")
    else:
        initial = {} if pref.sms_phone else {"sms_phone": profile_phone(request.user)}
        form = NotificationPreferenceForm(instance=pref, initial=initial)
    return render(request, "cppcc/inbox/preferences.html", {"form": form, "email": email_address(request.user)})
