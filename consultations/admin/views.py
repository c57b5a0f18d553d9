"""The admin's consultation screens: the activity page with its action buttons, one small view per action
(each calling one service), bulk attendance marking, the sign-in QR screen and sheet, the Excel export and
the calendar.

A view answers only to the activity's organisers (consultations.permissions.may_manage); readers of the
committee (chairs, administrators) see the pages but get no buttons, and a record of another
committee is a 404. Service refusals come back as form errors, never a 500.
"""

import calendar
import datetime

import segno
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail.admin import messages

from cppcc import clock
from cppcc.admin_actions import ActionView as BaseActionView
from cppcc.excel import XLSX_CONTENT_TYPE, Sheet, write_workbook
from cppcc.forms import SERVICE_ERRORS, apply_errors, create_once
from cppcc.viewsets import EditView, InspectView
from consultations import permissions, selectors, services
from consultations.models import Activity, Attendance, Document, Invitation, Sitting, Speech, Suggestion

from . import forms

def detail_url(activity) -> str:
    return reverse("activities_admin:inspect", args=[activity.pk])


# ---- the activity page


class ActivityInspectView(InspectView):
    template_name = "consultations/admin/activity_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        activity = self.object
        user = self.request.user
        manage = permissions.may_manage_activity(user, activity)
        invitations = list(activity.invitations.select_related("member", "sector").order_by("member__member_number"))
        context.update({
            "activity": activity, "manage": manage,
            "sittings": selectors.sittings_with_counts(activity),
            "invitations": invitations,
            "leave_requests": [i for i in invitations if i.state == Invitation.State.LEAVE_REQUESTED],
            "places": list(activity.places.order_by("visited_on", "pk")),
            "speeches": list(Speech.objects.filter(activity=activity).select_related("member", "sitting", "file")),
            "suggestions": selectors.suggestions_of(activity),
            "instructions": list(activity.instructions.select_related("suggestion")),
            "documents": list(Document.objects.filter(activity=activity).select_related("file")),
            "linked_proposals": list(activity.proposals.all()),
            "events": list(activity.events.select_related("actor", "member").order_by("-at", "-pk")[:50]),
            "state": activity.state_label(clock.now()),
        })
        return context


class ActivityEditView(EditView):
    """The plain facts of an activity, saved through services.activity_update (with its dated event)."""

    def dispatch(self, request, *args, **kwargs):
        activity = get_object_or_404(permissions.scope(request.user, Activity.objects.all()), pk=kwargs.get("pk"))
        if not permissions.may_manage_activity(request.user, activity):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def save_instance(self):
        data = {name: self.form.cleaned_data[name] for name in self.form.cleaned_data
                if name in services.ACTIVITY_FIELDS + ("invited_bodies", "partner_bodies", "sectors")}
        return services.activity_update(activity=self.object, actor=self.request.user, **data)

    def form_valid(self, form):
        self.form = form
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except SERVICE_ERRORS as error:
            apply_errors(form, error)
            return self.form_invalid(form)


class ActivityCreateView(View):
    """A new activity with its first sitting (services.activity_create)."""

    template_name = "cppcc/admin/action_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.committee_ids = permissions.manager_committee_ids(request.user)
        if not self.committee_ids:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        plan_item = request.GET.get("plan_item")
        return self.render(forms.ActivityCreateForm(committee_ids=self.committee_ids,
                                                    initial={"plan_item": plan_item} if plan_item else None))

    def post(self, request):
        form = forms.ActivityCreateForm(request.POST, committee_ids=self.committee_ids)
        if form.is_valid():
            d = form.cleaned_data
            created = create_once(request, form, lambda: services.activity_create(
                actor=request.user, committee=d["committee"], kind=d["kind"], topic=d["topic"],
                starts_at=d["starts_at"], ends_at=d["ends_at"], place=d["place"], sitting_title=d["sitting_title"],
                organiser=d["organiser"], plan_item=d["plan_item"], description=d["description"],
                invited_bodies=d["invited_bodies"], partner_bodies=d["partner_bodies"],
                invited_leaders=d["invited_leaders"],
            ), url=detail_url)
            if created.repeated:  # the same form again (a double click): the activity the first POST made
                return redirect(created.again)
            if created.obj is not None:
                messages.success(request, _("Activity created: %(topic)s.") % {"topic": created.obj.topic})
                return redirect(detail_url(created.obj))
        return self.render(form)

    def render(self, form):
        return TemplateResponse(self.request, self.template_name, {
            "title": _("New activity"), "icon": "group", "form": form, "cancel_url": reverse("activities_admin:index"),
            "submit_label": _("Create the activity"), "submit_class": "consultation-action-submit",
        })


