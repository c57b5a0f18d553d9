"""The handling unit's side of the portal (/portal/unit/) and the supervision office's read-only view.

A unit's staff (liaison, leader) see only their own units' assignments; any other is a 404. The
government supervision office sees every unit's assignments of its committee and acts on none: the
pages show it no form, and a POST from it is refused (403) before any service runs.

Which actions a page offers comes from workflow.TRANSITIONS (the state allows the action) and
proposals.permissions (the person holds its capability), never from comparing state names; the
services check both again under their row locks. Views stay thin: parse, call a service, render;
a service's TransitionError or PermissionDenied becomes a message, its ValidationError form errors.
"""

import datetime
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cppcc import clock
from cppcc.workdays import Calendar
from members import permissions as member_permissions
from members.models import Body
from members.models.roles import Role
from proposals import permissions, selectors, services
from proposals.errors import TransitionError
from proposals.models import Assignment, CommunicationMethod, CoOpinion, Reply
from proposals.models.handling import overdue_q
from proposals.services.handling import return_deadline
from proposals.workflow import TRANSITIONS, ReplyStatus

from . import unit_forms as forms

PAGE_SIZE = 50
# Two people (or two clicks) at once: the database kept one; the second is told, never shown an error page.
CONCURRENT = gettext_lazy("Someone else did this at the same moment; here is where the case stands now.")
TEMPLATES = "proposals/portal/unit/"
REPLIED = TRANSITIONS["sign_and_send"].assignment_target  # a unit's work on the assignment is done
SHOWS = [
    ("to_sign", gettext_lazy("To sign for")),
    ("in_progress", gettext_lazy("In progress")),
    ("awaiting_signature", gettext_lazy("Awaiting signature")),
    ("replied", gettext_lazy("Replied")),
    ("overdue", gettext_lazy("Overdue")),
]


# ---- who gets in, and which assignments they see


