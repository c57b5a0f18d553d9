"""The member portal (/portal/proposals/): my proposals, filing and co-signing, the proposal page with
its replies and the evaluation of each reply. Collective-proposer accounts use it as members do.

Views are thin: find the object and check who may see it (a stranger gets 404, not a hint), parse a
form, call one service, and show what the service refuses next to the field or as a message.
Every action page answers GET with a short confirmation page, so it also works without scripts
and can be opened from an inbox link.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cppcc import clock
from cppcc.files import user_can_read
from cppcc.forms import create_once
from cppcc.inbox_views import register_link
from members import permissions as member_permissions
from members.onboarding import term_ended, unlinked_member_login
from members.views import unlinked_page
from members.models import Member, TermMembership
from proposals import permissions, selectors, services
from proposals.errors import TransitionError
from proposals.models import Assignment, Kind, Proposal, ProposalAttachment, ProposalSettings, Reply, Satisfaction, Signer
from proposals.selectors import PROPOSAL_JOINS, Filer
from proposals.workflow import ReplyStatus, Status, flags

from .member_forms import (
    AnswerForm, AttachmentForm, EvaluationForm, InviteForm, ProposalFilterForm, ProposalForm, WithdrawForm, add_service_errors,
    error_text, organisation_choices,
)

SERVICE_ERRORS = (TransitionError, PermissionDenied, ValidationError)
PER_PAGE = 50
SEARCH_LIMIT = 30


# ---- who files, and what they may see


def _filer(request):
    """The Filer, or the response for someone who files nothing (admin people go to the admin)."""
    filer = Filer(request.user)
    if filer:
        return filer, None
    if member_permissions.uses_admin(request.user):
        return None, redirect("wagtailadmin_home")
    if unlinked_member_login(request.user):
        return None, unlinked_page(request)
    raise PermissionDenied(_("Only members and collective-proposer accounts file proposals."))


def _visible(request, pk) -> Proposal:
    proposal = get_object_or_404(Proposal.objects.select_related(*PROPOSAL_JOINS), pk=pk)
    if not permissions.can_view_proposal(request.user, proposal):
        raise Http404
    return proposal


def _owned(request, pk) -> Proposal:
    """A proposal the user files (first proposer or the organisation's account); readers get 403."""
    proposal = _visible(request, pk)
    if not permissions.is_proposer(request.user, proposal):
        raise PermissionDenied(_("Only the first proposer (or the proposing organisation) may do this."))
    return proposal


def _detail(proposal, anchor=""):
    return redirect(proposal.get_absolute_url() + (f"#{anchor}" if anchor else ""))


# ---- my proposals


@login_required
def proposal_list(request):
    filer, response = _filer(request)
    if response:
        return response
    sessions = filer.sessions()
    form = ProposalFilterForm(request.GET or None, sessions=sessions)
    qs = filer.proposals()
    if form.is_valid():
        if form.cleaned_data["session"]:
            qs = qs.filter(session=form.cleaned_data["session"])
        if form.cleaned_data["status"]:
            qs = qs.filter(status=form.cleaned_data["status"])
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "proposals/portal/member/list.html", {
        "form": form, "page": page, "proposals": page.object_list, "invitations": filer.invitations(),
        "filer": filer, "query": query.urlencode(), "filtered": bool(form.is_bound and form.has_changed()),
    })


# ---- drafts


def _form_kwargs(filer, proposal=None):
    return {
        "committee": proposal.committee_id if proposal else filer.committee_id,
        "sessions": filer.sessions(), "organisations": organisation_choices(filer.collective),
        "as_member": filer.member is not None, "proposal": proposal,
    }


def _attachment_hint() -> dict:
    from cppcc.files import accepted_types_text

    return {"max_attachments": services.MAX_ATTACHMENTS, "accepted_types": accepted_types_text()}


def _cap(committee_id) -> int:
    return selectors.settings_for(committee_id).body_max_chars