# ---- one action on one record


class ActionView(BaseActionView):
    """One action on an activity or one of its rows (a sitting, an invitation, a suggestion); back to the
    activity's page. Only the activity's organisers act; readers of the committee get a 403."""

    model = Activity
    related = ()
    icon = "group"
    about_template = "consultations/admin/_action_about.html"
    submit_class = "consultation-action-submit"

    def get_queryset(self):
        return permissions.scope(self.request.user, self.model.objects.select_related(*self.related))

    def activity_of(self, obj):
        return obj if isinstance(obj, Activity) else (obj.activity if hasattr(obj, "activity") else obj.sitting.activity)

    def prepare(self):
        self.activity = self.activity_of(self.object)

    def allowed(self):
        return permissions.may_manage_activity(self.request.user, self.activity)

    def back_url(self):
        return detail_url(self.activity)

    def context(self) -> dict:
        return {}

    def get_context_data(self, form) -> dict:
        return {**super().get_context_data(form), "subtitle": self.activity.topic, "activity": self.activity,
                **self.context()}


class SittingAddView(ActionView):
    form_class = forms.SittingForm
    title = gettext_lazy("Add a sitting")

    def perform(self, form):
        d = form.cleaned_data
        services.sitting_add(activity=self.object, actor=self.request.user, starts_at=d["starts_at"],
                             ends_at=d["ends_at"], place=d["place"], title=d["sitting_title"])


class InviteView(ActionView):
    form_class = forms.InviteForm
    title = gettext_lazy("Invite members")

    def get_form_kwargs(self):
        return {"activity": self.object}

    def perform(self, form):
        return services.invite(activity=self.object, actor=self.request.user, **form.service_kwargs())

    def get_success_message(self, created):
        return _("%(n)d members invited (those already invited are left as they were).") % {"n": len(created)}


class LeaveDecideView(ActionView):
    model = Invitation
    related = ("activity", "member")
    form_class = forms.LeaveDecisionForm
    title = gettext_lazy("Decide the leave request")

    def refusal(self):
        if self.object.state != Invitation.State.LEAVE_REQUESTED:
            return _("There is no leave request waiting for a decision.")
        return ""

    def context(self):
        return {"lines": [(_("member"), self.object.member.name), (_("reason for leave"), self.object.leave_reason)]}

    def perform(self, form):
        return services.leave_decide(invitation=self.object, actor=self.request.user,
                                     approve=form.cleaned_data["decision"] == "approve",
                                     reason=form.cleaned_data["reason"])

    def get_success_message(self, invitation):
        return _("Leave approved.") if invitation.state == Invitation.State.EXCUSED else _("Leave refused.")


class AttendanceView(ActionView):
    """Every expected member of a sitting with a status select: staff mark in bulk; each row goes through the
    service, and rows it refuses are reported by name."""

    model = Sitting
    related = ("activity__kind",)
    form_class = forms.AttendanceForm
    template_name = "consultations/admin/attendance.html"
    title = gettext_lazy("Attendance")

    def get_form_kwargs(self):
        rows = list(Attendance.objects.filter(sitting=self.object).select_related("member", "invitation__sector")
                    .order_by("member__member_number"))
        return {"rows": rows}

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            marks = form.marks()
            changed, errors = services.attendance_mark_bulk(sitting=self.object, actor=request.user, marks=marks,
                                                            reason=form.cleaned_data["reason"])
            names = {row.pk: row.member.name for row in form.rows}
            for pk, error in errors.items():
                form.add_error(None, f"{names.get(int(pk), pk)}: {error}")
            if not errors:
                messages.success(request, _("Attendance saved: %(n)d changed.") % {"n": len(changed)})
                return redirect(reverse("activities_admin:attendance", args=[self.object.pk]))
        return self.render(form)

    def context(self):
        opens, closes = services.sign_in_window(self.object)
        return {"sitting": self.object, "window": (opens, closes),
                "may_close": self.object.ends_at <= clock.now()}


