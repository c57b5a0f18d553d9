from .rules import Category, NationalClass, ProposalSettings, RejectReason, ResultCode
from .proposal import Counter, Kind, Proposal, ProposalAttachment, ProposalEvent, ProposerType, Signer
from .handling import (
    Assignment,
    CodeCorrection,
    CoOpinion,
    CommunicationMethod,
    Evaluation,
    Extension,
    Reply,
    Satisfaction,
)
from .opinion import OpinionReport
from .publication import PaperTemplate, ProposalIndexPage, Publication
from .saved_filter import SavedFilter

__all__ = [
    "Category", "NationalClass", "ProposalSettings", "RejectReason", "ResultCode",
    "Counter", "Kind", "Proposal", "ProposalAttachment", "ProposalEvent", "ProposerType", "Signer",
    "Assignment", "CodeCorrection", "CoOpinion", "CommunicationMethod", "Evaluation", "Extension", "Reply",
    "Satisfaction", "OpinionReport", "PaperTemplate", "ProposalIndexPage", "Publication",
    "SavedFilter",
]
