from .organisation import (
    ActivityGroup,
    Body,
    Committee,
    Party,
    Sector,
    Session,
    SpecialCommittee,
    Term,
)
from .people import Member, TermMembership
from .roles import RoleAssignment
from .ledger import DutyEntry
from .security import AccountSecurity, LoginPolicy

__all__ = [
    "ActivityGroup", "Body", "Committee", "Party", "Sector", "Session", "SpecialCommittee", "Term",
    "Member", "TermMembership", "RoleAssignment", "DutyEntry",
    "AccountSecurity", "LoginPolicy",
]