class SittingCloseView(ActionView):
    model = Sitting
    related = ("activity",)
    title = gettext_lazy("Close attendance: record everyone unmarked as absent")

    def refusal(self):
        return _("The sitting has not ended yet.") if self.object.ends_at > clock.now() else ""

    def perform(self, form):
        return services.sitting_close(sitting=self.object, actor=self.request.user)

    def get_success_message(self, n):
        return _("%(n)d unmarked members recorded as absent.") % {"n": n}


class SpeechView(ActionView):
    form_class = forms.SpeechForm
    multipart = True
    title = gettext_lazy("Record a speech")

    def get_form_kwargs(self):
        return {"activity": self.object}

    def perform(self, form):
        d = form.cleaned_data
        services.speech_record(activity=self.object, actor=self.request.user, member=d["member"], mode=d["mode"],
                               title=d["title"], text=d["text"], uploaded=d["file"], sitting=d["sitting"])


class SuggestionView(ActionView):
    form_class = forms.SuggestionForm
    title = gettext_lazy("Record a suggestion")

    def get_form_kwargs(self):
        return {"activity": self.object}

    def perform(self, form):
        d = form.cleaned_data
        services.suggestion_record(activity=self.object, actor=self.request.user, text=d["text"],
                                   addressed_to=d["addressed_to"], member=d["member"])


class AdoptionView(ActionView):
    model = Suggestion
    related = ("activity",)
    form_class = forms.AdoptionForm
    title = gettext_lazy("Record the adoption decision")

    def context(self):
        return {"lines": [(_("suggestion"), self.object.text), (_("adoption"), self.object.get_adoption_display())]}

    def perform(self, form):
        services.suggestion_adopt(suggestion=self.object, actor=self.request.user, adopted=form.cleaned_data["adopted"],
                                  reason=form.cleaned_data["reason"])


class FollowUpView(ActionView):
    model = Suggestion
    related = ("activity",)
    form_class = forms.FollowUpForm
    title = gettext_lazy("Record follow-up")

    def context(self):
        return {"lines": [(_("suggestion"), self.object.text), (_("follow-up"), self.object.follow_up or "—")]}

    def perform(self, form):
        services.suggestion_follow_up(suggestion=self.object, actor=self.request.user, text=form.cleaned_data["text"])


class InstructionView(ActionView):
    form_class = forms.InstructionForm
    title = gettext_lazy("Record a leader's instruction (批示)")

    def get_form_kwargs(self):
        return {"activity": self.object}

    def perform(self, form):
        d = form.cleaned_data
        services.instruction_record(activity=self.object, actor=self.request.user, leader=d["leader"], text=d["text"],
                                    given_on=d["given_on"], suggestion=d["suggestion"])


class PlaceView(ActionView):
    form_class = forms.PlaceForm
    title = gettext_lazy("Record a place visited")

    def perform(self, form):
        d = form.cleaned_data
        services.place_add(activity=self.object, actor=self.request.user, name=d["name"], kind=d["kind"],
                           visited_on=d["visited_on"], notes=d["notes"])


class DocumentView(ActionView):
    form_class = forms.DocumentForm
    multipart = True
    title = gettext_lazy("Add a document")

    def perform(self, form):
        d = form.cleaned_data
        services.document_add(activity=self.object, actor=self.request.user, kind=d["kind"], title=d["title"],
                              text=d["text"], uploaded=d["file"])


class ProposalLinkView(ActionView):
    form_class = forms.ProposalLinkForm
    title = gettext_lazy("Link a proposal")

    def get_form_kwargs(self):
        return {"activity": self.object}

    def perform(self, form):
        services.proposal_link(activity=self.object, actor=self.request.user, proposal=form.cleaned_data["proposal"])


# ---- pages for reading: sign-in screen and sheet, export, calendar