@login_required
@require_http_methods(["GET", "POST"])
def proposal_create(request):
    filer, response = _filer(request)
    if response:
        return response
    if filer.member is not None and not filer.collective and term_ended(filer.member):
        messages.error(request, _("Your term has ended: you can read your proposals and record, but file no new ones."))
        return redirect("proposals:member_list")
    kwargs = _form_kwargs(filer)
    today = clock.today()
    form = ProposalForm(request.POST or None, **kwargs)
    if not form.is_bound:
        # The open session by default (a plenary proposal); out of every window, the current session's
        # between-session proposal.
        offered = list(form.fields["session"].queryset)
        open_now = next((s for s in offered if selectors.filing_window_open(s, today)), None)
        current = open_now or next((s for s in offered if s.filing_opens <= today), None)
        form.initial.update({"kind": Kind.PLENARY if open_now else Kind.BETWEEN, "session": current.pk if current else None})
    if request.method == "POST" and form.is_valid():
        content = form.content()
        created = create_once(request, form, lambda: services.proposal_create_draft(
            actor=request.user, organisation=form.chosen_organisation(), **content,
        ), url=lambda proposal: proposal.get_absolute_url(), errors=SERVICE_ERRORS)
        if created.repeated:  # the same form again (a double click): what the first POST made
            return redirect(created.again)
        if created.obj is not None:
            messages.success(request, _("The draft is saved. Invite co-signers or submit it when it is ready."))
            return _detail(created.obj)
    return render(request, "proposals/portal/member/form.html", {
        "form": form, "proposal": None, "body_max_chars": _cap(filer.committee_id), **_attachment_hint(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def proposal_edit(request, pk):
    proposal = _owned(request, pk)
    if not flags(proposal.status).can_edit:
        messages.error(request, _("This proposal can no longer be edited."))
        return _detail(proposal)
    form = ProposalForm(request.POST or None, **_form_kwargs(Filer(request.user), proposal))
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_update_draft(proposal=proposal, actor=request.user, **form.content())
        except SERVICE_ERRORS as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your changes are saved."))
            return _detail(proposal)
    return render(request, "proposals/portal/member/form.html", {
        "form": form, "proposal": proposal, "body_max_chars": _cap(proposal.committee_id), **_attachment_hint(),
    })


# ---- the similar-proposal hint while drafting (proposals.search)


def similar_results(filer, title, *, exclude=None, request=None) -> list[dict]:
    """The drafting hint's rows (selectors.similar_proposals), each linked to the page the filer may open."""
    from proposals import public

    rows = selectors.similar_proposals(filer, title, exclude=exclude)
    page = public.index_page() if any(not r.mine for r in rows) else None
    results = []
    for r in rows:
        url = r.get_absolute_url() if r.mine else public.case_url(r.pk, request, page=page)
        results.append({
            "title": r.title, "number": r.case_number or r.receipt_number, "session": str(r.session),
            "status": r.get_status_display(), "mine": r.mine, "url": url or "", "matched": r.matched,
        })
    return results


@login_required
@require_http_methods(["GET"])
def similar(request):
    """JSON for the drafting form: proposals like the title being typed (`?title=...&exclude=<pk>`)."""
    filer, response = _filer(request)
    if response:
        return response
    exclude = request.GET.get("exclude", "")
    results = similar_results(filer, request.GET.get("title", "")[:200],
                                exclude=int(exclude) if exclude.isdigit() else None, request=request)
    return JsonResponse({"results": results})


# ---- co-signers


def _candidates(proposal, query, exclude_ids):
    """Members of the session's term matching a name, member number or sector (a few, to pick from)."""
    query = (query or "").strip()
    if not query:
        return []
    term_memberships = TermMembership.objects.filter(term_id=proposal.session.term_id).select_related("sector", "party")
    return list(
        Member.objects.filter(committee_id=proposal.committee_id, memberships__term_id=proposal.session.term_id)
        .filter(Q(name__icontains=query) | Q(member_number__istartswith=query)
                | Q(pk__in=term_memberships.filter(sector__name__icontains=query).values("member_id")))
        .exclude(pk__in=exclude_ids)
        .prefetch_related(Prefetch("memberships", queryset=term_memberships, to_attr="term_memberships"))
        .order_by("name", "member_number")[:SEARCH_LIMIT]
    )


def _cosigner_context(request, proposal, form=None):
    signers = list(proposal.signers.select_related("member").order_by("order", "pk"))
    taken = [s.member_id for s in signers if s.status in (Signer.State.INVITED, Signer.State.CONFIRMED)]
    query = request.GET.get("q", "")
    candidates = _candidates(proposal, query, taken)
    return {
        "proposal": proposal, "signers": [s for s in signers if s.position == Signer.Position.COSIGNER],
        "q": query, "candidates": candidates, "form": form or InviteForm(candidates=candidates),
        "deadline": selectors.invitation_deadline(proposal),
        "block": selectors.settings_for(proposal.committee_id).unconfirmed_cosigners == ProposalSettings.UnconfirmedCosigners.BLOCK,
    }


def _cosigning_open(request, proposal):
    if proposal.is_collective:
        messages.error(request, _("A collective proposal has no co-signers."))
        return False
    if not flags(proposal.status).can_edit:
        messages.error(request, _("Co-signers can only change while the proposal is a draft or returned for revision."))
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
def cosigners(request, pk):
    proposal = _owned(request, pk)
    if not _cosigning_open(request, proposal):
        return _detail(proposal)
    if request.method == "POST":
        ids = request.POST.getlist("members")
        chosen = list(Member.objects.filter(pk__in=[i for i in ids if i.isdigit()], committee_id=proposal.committee_id))
        form = InviteForm(request.POST, candidates=chosen)
        if form.is_valid():
            try:
                invited = services.proposal_invite_cosigners(proposal=proposal, actor=request.user, members=chosen)
            except SERVICE_ERRORS as exc:
                messages.error(request, error_text(exc))
            else:
                if invited:
                    messages.success(request, _("Invited: %(names)s. Each of them must confirm.") % {
                        "names": "、".join(s.member.name for s in invited)})
                else:
                    messages.info(request, _("They were already invited."))
                return redirect("proposals:member_cosigners", pk=proposal.pk)
        else:
            messages.error(request, _("Tick the members to invite."))
    return render(request, "proposals/portal/member/cosigners.html", _cosigner_context(request, proposal))


@login_required
@require_http_methods(["GET", "POST"])
def uninvite(request, pk):
    signer = get_object_or_404(Signer.objects.select_related("member"), pk=pk, position=Signer.Position.COSIGNER)
    proposal = _owned(request, signer.proposal_id)
    if not _cosigning_open(request, proposal):
        return _detail(proposal)
    if signer.status not in (Signer.State.INVITED, Signer.State.CONFIRMED):
        messages.info(request, _("%(name)s is no longer a co-signer.") % {"name": signer.member.name})
        return redirect("proposals:member_cosigners", pk=proposal.pk)
    if request.method == "POST":
        try:
            services.proposal_uninvite_cosigner(proposal=proposal, actor=request.user, member=signer.member)
        except SERVICE_ERRORS as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("%(name)s is removed from the co-signers.") % {"name": signer.member.name})
        return redirect("proposals:member_cosigners", pk=proposal.pk)
    return render(request, "proposals/portal/member/uninvite.html", {"proposal": proposal, "signer": signer})


# ---- attachments


def _attachments(proposal):
    return list(proposal.attachments.select_related("file").order_by("uploaded_at", "pk"))


@login_required
@require_http_methods(["GET", "POST"])
def attach(request, pk):
    """The proposer adds one file while the proposal can be edited."""
    proposal = _owned(request, pk)
    if not flags(proposal.status).can_edit:
        messages.error(request, _("Attachments can only change while the proposal is a draft or returned for revision."))
        return _detail(proposal)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_attach(proposal=proposal, actor=request.user, uploaded=form.cleaned_data["file"])
        except SERVICE_ERRORS as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The file is attached."))
            return _detail(proposal, "attachments")
    return render(request, "proposals/portal/member/attach.html", {
        "proposal": proposal, "form": form, "attachments": _attachments(proposal),
        "max_attachments": services.MAX_ATTACHMENTS,
    })


@login_required
@require_http_methods(["GET", "POST"])
def detach(request, pk):
    attachment = get_object_or_404(ProposalAttachment.objects.select_related("file"), pk=pk)
    proposal = _owned(request, attachment.proposal_id)
    if not flags(proposal.status).can_edit:
        messages.error(request, _("Attachments can only change while the proposal is a draft or returned for revision."))
        return _detail(proposal)
    if request.method == "POST":
        try:
            services.proposal_detach(proposal=proposal, actor=request.user, attachment=attachment)
        except SERVICE_ERRORS as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("%(name)s is removed.") % {"name": attachment.file.name})
        return _detail(proposal, "attachments")
    return render(request, "proposals/portal/member/detach.html", {"proposal": proposal, "attachment": attachment})


@login_required
@require_http_methods(["GET", "POST"])
def invitation(request, pk):
    """The invited member reads the proposal and confirms or declines co-signing."""
    signer = get_object_or_404(
        Signer.objects.select_related("member", "proposal__session__term", "proposal__category"),
        pk=pk, position=Signer.Position.COSIGNER,
    )
    if signer.member.user_id != request.user.pk:
        raise Http404
    proposal = signer.proposal
    if signer.status != Signer.State.INVITED or not flags(proposal.status).can_edit:
        messages.info(request, _("This invitation has already been answered or withdrawn."))
        return _detail(proposal) if permissions.can_view_proposal(request.user, proposal) else redirect("proposals:member_list")
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        answer = form.cleaned_data["answer"]
        try:
            if answer == "confirm":
                services.signer_confirm(signer=signer, actor=request.user)
            else:
                services.signer_decline(signer=signer, actor=request.user, reason=form.cleaned_data["reason"])
        except SERVICE_ERRORS as exc:
            messages.error(request, error_text(exc))
        else:
            if answer == "confirm":
                messages.success(request, _("You co-sign “%(title)s”.") % {"title": proposal.title})
                return _detail(proposal)
            messages.success(request, _("You declined to co-sign “%(title)s”.") % {"title": proposal.title})
            return redirect("proposals:member_list")
    deadline = selectors.invitation_deadline(proposal)
    return render(request, "proposals/portal/member/invitation.html", {
        "signer": signer, "proposal": proposal, "form": form, "first": selectors.first_signer(proposal),
        "deadline": deadline, "expired": deadline is not None and clock.today() > deadline,
    })


# ---- submission and withdrawal


@login_required
@require_http_methods(["GET", "POST"])
def submit(request, pk):
    """Submit a draft (it gets its receipt number), or resubmit after revision."""
    proposal = _owned(request, pk)
    if proposal.status not in (Status.DRAFT, Status.RETURNED):
        messages.info(request, _("This proposal has already been submitted."))
        return _detail(proposal)
    resubmit = proposal.status == Status.RETURNED
    if request.method == "POST":
        try:
            if resubmit:
                proposal = services.proposal_resubmit(proposal=proposal, actor=request.user)
            else:
                proposal = services.proposal_submit(proposal=proposal, actor=request.user)
        except SERVICE_ERRORS as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("Submitted. Receipt number: %(number)s") % {"number": proposal.receipt_number})
            return _detail(proposal)
    pending = list(proposal.signers.filter(status=Signer.State.INVITED).select_related("member"))
    rules = selectors.settings_for(proposal.committee_id)
    return render(request, "proposals/portal/member/submit.html", {
        "proposal": proposal, "resubmit": resubmit, "pending": pending,
        "block": rules.unconfirmed_cosigners == ProposalSettings.UnconfirmedCosigners.BLOCK,
        # What the service would refuse: the button is disabled and says why (issue #11).
        "blockers": services.submission_blockers(proposal, day=clock.today(), resubmit=resubmit),
        "body_max_chars": rules.body_max_chars,
    })


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, pk):
    proposal = _owned(request, pk)
    if not flags(proposal.status).can_withdraw:
        messages.info(request, _("This proposal can no longer be withdrawn."))
        return _detail(proposal)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_withdraw(proposal=proposal, actor=request.user, reason=form.cleaned_data["reason"])
        except SERVICE_ERRORS as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The proposal is withdrawn."))
            return _detail(proposal)
    return render(request, "proposals/portal/member/withdraw.html", {"proposal": proposal, "form": form})


