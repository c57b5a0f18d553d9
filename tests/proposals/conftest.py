"""A committee with a session open for filing, members, reviewers and handling units with staff.

Every state is reached through the services (never by writing a status), so the builders below are
also a walk through the workflow.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from members.models import Session, Term
from members.models.roles import Role
from members.services import role_grant
from proposals import services
from proposals.models import Category, Kind, RejectReason, ResultCode
from proposals.selectors import settings_for
from tests import factories

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="扫描件.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


class World:
    def __init__(self, committee, secretariat):
        self.committee = committee
        self.secretariat = secretariat
        self.today = timezone.localdate()
        services.rules_install_defaults(committee)
        self.settings = settings_for(committee)
        self.term = Term.objects.create(committee=committee, number=10, start_date=datetime.date(2022, 1, 1))
        self.session = self.make_session(number=1)
        self.sector = factories.sector(committee, "教育界")
        self.party = factories.party(committee, "民盟")
        self.reviewer = factories.user_with_role(Role.REVIEWER, committee)
        self.proposer = self.member("王芳")
        self.cosigner = self.member("李明")
        self.cosigner2 = self.member("赵强")
        self.category = Category.objects.get(committee=committee, name="经济")
        self.unit, self.liaison, self.leader = self.unit_with_staff("县教育局")
        self.unit2, self.liaison2, self.leader2 = self.unit_with_staff("县财政局")
        self.unit3, self.liaison3, self.leader3 = self.unit_with_staff("县卫健局")

    # ---- organisation

    def make_session(self, number, opens=-10, deadline=10):
        return Session.objects.create(
            committee=self.committee, term=self.term, number=number,
            plenary_start=self.today + datetime.timedelta(days=deadline + 2),
            plenary_end=self.today + datetime.timedelta(days=deadline + 5),
            filing_opens=self.today + datetime.timedelta(days=opens),
            filing_deadline=self.today + datetime.timedelta(days=deadline),
        )

    def member(self, name, sector=None, party=None):
        user = factories.user()
        role_grant(user=user, role=Role.MEMBER, committee=self.committee)
        mem = factories.member(self.committee, name=name, user=user)
        factories.membership(mem, self.term, sec=sector or self.sector, par=party or self.party)
        return mem

    def unit_with_staff(self, name):
        unit = factories.unit(self.committee, name=name)
        liaison = factories.user_with_role(Role.UNIT_LIAISON, self.committee, unit=unit)
        leader = factories.user_with_role(Role.UNIT_LEADER, self.committee, unit=unit)
        leader.first_name = "局长" + name
        leader.save()
        return unit, liaison, leader

    def code(self, code):
        return ResultCode.objects.get(committee=self.committee, code=code)

    def reject_reason(self):
        return RejectReason.objects.filter(committee=self.committee).first()

    def collective_account(self, **scope):
        return factories.user_with_role(Role.COLLECTIVE, self.committee, **(scope or {"party": self.party}))

    # ---- proposals, through the services

    def draft(self, proposer=None, kind=Kind.PLENARY, session=None, **content):
        proposer = proposer or self.proposer
        content.setdefault("title", "关于加快我县茶叶产业发展的提案")
        content.setdefault("category", self.category)
        content.setdefault("situation", "茶叶产业规模小，品牌弱。")
        content.setdefault("suggestions", "一是扶持龙头企业；二是打造区域品牌。")
        return services.proposal_create_draft(
            actor=proposer.user, session=session or self.session, kind=kind, **content,
        )

    def joint_draft(self, cosigners=None, **content):
        p = self.draft(**content)
        cosigners = cosigners or [self.cosigner]
        services.proposal_invite_cosigners(proposal=p, actor=self.proposer.user, members=cosigners)
        for member in cosigners:
            services.signer_confirm(signer=p.signers.get(member=member), actor=member.user)
        return p

    def submitted(self, joint=False, **content):
        p = self.joint_draft(**content) if joint else self.draft(**content)
        return services.proposal_submit(proposal=p, actor=p.signers.get(position="first").member.user)

    def accepted(self, joint=False, assign_number=True, **content):
        p = self.submitted(joint=joint, **content)
        return services.proposal_accept(proposal=p, actor=self.reviewer, assign_number=assign_number)

    def assigned(self, units=None, **content):
        """An accepted case assigned to units, given as [(unit, role)] (default: self.unit alone)."""
        p = self.accepted(**content)
        created = services.assignment_create(proposal=p, actor=self.secretariat, units=units or [(self.unit, "single")])
        return p, created

    def reply_draft(self, assignment, code="A", **kw):
        kw.setdefault("text", "经研究，答复如下：……")
        kw.setdefault("contact_person", "陈科长")
        kw.setdefault("contact_phone", "0915-1234567")
        kw.setdefault("methods", ["phone", "in_person"])
        kw.setdefault("letter", pdf("答复函.pdf"))  # a reply signed in the system is sent with its letter
        if code == "B":
            kw.setdefault("follow_up_due", self.today + datetime.timedelta(days=180))
        return services.reply_save_draft(
            assignment=assignment, actor=self.staff(assignment)[0], result_code=self.code(code), **kw
        )

    def staff(self, assignment):
        """(liaison, leader) of the assignment's unit."""
        return {
            self.unit.pk: (self.liaison, self.leader), self.unit2.pk: (self.liaison2, self.leader2),
            self.unit3.pk: (self.liaison3, self.leader3),
        }[assignment.unit_id]

    def sent_reply(self, assignment, code="A", **kw):
        reply = self.reply_draft(assignment, code=code, **kw)
        return services.reply_sign_and_send(reply=reply, actor=self.staff(assignment)[1], document_number="教函〔2026〕1号")


@pytest.fixture
def world(committee, secretariat):
    return World(committee, secretariat)