def unit_portal(view):
    """Unit staff and the supervision office only; people who work in the admin are sent there."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not permissions.may_use_unit_portal(user):
            if member_permissions.uses_admin(user):
                return redirect("wagtailadmin_home")
            raise PermissionDenied(_("This page is for the staff of handling units and the supervision office."))
        return view(request, *args, **kwargs)

    return wrapper


def _assignment_or_404(user, pk) -> Assignment:
    qs = selectors.visible_assignments(user).select_related("proposal", "proposal__session", "proposal__category", "unit")
    return get_object_or_404(qs, pk=pk)


def _reply_or_404(user, pk) -> Reply:
    qs = Reply.objects.filter(assignment__in=selectors.visible_assignments(user)).select_related(
        "assignment", "assignment__proposal", "assignment__unit", "result_code",
    )
    return get_object_or_404(qs, pk=pk)


def _today() -> datetime.date:
    """The local date in Asia/Shanghai (TIME_ZONE), as the services and the statistics use it."""
    return clock.today()


# ---- what the person may do now (table + capability)


def _reply_editable(reply) -> bool:
    """A reply can be rewritten while it is a draft, i.e. in the state it is submitted from."""
    return reply is None or reply.status in TRANSITIONS["submit_for_signature"].sources


def available_actions(user, assignment, open_reply=None, sent_reply=None) -> set[str]:
    """The workflow actions this person may take on the assignment and its replies now."""
    a = assignment
    can = {name for name in ("sign", "request_return") if permissions.may(user, name, a)}
    if not a.replies_to_proposer:
        if permissions.may(user, "send_co_opinion", a):
            can.add("send_co_opinion")
    else:
        if permissions.may(user, "draft_reply", a) and _reply_editable(open_reply):
            can.add("draft_reply")
        if open_reply is not None:
            for name in ("submit_for_signature", "send_back", "sign_and_send", "send_paper_signed"):
                if permissions.may(user, name, open_reply):
                    can.add(name)
    if sent_reply is not None and sent_reply.follow_up_open and permissions.may(user, "complete_follow_up", sent_reply):
        can.add("complete_follow_up")
    return can


# ---- the list


def _decorate(rows, today):
    """Derive what each row shows from dates: overdue days, the last day a return can be asked for."""
    returnable = TRANSITIONS["request_return"].sources
    for a in rows:
        a.overdue_days = (today - a.due_date).days if a.is_overdue(today) else 0
        a.return_last, a.return_closed = None, False
        a.status_label = status_label(a)
    open_rows = [a for a in rows if a.status in returnable]
    if not open_rows:
        return
    windows = {cid: selectors.settings_for(cid).return_window_workdays for cid in {a.proposal.committee_id for a in open_rows}}
    starts = [timezone.localdate(a.assigned_at) for a in open_rows]
    calendar = Calendar(min(starts), max(starts) + datetime.timedelta(days=max(windows.values()) * 3 + 30))
    for a, start in zip(open_rows, starts):
        a.return_last = calendar.add_workdays(start, windows[a.proposal.committee_id])
        a.return_closed = today > a.return_last


def _show_filters(today) -> dict:
    to_sign = Q(status__in=TRANSITIONS["sign"].sources)
    replied = Q(status=REPLIED)
    return {
        "to_sign": to_sign,
        "in_progress": ~to_sign & ~replied & Q(awaiting=False),
        "awaiting_signature": Q(awaiting=True),
        "replied": replied,
        "overdue": overdue_q(today),  # the list holds active rows only
    }


def _units_for_filter(user):
    return (
        Body.objects.filter(
            Q(pk__in=member_permissions.unit_ids(user))
            | Q(committee_id__in=permissions.supervised_committee_ids(user), is_handling_unit=True)
        )
        .order_by("committee_id", "code")
    )


@unit_portal
def assignment_list(request):
    user, today = request.user, _today()
    units = _units_for_filter(user)
    filters = forms.FilterForm(request.GET or None, shows=SHOWS, units=units)
    show, unit = "", None
    if filters.is_valid():
        show, unit = filters.cleaned_data["show"], filters.cleaned_data["unit"]
    conditions = _show_filters(today)
    base = selectors.unit_listing(user)
    if unit is not None:
        base = base.filter(unit=unit)
    leader_units = {a.unit_id for a in member_permissions.assignments(user) if a.role == Role.UNIT_LEADER}
    # One query for every count; an empty IN would empty the whole aggregate, so it is left out then.
    mine = {"mine_to_sign": Count("pk", filter=Q(awaiting=True, unit_id__in=leader_units))} if leader_units else {}
    counts = {"mine_to_sign": 0, **base.aggregate(
        all=Count("pk"), **mine, **{name: Count("pk", filter=condition) for name, condition in conditions.items()},
    )}
    rows = base.filter(conditions[show]) if show else base
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    _decorate(page.object_list, today)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "rows": page.object_list,
        "today": today,
        "show": show,
        "shows": [(name, label, counts[name]) for name, label in SHOWS],
        "total": counts["all"],
        "awaiting_mine": counts["mine_to_sign"],
        "filters": filters,
        "unit_choices": units if len(units) > 1 else None,
        "unit": unit,
        "read_only": not member_permissions.unit_ids(user),
        "supervising": bool(permissions.supervised_committee_ids(user)),
        "query": query.urlencode(),
        "several_units": len(units) > 1,
    }
    return render(request, TEMPLATES + "list.html", context)


# ---- the detail


# Steps the supervision office does not read: a unit's drafting, and the committee's internal review.
NOT_FOR_SUPERVISION = frozenset({"draft_reply", "submit_for_signature", "send_back", "review_stage"})


def _timeline(user, a, supervising) -> list:
    """The case's events for proposals/includes/timeline.html (shared with the member portal).

    Internal steps (selectors.INTERNAL_ACTIONS) show for the viewer's own units only; the
    supervision office also reads returns and co-handling opinions, never a unit's drafting.
    """
    own_units = member_permissions.unit_ids(user)

    def shown(event):
        if event.action not in selectors.INTERNAL_ACTIONS:
            return True
        if event.assignment is not None and event.assignment.unit_id in own_units:
            return True
        return supervising and event.action not in NOT_FOR_SUPERVISION

    return [event for event in selectors.timeline(a.proposal) if shown(event)]


def status_label(assignment) -> str:
    """The assignment's state in words; "replied" reads as "opinion sent" for a co-handling unit."""
    return assignment.get_status_display()


def _proposers(proposal) -> list[str]:
    if proposal.is_collective:
        organisation = proposal.organisation
        return [str(organisation)] if organisation else []
    return [s.member.name for s in selectors.confirmed_signers(proposal)]


def _method_labels(reply) -> list[str]:
    labels = dict(CommunicationMethod.choices)
    return [str(labels.get(m, m)) for m in reply.methods]


def _co_opinion(assignment):
    try:
        return assignment.co_opinion
    except CoOpinion.DoesNotExist:
        return None


