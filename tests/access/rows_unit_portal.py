"""Access rows of the handling unit's portal (/portal/unit/) and the supervision office's read-only view.

`extend` builds, through the services, accepted cases of our committee assigned to the unit of
users["unit_liaison"] (users["unit_leader"] is made a leader of that unit too, so both serve one
unit): one waiting to be signed for, one co-handling, one reply awaiting the leader's signature and
one sent in-plan (B) reply with its follow-up open. A case of a unit nobody here serves shows what
the supervision office reads; the same shapes in the other committee are nobody's business here.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from members.models.roles import Role, RoleAssignment
from members.services import role_grant
from proposals import services
from proposals.models import Category, Kind, ResultCode
from tests import factories
from tests.access.table import ADMIN_ROLES
from tests.access.world import PDF, ROLES

UNIT_STAFF = ("unit_liaison", "unit_leader")


def _case(com, session, proposer, reviewer, secretariat, units, title):
    services.rules_install_defaults(com)
    p = services.proposal_create_draft(
        actor=proposer, session=session, kind=Kind.BETWEEN, title=title, situation="情况", suggestions="建议",
        category=Category.objects.filter(committee=com).first(),
    )
    p = services.proposal_submit(proposal=p, actor=proposer)
    p = services.proposal_accept(proposal=p, actor=reviewer)
    return services.assignment_create(proposal=p, actor=secretariat, units=units)


def _reply(assignment, actor, code):
    return services.reply_save_draft(
        assignment=assignment, actor=actor, text="经研究，答复如下", contact_person="陈科长", contact_phone="0915-1234567",
        methods=["phone"], result_code=code,
        follow_up_due=assignment.due_date if code.opens_follow_up else None,
    )


def _proposer(com, objects):
    """A member of the term of their own (the world's "member" keeps no part in these cases)."""
    user = factories.user_with_role(Role.MEMBER, com)
    factories.membership(user.member, objects["terms"], sec=objects["sectors"], par=objects["parties"])
    return user


def _build(com, session, liaison, unit, proposer, reviewer, secretariat):
    """The cases of one committee for `unit` (whose liaison is `liaison`); returns the objects by key."""
    services.rules_install_defaults(com)
    code_a = ResultCode.objects.get(committee=com, code="A")
    code_b = ResultCode.objects.get(committee=com, code="B")
    case = lambda units, title: _case(com, session, proposer, reviewer, secretariat, units, title)  # noqa: E731
    (assignment,) = case([(unit, "single")], "待签收的案")
    _lead, co = case([(factories.unit(com), "lead"), (unit, "co")], "会办的案")
    (awaiting,) = case([(unit, "single")], "待签发的案")
    reply = _reply(awaiting, liaison, code_a)
    services.reply_submit_for_signature(reply=reply, actor=liaison)
    (replied,) = case([(unit, "single")], "已答复的案")
    reply_b = services.reply_record_paper_signature_and_send(
        reply=_reply(replied, liaison, code_b), actor=liaison, signer_name="张局长", document_number="教函〔2026〕1号",
        sealed_scan=SimpleUploadedFile("盖章答复函.pdf", PDF),
    )
    return {"unit_assignment": assignment, "unit_co": co, "unit_reply": reply, "unit_reply_b": reply_b,
            "unit_letter": reply_b.sealed_scan}


def extend(users, own, other):
    com, session = own["committees"], own["sessions"]
    liaison = users["unit_liaison"]
    unit = RoleAssignment.objects.get(user=liaison, role=Role.UNIT_LIAISON).unit
    role_grant(user=users["unit_leader"], role=Role.UNIT_LEADER, committee=com, unit=unit)
    proposer = _proposer(com, own)
    own.update(_build(com, session, liaison, unit, proposer, users["reviewer"], users["secretariat"]))
    (own["unit_foreign"],) = _case(
        com, session, proposer, users["reviewer"], users["secretariat"], [(factories.unit(com), "single")], "别的单位的案",
    )

    # The same shapes in the other committee, with its own people.
    ocom = other["committees"]
    other_unit = factories.unit(ocom)
    other_liaison = factories.user_with_role(Role.UNIT_LIAISON, ocom, unit=other_unit)
    other.update(_build(
        ocom, other["sessions"], other_liaison, other_unit, _proposer(ocom, other),
        factories.user_with_role(Role.REVIEWER, ocom), factories.user_with_role(Role.SECRETARIAT, ocom),
    ))


def codes(*shown, supervision_reads=False, admin_denied="A"):
    """O for `shown`; people of the admin are sent there (A); everyone else refused (N); anonymous logs in."""
    out = {}
    for role in ROLES:
        if role == "anon":
            out[role] = "L"
        elif role in shown or (supervision_reads and role == "supervision"):
            out[role] = "O"
        elif role in ADMIN_ROLES:
            out[role] = admin_denied
        else:
            out[role] = "N"
    return out


def rows():
    nobody = codes()
    return [
        ("proposals:unit_assignments", None, codes(*UNIT_STAFF, "other_unit", "supervision")),
        ("proposals:unit_assignment", "unit_assignment:own", codes(*UNIT_STAFF, supervision_reads=True)),
        ("proposals:unit_assignment", "unit_co:own", codes(*UNIT_STAFF, supervision_reads=True)),
        ("proposals:unit_assignment", "unit_foreign:own", codes(supervision_reads=True)),
        ("proposals:unit_assignment", "unit_assignment:other", nobody),
        ("proposals:unit_sign", "unit_assignment:own", codes(*UNIT_STAFF)),
        ("proposals:unit_sign", "unit_foreign:own", nobody),
        ("proposals:unit_sign", "unit_assignment:other", nobody),
        ("proposals:unit_request_return", "unit_assignment:own", codes(*UNIT_STAFF)),
        ("proposals:unit_request_return", "unit_assignment:other", nobody),
        ("proposals:unit_reply", "unit_assignment:own", codes(*UNIT_STAFF)),
        ("proposals:unit_reply", "unit_assignment:other", nobody),
        ("proposals:unit_co_opinion", "unit_co:own", codes(*UNIT_STAFF)),
        ("proposals:unit_co_opinion", "unit_co:other", nobody),
        ("proposals:unit_reply_sign", "unit_reply:own", codes("unit_leader")),
        ("proposals:unit_reply_sign", "unit_reply:other", nobody),
        ("proposals:unit_reply_send_back", "unit_reply:own", codes("unit_leader")),
        ("proposals:unit_reply_send_back", "unit_reply:other", nobody),
        ("proposals:unit_reply_paper", "unit_reply:own", codes(*UNIT_STAFF)),
        ("proposals:unit_reply_paper", "unit_reply:other", nobody),
        ("proposals:unit_follow_up", "unit_reply_b:own", codes(*UNIT_STAFF)),
        ("proposals:unit_follow_up", "unit_reply_b:other", nobody),
        # The sealed scan of a sent reply: the unit, the staff readers, supervision (and the proposer, not a world user).
        ("file_download", "unit_letter:own", codes(*UNIT_STAFF, "secretariat", "reviewer", "chair",
                                                   "admin", supervision_reads=True, admin_denied="N")),
        ("file_download", "unit_letter:other", codes("admin", admin_denied="N")),  # administrators are superusers
    ]
