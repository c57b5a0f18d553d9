"""Access rows of the printed forms: /portal/paper/ (proposal form, a unit's list, evaluation form) and
the admin's "Printed forms" (/admin/paper_forms/: templates, built-in templates, list of cases).

Objects: the member portal plugin's proposal (mp_proposal: filed by "member", co-signed by "cosigner"),
its draft (mp_draft, "cosigner" invited) and its sent reply (mp_reply, "member" evaluates it); the unit
portal plugin's reply awaiting signature (unit_reply, not sent: no form) and the other committee's sent
reply (unit_reply_b). Here: the unit of users["unit_liaison"] (paper_unit) and an uploaded template in
each committee (paper_template).
"""

from cppcc.services import file_store
from members.models.roles import Role, RoleAssignment
from proposals import paper
from proposals.models import PaperTemplate
from tests.access.table import outcome
from tests.access.world import ROLES

STAFF = ("secretariat", "reviewer", "chair", "admin")  # proposals.permissions.STAFF_READERS
MANAGERS = ("secretariat", "admin")
SUPERUSER = ("admin",)


def _template(committee, user):
    stored = file_store(content=paper.builtin_bytes("proposal_form"), name="模板.docx", user=user)
    return PaperTemplate.objects.create(committee=committee, kind=PaperTemplate.Kind.PROPOSAL_FORM, file=stored, uploaded_by=user)


def extend(users, own, other):
    own["paper_unit"] = RoleAssignment.objects.get(user=users["unit_liaison"], role=Role.UNIT_LIAISON).unit
    other["paper_unit"] = other["bodies"]
    own["paper_template"] = _template(own["committees"], users["secretariat"])
    other["paper_template"] = _template(other["committees"], None)


def portal(*shown):
    """Portal downloads: shown to `shown`, refused (404) to everyone else; anonymous visitors log in."""
    return {r: "L" if r == "anon" else "O" if r in shown else "N" for r in ROLES}


def rows():
    return [
        ("proposals:paper_proposal", "mp_proposal:own", portal("member", "cosigner", *STAFF)),
        ("proposals:paper_proposal", "mp_draft:own", portal("member", "cosigner", "secretariat", "admin")),
        ("proposals:paper_proposal", "mp_proposal:other", portal(*SUPERUSER)),
        ("proposals:paper_unit_list", "paper_unit:own", portal("unit_liaison", "unit_leader", "supervision", *STAFF)),
        ("proposals:paper_unit_list", "paper_unit:other", portal(*SUPERUSER)),
        ("proposals:paper_evaluation", "mp_reply:own", portal("member", *STAFF)),
        ("proposals:paper_evaluation", "unit_reply:own", portal()),  # not sent yet
        ("proposals:paper_evaluation", "unit_reply_b:other", portal(*SUPERUSER)),
        ("paper_forms:index", None, outcome(STAFF)),
        ("paper_forms:upload", "arg:proposal_form", outcome(MANAGERS)),
        ("paper_forms:builtin", "arg:evaluation_form", outcome(STAFF)),
        ("paper_forms:remove", "paper_template:own", outcome(MANAGERS)),
        ("paper_forms:remove", "paper_template:other", outcome(SUPERUSER)),
        ("paper_forms:case_list", "sessions:own", outcome(STAFF)),
        ("paper_forms:case_list", "sessions:other", outcome(SUPERUSER)),
    ]
