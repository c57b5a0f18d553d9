"""Onboarding pages (members/onboarding.py does the work).

Admin, for the committee's secretariat: the list of people with their login state, where the selected ones
get logins and account slips (one Word file) or have the slips sent by their channel; a member's login
page ("create login / reset"); a unit's contacts, each with a new slip or the end of the login.

Public: the activation page a slip's link opens, where the person sets a password (the password policy
applies), is logged in and lands on the portal. Limited per address like the reset form, audited.
"""

import logging

from django import forms
from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_ratelimit.core import is_ratelimited
from wagtail.admin import messages

from cppcc import audit
from cppcc.admin_views import refused
from members import onboarding, permissions
from members.login_security import client_ip
from members.models import Body, Committee, Member
from members.models.roles import UNIT_ROLES, RoleAssignment

logger = logging.getLogger("cppcc.security")
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# ---- who may


def may_onboard(user, committee_id) -> bool:
    """The committee's secretariat (who may change its members). 三员分立: not the system administrator."""
    if permissions.kept_out_of_accounts(user):
        return False
    return permissions.can_manage(user, "members.change_member", committee_id)


def onboarding_committee_ids(user) -> list:
    if not getattr(user, "is_authenticated", False) or permissions.kept_out_of_accounts(user):
        return []
    ids = Committee.objects.values_list("pk", flat=True) if user.is_superuser else permissions.committee_ids(user)
    return sorted(pk for pk in ids if may_onboard(user, pk))


# ---- the activation page (public)


def _ip_key(group, request):
    return client_ip(request)


class ActivationForm(SetPasswordForm):
    """Django's set-password form: the new password twice, checked against AUTH_PASSWORD_VALIDATORS."""


@sensitive_post_parameters()
@never_cache
def activate(request, uidb64, token):
    if request.method == "POST":
        # Per link (one person's tries) as the reset form; per address more loosely, since a whole office
        # may activate its slips from one address.
        limited = [
            is_ratelimited(request, group="account_activate:link", key=lambda g, r: uidb64, method="POST",
                           rate=settings.CPPCC_PASSWORD_RESET_RATE, increment=True),
            is_ratelimited(request, group="account_activate:ip", key=_ip_key, method="POST",
                           rate=settings.CPPCC_ACTIVATION_RATE_PER_ADDRESS, increment=True),
        ]
        if any(limited):
            logger.warning("account activation throttled for %s", client_ip(request))
            return TemplateResponse(request, "members/activate_throttled.html", status=429)
    user = onboarding.user_for_link(uidb64, token)
    if user is None:
        # A wrong, used or expired link: recorded, whatever the method.
        audit.record(audit.AuditAction.PASSWORD_CHANGE, request=request, result=audit.AuditResult.REFUSED,
                     object_label=uidb64[:40], detail="account activation with an invalid or used link")
        return TemplateResponse(request, "members/activate.html", {"validlink": False}, status=404)
    form = ActivationForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        # The password changed, so the link is spent. The person is logged in on this device.
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        audit.record(audit.AuditAction.PASSWORD_CHANGE, request=request, actor=user, obj=user,
                     detail="account activated with a slip's link; password set")
        messages.success(request, _("Your password is set. Welcome!"))
        return redirect("wagtailadmin_home" if permissions.uses_admin(user) and not permissions.uses_portal(user)
                        else "portal:home")
    return TemplateResponse(request, "members/activate.html", {
        "validlink": True, "form": form, "person": onboarding.person_name(user), "username": user.get_username(),
    })


# ---- the secretariat's list


class PeopleFilter(forms.Form):
    KINDS = [("", gettext_lazy("Members and unit contacts")), ("members", gettext_lazy("Members")),
             ("units", gettext_lazy("Unit contacts"))]
    STATES = [("", gettext_lazy("Any login state")), ("none", gettext_lazy("No login yet")),
              ("waiting", gettext_lazy("Not activated yet")), ("active", gettext_lazy("Activated")),
              ("disabled", gettext_lazy("Disabled"))]
    kind = forms.ChoiceField(label=gettext_lazy("Who"), choices=KINDS, required=False)
    state = forms.ChoiceField(label=gettext_lazy("Login"), choices=STATES, required=False)
    q = forms.CharField(label=gettext_lazy("Name, member number or unit"), required=False, max_length=50)