class ReaderView(View):
    """Readers of the committee (organisers, chairs, administrators); another committee's: 404."""

    model = Sitting
    related = ("activity__kind", "activity__organiser")

    def dispatch(self, request, *args, **kwargs):
        queryset = permissions.scope(request.user, self.model.objects.select_related(*self.related))
        self.object = get_object_or_404(queryset, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class SignInScreenView(ActionView):
    """The organiser's screen for the room: the code in large type and a QR code of the portal sign-in URL."""

    model = Sitting
    related = ("activity__kind",)
    template_name = "consultations/admin/sign_in_screen.html"
    title = gettext_lazy("Sign-in code and QR code")

    def get(self, request, *args, **kwargs):
        sitting = self.object
        url = request.build_absolute_uri(reverse("activities:sign_in_sitting", args=[sitting.pk]))
        url = f"{url}?code={sitting.sign_in_code}"
        qr = segno.make(url, error="m").svg_inline(scale=8, dark="#000")
        opens, closes = services.sign_in_window(sitting)
        return TemplateResponse(request, self.template_name, {
            "title": self.title, "sitting": sitting, "activity": sitting.activity, "qr": qr, "url": url,
            "opens": opens, "closes": closes, "cancel_url": detail_url(sitting.activity),
        })

    def post(self, request, *args, **kwargs):
        raise Http404


class SignInSheetView(ReaderView):
    """签到表: a printable page per sitting with names, sectors and a blank signature column."""

    def get(self, request, *args, **kwargs):
        sitting = self.object
        rows = list(Attendance.objects.filter(sitting=sitting).select_related("member", "invitation__sector")
                    .order_by("invitation__sector__order", "invitation__sector_id", "member__member_number"))
        return TemplateResponse(request, "consultations/admin/sign_in_sheet.html", {
            "sitting": sitting, "activity": sitting.activity, "rows": rows,
        })


class AttendanceExportView(ReaderView):
    """The activity's attendance as Excel: one row per member and sitting (cells formula-neutralised)."""

    model = Activity
    related = ("kind", "organiser")

    def get(self, request, *args, **kwargs):
        activity = self.object
        rows = (Attendance.objects.filter(sitting__activity=activity)
                .select_related("member", "invitation__sector", "sitting")
                .order_by("sitting__starts_at", "sitting_id", "member__member_number"))

        def lines():
            for a in rows:
                yield [
                    timezone.localtime(a.sitting.starts_at).replace(tzinfo=None), a.sitting.title, a.member.member_number,
                    a.member.name, str(a.invitation.sector or ""), a.get_status_display(), a.get_counted_display(),
                    a.minutes_attended, timezone.localtime(a.signed_in_at).replace(tzinfo=None) if a.signed_in_at else None,
                    a.invitation.leave_reason,
                ]

        header = [_("sitting starts"), _("sitting"), _("member number"), _("full name"), _("sector"), _("attendance"),
                  _("counted as"), _("minutes attended"), _("signed in at"), _("reason for leave")]
        content = write_workbook([Sheet(title=_("Attendance"), header=[str(h) for h in header], rows=lines(),
                                        text_columns=(2,))])
        response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
        from urllib.parse import quote

        name = quote(f"{activity.topic[:40]}-出席.xlsx")
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
        return response


class CalendarView(View):
    """A month grid of the sittings of the committees the person reads."""

    def get(self, request):
        if not (request.user.is_superuser or permissions.reader_committee_ids(request.user)):
            raise PermissionDenied
        today = clock.today()
        try:
            year, month = (int(x) for x in request.GET.get("month", "").split("-"))
            first = datetime.date(year, month, 1)
        except (ValueError, TypeError):
            first = today.replace(day=1)
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        start = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
        end = timezone.make_aware(datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min))
        sittings = list(
            permissions.scope(request.user, Sitting.objects.all())
            .filter(starts_at__gte=start, starts_at__lt=end)
            .select_related("activity__kind", "activity__organiser").order_by("starts_at", "pk")
        )
        by_day = {}
        for s in sittings:
            by_day.setdefault(timezone.localtime(s.starts_at).date(), []).append(s)
        weeks = []
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
            weeks.append([{"day": d, "in_month": d.month == first.month, "today": d == today,
                           "sittings": by_day.get(d, [])} for d in week])
        previous = (first - datetime.timedelta(days=1)).replace(day=1)
        following = last + datetime.timedelta(days=1)
        return TemplateResponse(request, "consultations/admin/calendar.html", {
            "weeks": weeks, "month": first, "previous": f"{previous:%Y-%m}", "next": f"{following:%Y-%m}",
            "weekdays": [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")],
        })
