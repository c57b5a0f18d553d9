"""The member portal of activities (/portal/activities/): invitations to answer, leave to ask for, sign-in
with the sitting's code or QR code, and the activities attended.

Views are thin: find the object, check who may see it (a stranger gets 404), call one service and show
what it refuses as a message next to the form.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cppcc import clock
from cppcc.forms import SERVICE_ERRORS, apply_errors
from members import permissions as member_permissions
from consultations import permissions, selectors, services
from consultations.models import Activity, Attendance, Document, Invitation, Sitting, Speech

from .forms import LeaveForm, SignInForm

def _member(request):
    """The member at the keyboard, or the response for someone who is not one (admin people go to the admin)."""
    member = permissions.member_of(request.user)
    if member is not None:
        return member, None
    if member_permissions.uses_admin(request.user):
        return None, redirect("wagtailadmin_home")
    raise PermissionDenied(_("Only members take part in activities."))


def _own_invitation(request, pk) -> Invitation:
    invitation = get_object_or_404(Invitation.objects.select_related("activity__kind", "activity__organiser"), pk=pk)
    member = permissions.member_of(request.user)
    if member is None or invitation.member_id != member.pk:
        raise Http404
    return invitation


@login_required
def activity_list(request):
    member, response = _member(request)
    if response:
        return response
    moment = clock.now()
    return render(request, "consultations/portal/list.html", {
        "member": member,
        "open_now": selectors.open_attendances(member, moment, services.settings_for),
        "upcoming": selectors.upcoming_invitations(member, moment),
        "past": selectors.past_invitations(member, moment),
        "attended_count": selectors.attended_count(member),
        "now": moment,
    })


@login_required
def activity_detail(request, pk):
    try:
        activity = selectors.activity_detail(pk)
    except Activity.DoesNotExist:
        raise Http404
    if not permissions.may_view_activity(request.user, activity):
        raise Http404
    member = permissions.member_of(request.user)
    invitation = None
    sittings = list(activity.sittings.order_by("starts_at", "pk"))
    if member is not None:
        invitation = activity.invitations.filter(member=member).first()
        mine = {a.sitting_id: a for a in Attendance.objects.filter(sitting__activity=activity, member=member)}
        for s in sittings:
            s.mine = mine.get(s.pk)
    rules = services.settings_for(activity.committee_id)
    moment = clock.now()
    for s in sittings:
        s.window = services.sign_in_window(s, rules)
        s.open_now = s.window[0] <= moment <= s.window[1]
    return render(request, "consultations/portal/detail.html", {
        "activity": activity, "invitation": invitation, "sittings": sittings,
        "places": list(activity.places.order_by("visited_on", "pk")),
        "speeches": list(Speech.objects.filter(activity=activity).select_related("member", "file").order_by("recorded_at", "pk")),
        "suggestions": selectors.suggestions_of(activity),
        "documents": list(Document.objects.filter(activity=activity).select_related("file").order_by("created_at", "pk")),
        "state": activity.state(moment), "may_answer": invitation is not None and activity.state(moment) != "held",
    })


@login_required
@require_http_methods(["GET", "POST"])
def invitation_answer(request, pk):
    """GET: a short confirmation page (works from an inbox link); POST: will attend."""
    invitation = _own_invitation(request, pk)
    if request.method == "POST":
        try:
            services.invitation_answer(invitation=invitation, actor=request.user, attending=True)
        except SERVICE_ERRORS as exc:
            for message in getattr(exc, "messages", [str(exc)]):
                messages.error(request, message)
        else:
            messages.success(request, _("Thank you: you are expected at “%(topic)s”.") % {"topic": invitation.activity.topic})
        return redirect(invitation.activity.get_absolute_url())
    return render(request, "consultations/portal/answer.html", {"invitation": invitation, "activity": invitation.activity})


@login_required
@require_http_methods(["GET", "POST"])
def leave_request(request, pk):
    invitation = _own_invitation(request, pk)
    form = LeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.leave_request(invitation=invitation, actor=request.user, reason=form.cleaned_data["reason"])
        except SERVICE_ERRORS as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Your leave request is sent; the organiser will decide on it."))
            return redirect(invitation.activity.get_absolute_url())
    return render(request, "consultations/portal/leave.html", {
        "invitation": invitation, "activity": invitation.activity, "form": form,
    })


class _NotInvited:
    """A sitting shown to a member who is not expected at it: no topic, just the refusal when they try."""

    def __init__(self, sitting):
        self.sitting = sitting
        self.pk = sitting.pk
        self.hidden = True


def _candidate_sittings(member, code, moment):
    """Sittings I am expected at whose code matches; else those open now (so the service names the refusal)."""
    mine = Attendance.objects.filter(member=member).select_related("sitting")
    matching = [a.sitting for a in mine.filter(sitting__sign_in_code=code.strip()).order_by("-sitting__starts_at")[:5]]
    if matching:
        open_ = [s for s in matching if services.sign_in_open(s, moment)]
        return open_ or matching
    return [a.sitting for a in selectors.open_attendances(member, moment, services.settings_for)]


@login_required
@require_http_methods(["GET", "POST"])
def sign_in(request, sitting_pk=None):
    """Sign in with the code shown in the room, or from the QR code (which carries the sitting and its code)."""
    member, response = _member(request)
    if response:
        return response
    sitting = None
    if sitting_pk is not None:
        sitting = get_object_or_404(Sitting.objects.select_related("activity"), pk=sitting_pk)
        if sitting.committee_id != member.committee_id:
            raise Http404
        if not sitting.attendances.filter(member=member).exists():
            sitting = _NotInvited(sitting)  # the form still answers, and the service says why it refuses
    initial = {"code": request.GET.get("code", "")}
    form = SignInForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        method = Attendance.Method.QR if request.POST.get("via") == "qr" else Attendance.Method.CODE
        chosen = getattr(sitting, "sitting", sitting)
        candidates = [chosen] if chosen is not None else _candidate_sittings(member, code, clock.now())
        if not candidates:
            form.add_error("code", _("The sign-in code is wrong, or no sitting you are invited to is open for sign-in now."))
        else:
            try:
                attendance = services.sign_in(sitting=candidates[0], actor=request.user, code=code, method=method)
            except SERVICE_ERRORS as exc:
                apply_errors(form, exc)
            else:
                if attendance.status == Attendance.Status.LATE:
                    messages.warning(request, _("Signed in, recorded as late."))
                else:
                    messages.success(request, _("Signed in. Welcome!"))
                return redirect(attendance.sitting.activity.get_absolute_url())
    return render(request, "consultations/portal/sign_in.html", {
        "form": form, "sitting": sitting, "via_qr": bool(request.GET.get("code")),
    })
