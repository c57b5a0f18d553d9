"""Who sees a proposal and reads its files: a matrix of people × objects against an expected table."""

import pytest

from cppcc.files import user_can_read
from cppcc.models import PrivateFile
from members.models.roles import Role
from proposals import services
from proposals.permissions import can_view_proposal
from tests import factories

from .conftest import pdf

PEOPLE = [
    "proposer", "cosigner", "other_member", "secretariat", "reviewer", "special_staff", "chair", "auditor", "admin",
    "supervision", "unit", "other_unit", "foreign_secretariat",
]
T, F = True, False
# person: (sees the draft, sees the submitted proposal, sees the assigned case, reads the case's reply letter)
EXPECTED = {
    "proposer": (T, T, T, T),
    "cosigner": (T, T, T, T),
    "other_member": (F, F, F, F),
    "secretariat": (T, T, T, T),
    "reviewer": (F, T, T, T),
    "special_staff": (F, F, F, F),  # a member's own proposal is not their special committee's business
    "chair": (F, T, T, T),
    "auditor": (F, F, F, F),  # 三员分立: the auditor reads the audit log, not the proposals
    "admin": (T, T, T, T),
    "supervision": (F, F, T, T),
    "unit": (F, F, T, T),
    "other_unit": (F, F, F, F),
    "foreign_secretariat": (F, F, F, F),
}


@pytest.fixture
def people(world, role_user, other_committee):
    return {
        "proposer": world.proposer.user, "cosigner": world.cosigner.user, "other_member": world.cosigner2.user,
        "secretariat": world.secretariat, "reviewer": world.reviewer, "special_staff": role_user(Role.SPECIAL_STAFF),
        "chair": role_user(Role.CHAIR), "auditor": role_user(Role.AUDITOR), "admin": role_user(Role.ADMIN),
        "supervision": role_user(Role.SUPERVISION), "unit": world.liaison, "other_unit": world.liaison2,
        "foreign_secretariat": factories.user_with_role(Role.SECRETARIAT, other_committee),
    }


def test_who_sees_what(world, people):
    draft = world.joint_draft(title="草稿")
    submitted = world.submitted(joint=True, title="待审")
    case, (a,) = world.assigned(joint=True, title="已交办")
    reply = world.sent_reply(a, letter=pdf("答复函.pdf"))
    letter = PrivateFile.objects.get(pk=reply.letter_id)
    actual = {
        name: (can_view_proposal(user, draft), can_view_proposal(user, submitted), can_view_proposal(user, case),
               user_can_read(user, letter))
        for name, user in people.items()
    }
    assert actual == EXPECTED


def test_special_committee_staff_read_their_special_committees_proposals(world, role_user):
    """README "Who can see and do what": special-committee staff read the submitted proposals their
    special committee files (collective proposals in its name), not every proposal of the committee."""
    from members.models import SpecialCommittee

    health = SpecialCommittee.objects.create(committee=world.committee, name="教科卫体委员会")
    economy = SpecialCommittee.objects.create(committee=world.committee, name="经济委员会")
    account = world.collective_account(special_committee=health)
    draft = services.proposal_create_draft(
        actor=account, session=world.session, organisation=health, title="关于加强基层医疗的提案",
        category=world.category, situation="基层医疗薄弱。", suggestions="增加投入。",
    )
    staff = role_user(Role.SPECIAL_STAFF, special_committee=health)
    others = role_user(Role.SPECIAL_STAFF, special_committee=economy)
    every = role_user(Role.SPECIAL_STAFF)  # granted for no one special committee: serves them all
    attachment = services.proposal_attach(proposal=draft, actor=account, uploaded=pdf("附件.pdf"))
    assert not can_view_proposal(staff, draft) and not user_can_read(staff, attachment.file)
    services.proposal_submit(proposal=draft, actor=account)
    draft.refresh_from_db()
    assert can_view_proposal(staff, draft) and can_view_proposal(every, draft)
    assert not can_view_proposal(others, draft)
    scan = PrivateFile.objects.get(pk=attachment.file_id)
    assert user_can_read(staff, scan) and not user_can_read(others, scan)


def test_a_returned_unit_no_longer_reads_the_case(world, people):
    case, (a,) = world.assigned(title="退回的")
    services.assignment_request_return(assignment=a, actor=world.liaison, reason="不属本单位职责")
    services.assignment_decide_return(assignment=a, actor=world.secretariat, accept=True, new_unit=world.unit2)
    assert not can_view_proposal(world.liaison, case) and can_view_proposal(world.liaison2, case)
