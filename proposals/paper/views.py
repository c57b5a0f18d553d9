"""Printed forms (.docx) for the people of a proposal: the proposal form, a unit's list and the evaluation form.

Staff readers reach the same URLs from the admin pages. Whoever may not print a form gets 404 (no
hint that the record exists), as with private files.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect

from cppcc.wordtemplates import WordTemplateError
from members.models import Body, Session
from proposals import paper, permissions
from proposals.models import PaperTemplate, Proposal, Reply

Kind = PaperTemplate.Kind


def _respond(request, kind, committee_id, context, name):
    try:
        data = paper.render_form(kind, committee_id, context)
    except WordTemplateError as exc:  # only if the built-in template itself is broken
        messages.error(request, str(exc))
        return redirect("portal:home")
    return paper.docx_response(data, name)


@login_required
def proposal_form(request, pk):
    proposal = get_object_or_404(
        Proposal.objects.select_related("committee", "session__term", "category", "party", "sector",
                                        "special_committee", "reject_reason"),
        pk=pk,
    )
    if not permissions.may_print_proposal(request.user, proposal):
        raise Http404
    return _respond(
        request, Kind.PROPOSAL_FORM, proposal.committee_id, paper.proposal_context(proposal, request.user),
        paper.safe_name(paper.FILE_NAMES[Kind.PROPOSAL_FORM], proposal.case_number or proposal.receipt_number, proposal.title),
    )


@login_required
def unit_list(request, pk):
    """交办清单 of one unit in one session (?session=; default: the latest session with its cases)."""
    unit = get_object_or_404(Body.objects.select_related("committee"), pk=pk)
    if not permissions.may_print_unit_list(request.user, unit):
        raise Http404
    sessions = Session.objects.filter(committee_id=unit.committee_id).select_related("term")
    session = None
    if request.GET.get("session", "").isdigit():
        session = sessions.filter(pk=request.GET["session"]).first()
        if session is None:
            raise Http404
    session = session or paper.unit_sessions(unit).first() or sessions.order_by("-plenary_start", "-pk").first()
    if session is None:
        raise Http404
    return _respond(
        request, Kind.UNIT_LIST, unit.committee_id, paper.unit_list_context(unit, session),
        paper.safe_name(paper.FILE_NAMES[Kind.UNIT_LIST], unit.name, str(session)),
    )


@login_required
def evaluation_form(request, pk):
    """征询意见表 of a sent reply; an evaluator who has rated it gets it filled in."""
    reply = get_object_or_404(
        Reply.objects.select_related("assignment__unit", "assignment__proposal__committee",
                                     "assignment__proposal__session__term", "result_code"),
        pk=pk,
    )
    if not permissions.may_print_evaluation(request.user, reply):
        raise Http404
    case = reply.assignment.proposal
    return _respond(
        request, Kind.EVALUATION_FORM, case.committee_id,
        paper.evaluation_context(reply, paper.viewer_evaluation(request.user, reply)),
        paper.safe_name(paper.FILE_NAMES[Kind.EVALUATION_FORM], case.case_number or case.receipt_number, reply.assignment.unit.name),
    )