class SlipForm(forms.Form):
    days = forms.IntegerField(label=gettext_lazy("Links valid for (days)"), min_value=1, max_value=onboarding.MAX_DAYS,
                              initial=onboarding.DEFAULT_DAYS)
    everyone = forms.BooleanField(label=gettext_lazy("Everyone listed, not only the ticked rows"), required=False)
    reset = forms.BooleanField(
        label=gettext_lazy("Also make new slips for people who activated already (their password stops working)"),
        required=False)


def login_state(user) -> str:
    if user is None:
        return "none"
    if not user.is_active:
        return "disabled"
    return "active" if user.has_usable_password() else "waiting"


STATE_LABELS = dict(PeopleFilter.STATES)


class Person:
    """One row of the list: a member (key m<pk>) or a unit contact's assignment (key u<pk>)."""

    def __init__(self, *, key, name, detail, user, committee_id, member=None, unit=None):
        self.key, self.name, self.detail, self.user = key, name, detail, user
        self.committee_id, self.member, self.unit = committee_id, member, unit
        self.state = login_state(user)
        self.state_label = STATE_LABELS[self.state]


def people(committee_ids, *, kind="", state="", q=""):
    rows = []
    if kind in ("", "members"):
        members = Member.objects.filter(committee_id__in=committee_ids).select_related("user").order_by("committee_id", "member_number")
        if q:
            members = members.filter(Q(name__icontains=q) | Q(member_number__icontains=q))
        rows += [Person(key=f"m{m.pk}", name=m.name, detail=m.member_number, user=m.user, committee_id=m.committee_id,
                        member=m) for m in members]
    if kind in ("", "units"):
        contacts = (RoleAssignment.objects.active().filter(committee_id__in=committee_ids, role__in=list(UNIT_ROLES))
                    .select_related("user", "unit").order_by("unit__code", "role", "user__username"))
        if q:
            contacts = contacts.filter(Q(unit__name__icontains=q) | Q(unit__code__icontains=q) | Q(user__first_name__icontains=q))
        rows += [Person(key=f"u{a.pk}", name=a.user.first_name or _("(no name on record)"),
                        detail=f"{a.unit.name} · {a.get_role_display()}", user=a.user, committee_id=a.committee_id,
                        unit=a.unit) for a in contacts]
    if state:
        rows = [r for r in rows if r.state == state]
    return rows