def _detail_context(user, a, today) -> dict:
    p = a.proposal
    staff = permissions.is_unit_staff(user, a.unit_id)
    supervising = p.committee_id in permissions.supervised_committee_ids(user)
    open_reply = selectors.open_reply(a) if staff else None  # drafts are the unit's own business
    sent_reply = (
        Reply.objects.filter(assignment=a, round=a.round, status=ReplyStatus.SENT)
        .select_related("result_code", "letter", "sealed_scan").first()
    )
    sent_back = None
    if open_reply is not None:
        open_reply = Reply.objects.select_related("result_code", "letter").get(pk=open_reply.pk)
        sent_back = open_reply.events.filter(action="send_back").order_by("at", "pk").last()
        if sent_back is not None and open_reply.events.filter(action="submit_for_signature", at__gt=sent_back.at).exists():
            sent_back = None  # resubmitted since: the leader's remark has been dealt with
    for reply in (open_reply, sent_reply):
        if reply is not None:
            reply.assignment = a
            reply.method_labels = _method_labels(reply)
    can = available_actions(user, a, open_reply, sent_reply)
    others = list(
        Assignment.objects.filter(proposal=p, round=a.round, active=True).exclude(pk=a.pk)
        .select_related("unit").order_by("role", "pk")
    )
    sees_opinions = a.role == Assignment.Role.LEAD or supervising
    opinions = {
        o.assignment_id: o for o in CoOpinion.objects.filter(
            assignment__in=[o.pk for o in others if o.role == Assignment.Role.CO]
        ).select_related("file")
    } if sees_opinions else {}
    for other in [a, *others]:
        other.opinion = opinions.get(other.pk)
        other.status_label = status_label(other)
    return_last = return_deadline(a) if "request_return" in can else None
    committee_id = p.committee_id
    return {
        "a": a,
        "proposal": p,
        "proposers": _proposers(p),
        "others": others,
        "sees_opinions": sees_opinions,
        "sent_back": sent_back,
        "lead": next((o for o in others if o.role == Assignment.Role.LEAD), None),
        "extensions": list(a.extensions.order_by("at", "pk")),
        "co_opinion": _co_opinion(a) if not a.replies_to_proposer else None,
        "opinions_missing": [o for o in others if o.role == Assignment.Role.CO and o.opinion is None]
        if a.role == Assignment.Role.LEAD and staff else [],
        "open_reply": open_reply,
        "sent_reply": sent_reply,
        "can": {name: True for name in can},
        "staff": staff,
        "read_only": not staff,
        "today": today,
        "overdue_days": (today - a.due_date).days if a.is_overdue(today) else 0,
        "return_last": return_last,
        "return_closed": return_last is not None and today > return_last,
        "events": _timeline(user, a, supervising),
        "return_form": forms.ReturnForm(),
        "opinion_form": forms.CoOpinionForm(),
        "sign_form": forms.SignAndSendForm(),
        "send_back_form": forms.SendBackForm(),
        "follow_up_form": forms.FollowUpForm(
            committee_id=committee_id, current_code_id=sent_reply.result_code_id if sent_reply else None,
        ),
        "labels": {name: TRANSITIONS[name].label for name in TRANSITIONS},
    }


@unit_portal
def assignment_detail(request, pk):
    a = _assignment_or_404(request.user, pk)
    return render(request, TEMPLATES + "detail.html", _detail_context(request.user, a, _today()))


# ---- actions on the assignment


def _detail(a):
    return redirect("proposals:unit_assignment", a.pk)


def _action_page(request, a, *, action, form, intro="", multipart=False, status=200, extra=None):
    """A single action on its own page: the fallback without the detail page's inline forms, and where
    a refused form comes back with its errors."""
    context = {
        "a": a, "proposal": a.proposal, "form": form, "action": action, "title": TRANSITIONS[action].label,
        "intro": intro, "multipart": multipart, "post_url": request.path, **(extra or {}),
    }
    return render(request, TEMPLATES + "action.html", context, status=status)


def _refused(request, a, error):
    """A TransitionError or PermissionDenied from a service: say why, back to the assignment."""
    messages.error(request, str(error))
    return _detail(a)


def _attempt(request, a, form, call, success):
    """Run one service for a valid form: refusals go back to the case with the reason, rule errors
    onto the form (None is returned then, and the page shows the form again)."""
    try:
        call(form.cleaned_data)
    except (TransitionError, PermissionDenied) as error:
        return _refused(request, a, error)
    except ValidationError as error:
        forms.add_service_errors(form, error)
        return None
    messages.success(request, success)
    return _detail(a)


