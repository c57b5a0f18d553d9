"""Access rows of the member portal (/portal/proposals/) and the inbox (/inbox/).

Objects (keys prefixed mp_ so other plugins' keys never collide):
- mp_proposal: a joint between-session proposal filed by "member", co-signed (confirmed) by "cosigner",
  submitted, accepted and assigned to a unit of its own (none of the role users' units), whose reply
  has been sent;
- mp_reply: that reply ("member", the first proposer, is the one asked to evaluate it);
- mp_draft: a second draft of "member" with "cosigner" invited and not answered yet;
- mp_invitation: that invitation (the Signer row);
- mp_attachment: a file "member" attached to that draft;
- mp_message: an inbox message to "member"; other: a message to someone else, and a proposal of the
  other committee.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from cppcc import inbox
from cppcc.models import Message
from members.models import TermMembership
from members.models.roles import Role
from members.services import role_grant
from proposals import services
from proposals.models import Category, Kind, ResultCode
from tests import factories
from tests.access.world import PDF, ROLES

FILERS = ("member", "collective", "cosigner", "other_member")
PORTAL_NON_FILERS = ("unit_liaison", "unit_leader", "supervision", "other_unit")


def _membership(member, objects):
    TermMembership.objects.get_or_create(
        member=member, term=objects["terms"],
        defaults={"sector": objects["sectors"], "party": objects["parties"], "start_date": objects["terms"].start_date},
    )


def _draft(user, objects, title):
    return services.proposal_create_draft(
        actor=user, session=objects["sessions"], kind=Kind.BETWEEN, title=title,
        category=Category.objects.filter(committee=objects["committees"]).first(),
        situation="情况分析。", suggestions="具体建议。",
    )


def extend(users, own, other):
    services.rules_install_defaults(own["committees"])
    services.rules_install_defaults(other["committees"])
    for role in ("member", "cosigner", "other_member"):
        _membership(users[role].member, own)
    member, cosigner = users["member"], users["cosigner"]

    proposal = _draft(member, own, "关于改善农村饮水的提案")
    services.proposal_invite_cosigners(proposal=proposal, actor=member, members=[cosigner.member])
    services.signer_confirm(signer=proposal.signers.get(member=cosigner.member), actor=cosigner)
    services.proposal_submit(proposal=proposal, actor=member)
    services.proposal_accept(proposal=proposal, actor=users["reviewer"])
    # A unit of its own, so no relation user's unit (other plugins may arrange those) holds the case.
    unit = factories.unit(own["committees"], name="县水利局")
    liaison = factories.user_with_role(Role.UNIT_LIAISON, own["committees"], unit=unit)
    (assignment,) = services.assignment_create(proposal=proposal, actor=users["secretariat"], units=[(unit, "single")])
    reply = services.reply_save_draft(
        assignment=assignment, actor=liaison, text="经研究，答复如下。", contact_person="陈科长",
        contact_phone="0915-1234567", methods=["phone"],
        result_code=ResultCode.objects.get(committee=own["committees"], code="A"),
    )
    reply = services.reply_record_paper_signature_and_send(
        reply=reply, actor=liaison, signer_name="王局长", document_number="卫函〔2007〕1号",
        sealed_scan=SimpleUploadedFile("答复函.pdf", PDF, content_type="application/pdf"),
    )

    draft = _draft(member, own, "关于发展乡村旅游的提案")
    services.proposal_invite_cosigners(proposal=draft, actor=member, members=[cosigner.member])
    attachment = services.proposal_attach(
        proposal=draft, actor=member, uploaded=SimpleUploadedFile("附件.pdf", PDF, content_type="application/pdf"))

    (message,) = inbox.notify(users=[member], kind=Message.Kind.GENERAL, title="通知", source=proposal)
    (someone_elses,) = inbox.notify(users=[factories.user()], kind=Message.Kind.GENERAL, title="别人的通知")

    stranger = factories.user()
    other_member = factories.member(other["committees"], name="外县委员", user=stranger)
    role_grant(user=stranger, role=Role.MEMBER, committee=other["committees"])
    _membership(other_member, other)
    elsewhere = _draft(stranger, other, "外县提案")
    services.proposal_submit(proposal=elsewhere, actor=stranger)

    own.update(mp_proposal=proposal, mp_reply=reply, mp_draft=draft, mp_invitation=draft.signers.get(member=cosigner.member),
               mp_attachment=attachment,
               mp_message=message)
    other.update(mp_proposal=elsewhere, mp_message=someone_elses)


def codes(shown, refused_to_admin=False):
    """Shown to `shown`; anonymous visitors log in; everyone else is refused (or, for pages only
    filers use, people whose work is in the admin are sent there)."""
    result = {}
    for role in ROLES:
        if role == "anon":
            result[role] = "L"
        elif role in shown:
            result[role] = "O"
        elif refused_to_admin and role not in FILERS + PORTAL_NON_FILERS:
            result[role] = "A"
        else:
            result[role] = "N"
    return result


CASE_READERS = ("member", "cosigner", "secretariat", "reviewer", "chair", "admin",
                "supervision")
DRAFT_READERS = ("member", "cosigner", "secretariat", "admin")
EVERYONE = tuple(r for r in ROLES if r != "anon")


def rows():
    proposer = ("member",)
    return [
        ("proposals:member_list", None, codes(FILERS, refused_to_admin=True)),
        ("proposals:member_new", None, codes(FILERS, refused_to_admin=True)),
        ("proposals:member_detail", "mp_proposal:own", codes(CASE_READERS)),
        ("proposals:member_detail", "mp_draft:own", codes(DRAFT_READERS)),
        ("proposals:member_detail", "mp_proposal:other", codes(("admin",))),
        # Editing pages: only the first proposer, while the proposal is a draft.
        ("proposals:member_edit", "mp_draft:own", codes(proposer)),
        ("proposals:member_edit", "mp_proposal:own", codes(())),  # accepted: sent back to the page
        ("proposals:member_cosigners", "mp_draft:own", codes(proposer)),
        ("proposals:member_submit", "mp_draft:own", codes(proposer)),
        ("proposals:member_submit", "mp_proposal:other", codes(())),
        ("proposals:member_withdraw", "mp_draft:own", codes(proposer)),
        ("proposals:member_uninvite", "mp_invitation:own", codes(proposer)),
        ("proposals:member_attach", "mp_draft:own", codes(proposer)),
        ("proposals:member_attach", "mp_proposal:own", codes(())),  # accepted: sent back to the page
        ("proposals:member_detach", "mp_attachment:own", codes(proposer)),
        ("proposals:member_invitation", "mp_invitation:own", codes(("cosigner",))),
        ("proposals:member_evaluate", "mp_reply:own", codes(proposer)),
        ("inbox:index", None, codes(EVERYONE)),
        ("inbox:detail", "mp_message:own", codes(proposer)),
        ("inbox:detail", "mp_message:other", codes(())),
        ("inbox:mark_all_read", None, codes(())),  # POST only
    ]