def _docx_response(slips, filename):
    response = HttpResponse(onboarding.slips_docx(slips), content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


def _slip_filename():
    return f"账号开通单-{timezone.localdate().isoformat()}.docx"


def _users_for(request, chosen, *, actor):
    """Logins of the chosen rows: members without one get it now. Refusals are reported, not raised."""
    users, problems = [], []
    for person in chosen:
        if person.member is not None and person.user is None:
            try:
                person.user = onboarding.member_login_ensure(member=person.member, actor=actor)
            except ValidationError as error:
                problems.append(f"{person.name}: {' '.join(error.messages)}")
                continue
        users.append(person.user)
    return users, problems


def accounts_index(request):
    committee_ids = onboarding_committee_ids(request.user)
    if not committee_ids:
        return refused(request)
    filters = PeopleFilter(request.GET or None)
    wanted = filters.cleaned_data if filters.is_valid() else {}
    rows = people(committee_ids, kind=wanted.get("kind", ""), state=wanted.get("state", ""), q=wanted.get("q", ""))
    form = SlipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        keys = set(request.POST.getlist("person"))
        chosen = rows if form.cleaned_data["everyone"] else [r for r in rows if r.key in keys]
        if not chosen:
            messages.error(request, _("Tick the people who need a slip, or choose everyone listed."))
        else:
            users, problems = _users_for(request, chosen, actor=request.user)
            for problem in problems:
                messages.error(request, problem)
            slips, skipped = onboarding.slips_issue(users=users, actor=request.user, days=form.cleaned_data["days"],
                                                    reset=form.cleaned_data["reset"], request=request)
            if skipped:
                messages.warning(request, _("No slip for those who activated already or are disabled: %(names)s")
                                 % {"names": "、".join(skipped)})
            if slips and request.POST.get("action") == "send":
                onboarding.slips_send(slips=slips, actor=request.user)
                return TemplateResponse(request, "members/admin/slips_sent.html", {"slips": slips})
            if slips:
                return _docx_response(slips, _slip_filename())
            if not problems:
                messages.error(request, _("Nobody got a slip."))
        return redirect(request.get_full_path())
    return TemplateResponse(request, "members/admin/accounts.html", {
        "rows": rows, "filters": filters, "form": form,
    })


# ---- one member, one unit


class OneSlipForm(forms.Form):
    days = SlipForm.base_fields["days"]


def member_login(request, pk):
    """A member's "create login / reset": a new slip (Word) for the member; an activated login is reset."""
    member = get_object_or_404(Member.objects.select_related("user", "committee"), pk=pk)
    if not may_onboard(request.user, member.committee_id):
        return refused(request)
    form = OneSlipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = onboarding.member_login_ensure(member=member, actor=request.user)
            slips, _skipped = onboarding.slips_issue(users=[user], actor=request.user, days=form.cleaned_data["days"],
                                                     reset=True, request=request)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            if not slips:
                messages.error(request, _("This login is disabled: no slip was made."))
            elif request.POST.get("action") == "send":
                onboarding.slips_send(slips=slips, actor=request.user)
                return TemplateResponse(request, "members/admin/slips_sent.html", {"slips": slips})
            else:
                return _docx_response(slips, f"账号开通单-{member.member_number}.docx")
    return TemplateResponse(request, "members/admin/member_login.html", {
        "member": member, "form": form, "state": STATE_LABELS[login_state(member.user)],
    })


class DeactivateForm(forms.Form):
    contact = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=200)


def unit_logins(request, pk):
    """A unit's liaison and leader: a new slip for one of them, or the end of a contact who left."""
    unit = get_object_or_404(Body.objects.select_related("committee"), pk=pk)
    if not may_onboard(request.user, unit.committee_id):
        return refused(request)
    contacts = onboarding.unit_contacts(unit)
    by_user = {a.user_id: a.user for a in contacts}
    slip_form, end_form = OneSlipForm(), DeactivateForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "deactivate":
            end_form = DeactivateForm(request.POST)
            if end_form.is_valid() and end_form.cleaned_data["contact"] in by_user:
                user = by_user[end_form.cleaned_data["contact"]]
                onboarding.unit_contact_deactivate(user=user, unit=unit, reason=end_form.cleaned_data["reason"],
                                                   actor=request.user)
                messages.success(request, _("%(name)s is no longer a contact of %(unit)s.")
                                 % {"name": onboarding.person_name(user), "unit": unit.name})
                return redirect("members_unit_logins", unit.pk)
        elif action in ("slip", "send"):
            slip_form = OneSlipForm(request.POST)
            user = by_user.get(int(request.POST.get("contact") or 0))
            if slip_form.is_valid() and user is not None:
                slips, _skipped = onboarding.slips_issue(users=[user], actor=request.user,
                                                         days=slip_form.cleaned_data["days"], reset=True, request=request)
                if action == "send":
                    onboarding.slips_send(slips=slips, actor=request.user)
                    return TemplateResponse(request, "members/admin/slips_sent.html", {"slips": slips})
                return _docx_response(slips, f"账号开通单-{unit.code}-{user.get_username()}.docx")
    rows = [{"assignment": a, "state": STATE_LABELS[login_state(a.user)]} for a in contacts]
    return TemplateResponse(request, "members/admin/unit_logins.html", {
        "unit": unit, "rows": rows, "slip_form": slip_form, "end_form": end_form,
    })
