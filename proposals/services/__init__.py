"""Every write of proposals/: one function per action, keyword-only arguments, each atomic.

Each transition locks its rows (proposal, then assignment, then reply), checks workflow.TRANSITIONS
and the actor's capability, changes the state, records who, when and why (simple-history's change
reason and a dated ProposalEvent), writes duty-ledger entries through members.services, and queues
inbox notices on commit. Views and admin buttons call these and nothing else.
"""

from .filing import (
    MAX_ATTACHMENTS,
    proposal_attach,
    proposal_create_draft,
    proposal_detach,
    proposal_invite_cosigners,
    proposal_record_on_behalf,
    proposal_resubmit,
    proposal_submit,
    proposal_uninvite_cosigner,
    proposal_update_draft,
    proposal_withdraw,
    signer_confirm,
    signer_decline,
    submission_blockers,
)
from .publication import proposal_publish, proposal_unpublish
from .handling import (
    assignment_create,
    assignment_decide_return,
    assignment_extend,
    assignment_remind,
    assignment_request_return,
    assignment_sign,
    co_opinion_send,
)
from .replies import (
    evaluation_submit,
    follow_up_complete,
    reply_correct_code,
    reply_record_paper_signature_and_send,
    reply_save_draft,
    reply_send_back,
    reply_sign_and_send,
    reply_submit_for_signature,
)
from .review import (
    BatchResult,
    ReviewStage,
    batch_apply,
    proposal_accept,
    proposal_convert,
    proposal_merge,
    proposal_number,
    proposal_number_batch,
    proposal_reject,
    proposal_return_for_revision,
    proposal_review_stage,
)
from .rules import rules_install_defaults

__all__ = [
    "assignment_remind", "proposal_create_draft", "proposal_update_draft", "proposal_invite_cosigners", "proposal_uninvite_cosigner",
    "signer_confirm", "signer_decline", "proposal_submit", "proposal_resubmit", "proposal_record_on_behalf",
    "proposal_withdraw", "submission_blockers", "MAX_ATTACHMENTS", "proposal_attach", "proposal_detach",
    "ReviewStage", "proposal_review_stage", "proposal_return_for_revision", "proposal_accept", "proposal_number",
    "proposal_number_batch", "proposal_merge", "proposal_convert", "proposal_reject", "BatchResult", "batch_apply",
    "assignment_create", "assignment_extend", "assignment_sign", "assignment_request_return",
    "assignment_decide_return", "co_opinion_send",
    "reply_save_draft", "reply_submit_for_signature", "reply_send_back", "reply_sign_and_send",
    "reply_record_paper_signature_and_send", "reply_correct_code", "follow_up_complete", "evaluation_submit",
    "rules_install_defaults", "proposal_publish", "proposal_unpublish",
]