# ---- the proposal page


def _replies(request, case, today):
    """Sent replies of the case (never drafts or replies awaiting signature), each with the
    evaluations given and, for the user who holds an evaluation slot, their form or their state."""
    replies = list(
        Reply.objects.filter(assignment__proposal=case, status=ReplyStatus.SENT)
        .select_related("assignment__unit", "result_code", "letter", "sealed_scan")
        .order_by("sent_at", "pk")
    )
    rules = selectors.settings_for(case.committee_id) if replies else None
    for reply in replies:
        state = selectors.evaluation_state(reply, today)
        slot = permissions.evaluator_slot(request.user, reply, [s.slot for s in state.slots])
        reply.deadline = state.deadline
        reply.rated = [s for s in state.slots if s.evaluation is not None]
        reply.my_state = next((s for s in state.slots if s.slot == slot), None) if slot else None
        reply.form = None
        if reply.my_state is not None and reply.my_state.state == "pending":
            reply.form = EvaluationForm(rate_separately=rules.rate_separately, auto_id=f"r{reply.pk}_%s")
        reply.files = [f for f in (reply.letter, reply.sealed_scan) if f is not None and user_can_read(request.user, f)]
    return replies


@login_required
def proposal_detail(request, pk):
    proposal = _visible(request, pk)
    user = request.user
    state = flags(proposal.status)
    is_proposer = permissions.is_proposer(user, proposal)
    signers = list(proposal.signers.select_related("member", "sector", "party").order_by("order", "pk"))
    member = permissions.member_of(user)
    my_invitation = next(
        (s for s in signers if member is not None and s.member_id == member.pk and s.status == Signer.State.INVITED
         and s.position == Signer.Position.COSIGNER and state.can_edit), None,
    )
    case = proposal.merged_into if proposal.status == Status.MERGED else proposal
    today = clock.today()
    is_case = flags(case.status).is_case
    assignments = list(
        case.assignments.filter(active=True).select_related("unit").order_by("round", "pk")
    ) if is_case else []
    rules = selectors.settings_for(proposal.committee_id)
    can_submit = is_proposer and proposal.status in (Status.DRAFT, Status.RETURNED)
    return render(request, "proposals/portal/member/detail.html", {
        "proposal": proposal, "signers": signers, "is_proposer": is_proposer, "flags": state,
        "can_edit": is_proposer and state.can_edit, "can_withdraw": is_proposer and state.can_withdraw,
        "can_invite": is_proposer and state.can_edit and not proposal.is_collective,
        "can_submit": can_submit,
        # What submission would refuse: the button is disabled and says why (issue #11).
        "submit_blockers": services.submission_blockers(
            proposal, day=today, resubmit=proposal.status == Status.RETURNED) if can_submit else [],
        "my_invitation": my_invitation, "invitation_deadline": selectors.invitation_deadline(proposal, rules),
        "case": case, "case_visible": case.pk == proposal.pk or permissions.can_view_proposal(user, case),
        "assignments": assignments, "replies": _replies(request, case, today) if is_case else [],
        "events": selectors.timeline(proposal, for_proposer=True), "body_max_chars": rules.body_max_chars,
        "show_outcome": proposal.status not in (Status.DRAFT, Status.SUBMITTED, Status.UNDER_REVIEW),
        "rate_separately": rules.rate_separately,
        "attachments": _attachments(proposal), "attachment_form": AttachmentForm(),
        "max_attachments": services.MAX_ATTACHMENTS,
    })


