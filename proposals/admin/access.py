"""Who sees which proposal records in the admin, and which action buttons a person gets.

A button is shown only when workflow.TRANSITIONS allows the action from the record's current state
and proposals.permissions says the person holds the action's capability (or, for steps recorded
on someone's behalf, is the committee's secretariat). The action views ask the same questions, so a
hidden button is also a refused URL; the services check everything once more.
"""

from django.db.models import Q

from proposals import permissions
from proposals.permissions import may
from proposals.models import Signer
from proposals.workflow import TRANSITIONS


def scope_by(path, *, drafts_path=None):
    """A viewset scope: rows of the committees where the user is a staff reader (superusers: all).

    With `drafts_path` (the proposal's submitted_at), drafts stay with the secretariat: a member's
    unfiled draft is not the committee's business yet (proposals.permissions.can_view_proposal).
    """

    def scope(user, queryset):
        if getattr(user, "is_superuser", False):
            return queryset
        queryset = queryset.filter(**{f"{path}__in": permissions.staff_committee_ids(user)})
        if drafts_path:
            queryset = queryset.filter(
                Q(**{f"{drafts_path}__isnull": False}) | Q(**{f"{path}__in": permissions.secretariat_committee_ids(user)})
            )
        return queryset

    return staticmethod(scope)


proposal_scope = scope_by("committee_id", drafts_path="submitted_at")


def members_draft_q():
    """A member's own unfiled draft: never listed, searched, exported or printed from the admin's list,
    for anyone (superusers too). The office's own paper drafts (代录) are listed; a member's draft stays
    reachable by its link for the secretariat, which records a co-signer's paper signature on it."""
    return Q(submitted_at__isnull=True, recorded_on_behalf=False)


def listed_proposals(user, queryset):
    return proposal_scope(user, queryset).exclude(members_draft_q())


assignment_scope = scope_by("proposal__committee_id")
reply_scope = scope_by("assignment__proposal__committee_id")
rules_scope = scope_by("committee_id")




# ---- the buttons of each record: (key, label, URL name, query string)

CONVERSIONS = {"convert_opinion": "opinion", "convert_social": "social", "convert_letter": "letter"}


def proposal_actions(user, proposal) -> list[dict]:
    """The proposal's buttons, in the order a clerk works through a proposal."""
    buttons = []

    def add(key, url_name, label=None, query="", primary=False):
        buttons.append({"key": key, "label": label or TRANSITIONS[key].label, "url_name": url_name,
                        "query": query, "primary": primary})

    for key in ("review_stage", "accept"):
        if may(user, key, proposal):
            add(key, f"proposal_admin:{key}", primary=key == "accept")
    if may(user, "number", proposal) and proposal.case_seq is None:
        add("number", "proposal_admin:number", primary=True)
    if may(user, "assign", proposal):
        add("assign", "proposal_admin:assign", primary=True)
    if may(user, "merge", proposal):
        add("merge", "proposal_admin:merge")
    for key, to in CONVERSIONS.items():
        if may(user, key, proposal):
            add(key, "proposal_admin:convert", query=f"?to={to}")
    for key in ("reject", "return_for_revision"):
        if may(user, key, proposal):
            add(key, f"proposal_admin:{key}")
    if may(user, "withdraw", proposal, on_behalf=True):
        add("withdraw", "proposal_admin:withdraw", label=on_behalf_label(TRANSITIONS["withdraw"].label))
    if may(user, "confirm_cosign", proposal, on_behalf=True) and invited_signers(proposal).exists():
        add("confirm_cosign", "proposal_admin:cosign_on_behalf", label=on_behalf_label(TRANSITIONS["confirm_cosign"].label))
    return buttons


def assignment_actions(user, assignment) -> list[dict]:
    buttons = []
    if may(user, "extend", assignment):
        buttons.append({"key": "extend", "label": TRANSITIONS["extend"].label, "url_name": "assignments:extend"})
    if may(user, "accept_return", assignment):
        buttons.append({"key": "decide_return", "label": _decide_label(), "url_name": "assignments:decide_return"})
    if permissions.may_remind(user, assignment):
        buttons.append({"key": "remind", "label": _remind_label(), "url_name": "assignments:remind"})
    if permissions.may_reply_on_behalf(user, assignment):
        buttons.append({"key": "reply_on_behalf", "label": on_behalf_label(TRANSITIONS["send_paper_signed"].label),
                        "url_name": "assignments:reply_on_behalf"})
    return buttons


def reply_actions(user, reply, *, pending_slots=True) -> list[dict]:
    buttons = []
    if may(user, "correct_code", reply):
        buttons.append({"key": "correct_code", "label": TRANSITIONS["correct_code"].label, "url_name": "replies:correct_code"})
    if pending_slots and may(user, "evaluate", reply, on_behalf=True):
        buttons.append({"key": "evaluate", "label": on_behalf_label(TRANSITIONS["evaluate"].label),
                        "url_name": "replies:evaluate_on_behalf"})
    return buttons


def invited_signers(proposal):
    return proposal.signers.filter(status=Signer.State.INVITED, position=Signer.Position.COSIGNER).select_related("member")


def on_behalf_label(label) -> str:
    from django.utils.translation import gettext

    return gettext("%(action)s (recorded on behalf)") % {"action": label}


def _decide_label() -> str:
    from django.utils.translation import gettext

    return gettext("Decide the return request")


def _remind_label() -> str:
    from django.utils.translation import gettext

    return gettext("Send a reminder (催办)")
