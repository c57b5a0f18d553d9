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
from django.core.paginator import Paginator
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
from cppcc.people import person_name
from members import onboarding, permissions, selectors
from members.login_security import client_ip
from members.models import Body, Member
from members.permissions import may_onboard, onboarding_committee_ids
from members.selectors import login_state

logger = logging.getLogger("cppcc.security")
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


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


STATE_LABELS = dict(PeopleFilter.STATES)
PAGE_SIZE = 100


class Person:
    """One row of the list: a member (key m<pk>) or a unit contact's assignment (key u<pk>)."""

    def __init__(self, *, key, name, detail, user, committee_id, member=None, unit=None):
        self.key, self.name, self.detail, self.user = key, name, detail, user
        self.committee_id, self.member, self.unit = committee_id, member, unit
        self.state = login_state(user)
        self.state_label = STATE_LABELS[self.state]

    @classmethod
    def of_member(cls, m):
        return cls(key=f"m{m.pk}", name=m.name, detail=m.member_number, user=m.user, committee_id=m.committee_id,
                   member=m)

    @classmethod
    def of_contact(cls, a):
        return cls(key=f"u{a.pk}", name=person_name(a.user), detail=f"{a.unit.name} · {a.get_role_display()}",
                   user=a.user, committee_id=a.committee_id, unit=a.unit)


class People:
    """Members, then unit contacts, as one list the paginator slices in the database (a national
    committee lists some 2,600 people: a page reads only its own rows)."""

    def __init__(self, committee_ids, *, kind="", state="", q=""):
        self.parts = []
        if kind in ("", "members"):
            self.parts.append(("m", selectors.login_members(committee_ids, state=state, q=q), Person.of_member))
        if kind in ("", "units"):
            self.parts.append(("u", selectors.login_unit_contacts(committee_ids, state=state, q=q), Person.of_contact))
        self._counts = None

    def count(self):
        if self._counts is None:
            self._counts = [qs.count() for _key, qs, _row in self.parts]
        return sum(self._counts)

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        self.count()
        rows, offset = [], 0
        for (_key, qs, row), size in zip(self.parts, self._counts):
            lo, hi = max(window.start - offset, 0), min(window.stop - offset, size)
            if lo < hi:
                rows += [row(obj) for obj in qs[lo:hi]]
            offset += size
        return rows

    def __iter__(self):
        for _key, qs, row in self.parts:
            for obj in qs.iterator(chunk_size=500):
                yield row(obj)

    def chosen(self, keys):
        """The rows ticked on the page (keys m<pk> / u<pk>), still within the filter and the committees."""
        wanted = {"m": set(), "u": set()}
        for key in keys:
            if key[:1] in wanted and key[1:].isdigit():
                wanted[key[:1]].add(int(key[1:]))
        rows = []
        for key, qs, row in self.parts:
            ids = wanted[key]
            if ids:
                rows += [row(obj) for obj in qs.filter(pk__in=ids)]
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
    rows = People(committee_ids, kind=wanted.get("kind", ""), state=wanted.get("state", ""), q=wanted.get("q", ""))
    form = SlipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        chosen = list(rows) if form.cleaned_data["everyone"] else rows.chosen(request.POST.getlist("person"))
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
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("p"))
    return TemplateResponse(request, "members/admin/accounts.html", {
        "rows": page.object_list, "page": page, "total": page.paginator.count,
        "elided_page_range": page.paginator.get_elided_page_range(page.number),
        "filters": filters, "form": form,
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