# ---- evaluation


@login_required
@require_http_methods(["GET", "POST"])
def evaluate(request, pk):
    """The evaluator the settings name rates a sent reply; 不满意 opens re-handling."""
    reply = get_object_or_404(
        Reply.objects.select_related(
            "assignment__proposal__session__term", "assignment__unit", "result_code", "letter", "sealed_scan",
        ),
        pk=pk, status=ReplyStatus.SENT,
    )
    case = reply.assignment.proposal
    today = clock.today()
    state = selectors.evaluation_state(reply, today)
    slot = permissions.evaluator_slot(request.user, reply, [s.slot for s in state.slots])
    if slot is None:
        if any(permissions.can_view_proposal(request.user, p) for p in [case] + selectors.merged_into(case)):
            raise PermissionDenied(_("You are not asked to evaluate this reply."))
        raise Http404
    mine = next(s for s in state.slots if s.slot == slot)
    rules = selectors.settings_for(case.committee_id)
    form = EvaluationForm(request.POST or None, rate_separately=rules.rate_separately)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            evaluation = services.evaluation_submit(
                reply=reply, actor=request.user, overall=data.get("overall", ""), process=data.get("process", ""),
                result=data.get("result", ""), comment=data.get("comment", ""),
            )
        except SERVICE_ERRORS as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Thank you: your evaluation is recorded."))
            if evaluation.overall == Satisfaction.UNSATISFIED:
                second = Assignment.objects.filter(
                    proposal=case, unit=reply.assignment.unit, round=2, active=True,
                ).first()
                if second is not None:
                    messages.warning(request, _(
                        "You are not satisfied, so re-handling is opened: %(unit)s must reply again by %(due)s."
                    ) % {"unit": second.unit, "due": second.due_date.isoformat()})
            return _detail(slot.proposal, f"reply-{reply.pk}")
    return render(request, "proposals/portal/member/evaluate.html", {
        "reply": reply, "proposal": slot.proposal, "case": case, "form": form, "mine": mine,
        "deadline": state.deadline,
        "files": [f for f in (reply.letter, reply.sealed_scan) if f is not None and user_can_read(request.user, f)],
    })


# ---- where an inbox message about a reply or an assignment leads a proposer


@register_link(Reply)
def _reply_link(reply, user):
    """A proposer opens their proposal page at the reply; the unit's people keep the default."""
    return _party_link(user, reply.assignment, f"reply-{reply.pk}")


@register_link(Assignment)
def _assignment_link(assignment, user):
    return _party_link(user, assignment, "assignments")


def _party_link(user, assignment, anchor) -> str:
    if permissions.is_unit_staff(user, assignment.unit_id):
        return ""
    case = assignment.proposal
    for proposal in [case] + selectors.merged_into(case):
        if permissions.is_party(user, proposal):
            return f"{proposal.get_absolute_url()}#{anchor}"
    return ""
