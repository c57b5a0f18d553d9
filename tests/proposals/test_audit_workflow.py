"""Every proposal transition leaves one audit row (actor, proposal, from -> to). A refused one writes no
success row; during a request the refusal is written by the audit middleware after the service's
transaction has rolled back."""

import pytest
from django.utils import translation
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from cppcc.models import AuditAction, AuditEvent
from proposals import services
from proposals.models import ProposalEvent
from proposals.workflow import Status


def _workflow_rows(proposal):
    return list(AuditEvent.objects.filter(action=AuditAction.WORKFLOW, object_type__model="proposal",
                                          object_id=str(proposal.pk)).order_by("pk"))


def test_a_transition_is_recorded_once_with_actor_and_states(world):
    draft = world.draft()
    before = len(_workflow_rows(draft))
    proposal = services.proposal_submit(proposal=draft, actor=world.proposer.user)
    rows = _workflow_rows(proposal)[before:]
    assert len(rows) == ProposalEvent.objects.filter(proposal=proposal).count() - before == 1
    row = rows[0]
    assert row.actor == world.proposer.user and row.result == "success"
    # the states by their labels in the site's language, never their codes
    with translation.override("zh-hans"):
        assert f"{Status.DRAFT.label} → {Status.SUBMITTED.label}" in row.detail and row.detail.startswith("submit")
    assert f"{Status.DRAFT} -> " not in row.detail
    assert row.object_label == str(proposal)


def test_every_event_row_has_its_audit_row(world):
    proposal, _ = world.assigned()
    assert len(_workflow_rows(proposal)) == ProposalEvent.objects.filter(proposal=proposal).count()


def test_a_refused_transition_writes_no_success_row(world):
    proposal = world.submitted()
    before = AuditEvent.objects.filter(action=AuditAction.WORKFLOW, result="success").count()
    with pytest.raises(PermissionDenied):
        services.proposal_accept(proposal=proposal, actor=world.proposer.user)
    assert AuditEvent.objects.filter(action=AuditAction.WORKFLOW, result="success").count() == before


def test_a_refused_transition_in_a_request_is_recorded_after_the_rollback(world, rf):
    """The service's atomic block rolls back; the middleware writes the refusal once the view has returned."""
    from django.db import transaction

    from cppcc.audit_hooks import AuditMiddleware

    proposal = world.submitted()
    stranger = world.proposer.user

    def view(request):
        try:
            with transaction.atomic():  # as the view's own transaction would be
                services.proposal_accept(proposal=proposal, actor=stranger)
        except PermissionDenied:
            pass
        return HttpResponse("refused, told the person")

    request = rf.post("/some/action/", REMOTE_ADDR="203.0.113.9")
    request.user = stranger
    AuditMiddleware(view)(request)
    row = AuditEvent.objects.get(action=AuditAction.WORKFLOW, result="refused")
    assert (row.actor, row.object_id, row.ip_address) == (stranger, str(proposal.pk), "203.0.113.9")
    assert row.detail.startswith("accept refused")