@unit_portal
def assignment_sign(request, pk):
    a = _assignment_or_404(request.user, pk)
    try:
        permissions.require(request.user, "sign", a)
    except TransitionError:
        messages.info(request, _("The case is already signed for."))
        return _detail(a)
    form = forms.ConfirmForm(request.POST or None)
    if request.method == "POST":
        try:
            services.assignment_sign(assignment=a, actor=request.user)
        except (TransitionError, PermissionDenied) as error:
            return _refused(request, a, error)
        messages.success(request, _("Signed for: the case is now in your unit's hands."))
        return _detail(a)
    return _action_page(request, a, action="sign", form=form,
                        intro=_("Sign for receipt of this case on behalf of your unit."))


@unit_portal
def assignment_request_return(request, pk):
    a = _assignment_or_404(request.user, pk)
    try:
        permissions.require(request.user, "request_return", a)
    except TransitionError as error:
        return _refused(request, a, error)
    last = return_deadline(a)
    if _today() > last:
        messages.error(request, _("The return window closed on %(day)s: please handle the case, or ask the secretariat.")
                       % {"day": last.isoformat()})
        return _detail(a)
    form = forms.ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _attempt(
            request, a, form,
            lambda data: services.assignment_request_return(assignment=a, actor=request.user, reason=data["reason"]),
            _("The return is requested; the secretariat will decide."),
        )
        if done:
            return done
    intro = _("Ask the secretariat to take the case back if it is not your unit's business. "
              "The last day to ask is %(day)s.") % {"day": last.isoformat()}
    return _action_page(request, a, action="request_return", form=form, intro=intro)


@unit_portal
def co_opinion_send(request, pk):
    a = _assignment_or_404(request.user, pk)
    try:
        permissions.require(request.user, "send_co_opinion", a)
        if a.replies_to_proposer:
            raise TransitionError(_("Only a co-handling unit sends an opinion to the lead unit; this unit replies."))
    except TransitionError as error:
        return _refused(request, a, error)
    form = forms.CoOpinionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.co_opinion_send(assignment=a, actor=request.user, text=form.cleaned_data["text"],
                                     file=form.cleaned_data["file"] or None)
        except (TransitionError, PermissionDenied) as error:
            return _refused(request, a, error)
        except IntegrityError:
            return _refused(request, a, TransitionError(CONCURRENT))
        except ValidationError as error:
            forms.add_service_errors(form, error)
        else:
            messages.success(request, _("Your opinion is sent to the lead unit."))
            return _detail(a)
    return _action_page(request, a, action="send_co_opinion", form=form, multipart=True,
                        intro=_("A co-handling unit sends its opinion to the lead unit, which replies to the proposer."))


# ---- the reply


@unit_portal
def reply_edit(request, pk):
    """Write or rewrite the draft; "submit" saves it and puts it before the unit's leader."""
    user = request.user
    a = _assignment_or_404(user, pk)
    reply = selectors.open_reply(a)
    try:
        permissions.require(user, "draft_reply", a)
        if not a.replies_to_proposer:
            raise TransitionError(_("A co-handling unit sends its opinion to the lead unit instead of a reply."))
        if not _reply_editable(reply):
            raise TransitionError(_("The reply is awaiting the leader's signature; it can be changed once sent back."))
    except TransitionError as error:
        return _refused(request, a, error)
    committee_id = a.proposal.committee_id
    if request.method == "POST":
        form = forms.ReplyForm(request.POST, request.FILES, committee_id=committee_id)
        if form.is_valid():
            try:
                reply = services.reply_save_draft(assignment=a, actor=user, **form.service_kwargs())
            except (TransitionError, PermissionDenied) as error:
                return _refused(request, a, error)
            except IntegrityError:
                return _refused(request, a, TransitionError(CONCURRENT))
            except ValidationError as error:
                forms.add_service_errors(form, error)
            else:
                if request.POST.get("action") != "submit":
                    messages.success(request, _("The draft is saved."))
                    return _detail(a)
                try:
                    services.reply_submit_for_signature(reply=reply, actor=user)
                except (TransitionError, PermissionDenied) as error:
                    return _refused(request, a, error)
                except ValidationError as error:
                    forms.add_service_errors(form, error)
                    messages.warning(request, _("The draft is saved, but it cannot go to the leader yet: see below."))
                else:
                    messages.success(request, _("The reply is waiting for the leader's signature."))
                    return _detail(a)
    else:
        form = forms.ReplyForm(initial=forms.ReplyForm.initial_from(reply), committee_id=committee_id)
    if reply is not None:
        reply = Reply.objects.select_related("letter").get(pk=reply.pk)
    context = {"a": a, "proposal": a.proposal, "form": form, "reply": reply,
               "opinions_missing": selectors.opinions_missing(a),
               "labels": {name: TRANSITIONS[name].label for name in ("draft_reply", "submit_for_signature")}}
    return render(request, TEMPLATES + "reply_form.html", context)


def _already_sent(request, reply):
    """The second of two quick posts finds the reply sent: say so instead of an error."""
    if reply.status == ReplyStatus.SENT or Reply.objects.filter(
        assignment_id=reply.assignment_id, round=reply.round, status=ReplyStatus.SENT,
    ).exists():
        messages.info(request, _("This reply has already been sent."))
        return True
    return False


def _send_view(request, pk, *, action, form_class, send, success, intro, multipart=False):
    """Both ways a reply is sent (signed in the system, or signed on paper): one flow, one double-post rule."""
    reply = _reply_or_404(request.user, pk)
    a = reply.assignment
    try:
        permissions.require(request.user, action, reply)
    except TransitionError as error:
        return _detail(a) if _already_sent(request, reply) else _refused(request, a, error)
    form = form_class(request.POST or None, request.FILES or None) if multipart else form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            send(reply, form.cleaned_data)
        except (TransitionError, IntegrityError) as error:
            reply.refresh_from_db()
            if _already_sent(request, reply):
                return _detail(a)
            return _refused(request, a, error if isinstance(error, TransitionError) else TransitionError(CONCURRENT))
        except PermissionDenied as error:
            return _refused(request, a, error)
        except ValidationError as error:
            forms.add_service_errors(form, error)
        else:
            messages.success(request, success)
            return _detail(a)
    return _action_page(request, a, action=action, form=form, multipart=multipart, intro=intro,
                        extra={"reply": reply, "opinions_missing": selectors.opinions_missing(a)})


@unit_portal
def reply_sign_and_send(request, pk):
    """The unit's leader signs the reply in the system, which sends it to the proposers."""
    return _send_view(
        request, pk, action="sign_and_send", form_class=forms.SignAndSendForm,
        send=lambda reply, data: services.reply_sign_and_send(
            reply=reply, actor=request.user, document_number=data["document_number"],
        ),
        success=_("The reply is signed and sent to the proposers."),
        intro=_("Signing sends the reply to the proposers at once, in your name."),
    )


@unit_portal
def reply_send_back(request, pk):
    reply = _reply_or_404(request.user, pk)
    a = reply.assignment
    try:
        permissions.require(request.user, "send_back", reply)
    except TransitionError as error:
        return _detail(a) if _already_sent(request, reply) else _refused(request, a, error)
    form = forms.SendBackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _attempt(
            request, a, form,
            lambda data: services.reply_send_back(reply=reply, actor=request.user, reason=data["reason"]),
            _("The reply is sent back to the drafter."),
        )
        if done:
            return done
    return _action_page(request, a, action="send_back", form=form, extra={"reply": reply})


@unit_portal
def reply_paper(request, pk):
    """The liaison records a reply the leader signed and sealed on paper, and sends it."""
    return _send_view(
        request, pk, action="send_paper_signed", form_class=forms.PaperSignatureForm, multipart=True,
        send=lambda reply, data: services.reply_record_paper_signature_and_send(
            reply=reply, actor=request.user, signer_name=data["signer_name"],
            document_number=data["document_number"], sealed_scan=data["sealed_scan"],
        ),
        success=_("The paper-signed reply is recorded and sent to the proposers."),
        intro=_("For a letter the leader signed and sealed on paper: who signed it, its document "
                "number and a scan of the sealed letter."),
    )


@unit_portal
def follow_up_complete(request, pk):
    reply = _reply_or_404(request.user, pk)
    a = reply.assignment
    try:
        permissions.require(request.user, "complete_follow_up", reply)
        if not reply.follow_up_open:
            raise TransitionError(_("This reply has no open follow-up."))
    except TransitionError as error:
        return _refused(request, a, error)
    form = forms.FollowUpForm(request.POST or None, committee_id=a.proposal.committee_id,
                              current_code_id=reply.result_code_id)
    if request.method == "POST" and form.is_valid():
        done = _attempt(
            request, a, form,
            lambda data: services.follow_up_complete(
                reply=reply, actor=request.user, note=data["note"], new_code=data["new_code"],
            ),
            _("The follow-up is reported."),
        )
        if done:
            return done
    intro = _("The unit promised to act by %(day)s. Report what was done; if the matter is now solved, "
              "give the new result code.") % {"day": reply.follow_up_due.isoformat() if reply.follow_up_due else "—"}
    return _action_page(request, a, action="complete_follow_up", form=form, extra={"reply": reply}, intro=intro)

