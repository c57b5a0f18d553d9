"""The current session in progress, through the services, dated in the past with cppcc.clock.acting_at.

The session of members.demo opened for filing 60 days before the demo's `today` and met 30 days before
it. Every state a secretariat, a member, a unit and the supervision office should see is here: drafts
and an unanswered co-signing invitation, proposals submitted and under review, one returned for
revision, paper proposals recorded on behalf (代录), cases assigned (single, lead + co-handling, split),
signed for, one unit asking to return its case and another case reassigned after a return, a reply
awaiting the leader's signature, replies sent (signed in the system or on paper), evaluations not yet
returned, a 不满意 that opened re-handling (round 2), published cases, and overdue assignments
(between-session proposals assigned about five months ago, and a co-handling opinion past its 30 days).
The demo accounts take part: `member` drafts, files and awaits a reply to rate; `collective` (民盟) filed
a collective proposal; `unit_liaison` and `unit_leader` of 县卫生局 have cases to sign, reply to and sign off.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cppcc import clock
from members.demo import data as member_data
from members.models import Body, Member, TermMembership
from proposals import services
from proposals.models import Category, Kind, Proposal, ResultCode
from proposals.services.review import ReviewStage

from . import data
from .history import PDF

User = get_user_model()


def scan(name):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@dataclass
class Cast:
    clerk: object
    reviewer: object
    member: Member
    collective: object
    liaison: object
    leader: object
    others: list  # members of the current term without an account (paper proposals)


class Replay:
    def __init__(self, org, cast, today):
        self.org, self.cast, self.today = org, cast, today
        self.session = org.current_session
        c = org.committee
        self.categories = {x.name: x for x in Category.objects.filter(committee=c)}
        self.codes = {x.code: x for x in ResultCode.objects.filter(committee=c)}
        self.units = {b.code: b for b in Body.objects.filter(committee=c)}
        self.titles = iter(data.CURRENT)
        self.n = 0

    def at(self, days_ago, hour=10, minute=0):
        """A moment `days_ago` days before today, acting there (services date their rows and events with it)."""
        day = self.today - datetime.timedelta(days=days_ago)
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)), timezone.get_default_timezone())
        return clock.acting_at(moment)

    def content(self, **extra):
        category, title = next(self.titles)
        topic = title.removeprefix("关于").removesuffix("的提案")
        return {"title": title, "category": self.categories[category], "situation": data.SITUATION.format(topic=topic),
                "suggestions": data.SUGGESTIONS, **extra}

    def other(self):
        self.n += 1
        return self.cast.others[(self.n * 5) % len(self.cast.others)]

    # ---- building blocks

    def paper(self, days_ago, kind=Kind.PLENARY, cosigners=0, **extra):
        """A paper proposal recorded on behalf (代录) with its scan."""
        proposer = self.other()
        with self.at(days_ago, 9, self.n % 60):
            return services.proposal_record_on_behalf(
                actor=self.cast.clerk, session=self.session, scan=scan("提案原件.pdf"), kind=kind, proposer=proposer,
                cosigners=[self.other() for _ in range(cosigners)], received_on=self.today - datetime.timedelta(days=days_ago),
                **self.content(**extra),
            )

    def accept(self, p, days_ago):
        with self.at(days_ago, 10, self.n % 60):
            return services.proposal_accept(proposal=p, actor=self.cast.reviewer)

    def assign(self, p, days_ago, spec):
        units = []
        for part in spec.split("+"):
            role, codes = part.split(":")
            units += [(self.units[code], role) for code in codes.split(",")]
        with self.at(days_ago, 11):
            return services.assignment_create(proposal=p, actor=self.cast.clerk, units=units)

    def reply_on_paper(self, a, days_ago, code="A"):
        with self.at(days_ago, 15):
            draft = services.reply_save_draft(
                assignment=a, actor=self.cast.clerk, on_behalf=True, text=data.REPLY_TEXT.format(title=a.proposal.title),
                contact_person="办公室主任", contact_phone="0915-4321000", methods=["phone"], result_code=self.codes[code],
                follow_up_due=self.today + datetime.timedelta(days=180) if code == "B" else None,
            )
            return services.reply_record_paper_signature_and_send(
                reply=draft, actor=self.cast.clerk, on_behalf=True, signer_name=f"{a.unit.short_name}负责人",
                document_number=f"紫{a.unit.short_name}函〔{self.today.year}〕{a.pk}号", sealed_scan=scan("答复函.pdf"),
            )

    def draft_reply(self, a, days_ago, code="A"):
        """The liaison of 县卫生局 drafts, with the letter."""
        with self.at(days_ago, 14):
            return services.reply_save_draft(
                assignment=a, actor=self.cast.liaison, text=data.REPLY_TEXT.format(title=a.proposal.title),
                contact_person="县卫生局提案联络员", contact_phone="0915-4321101", methods=["phone", "in_person"],
                result_code=self.codes[code], letter=scan("答复函.pdf"),
                follow_up_due=self.today + datetime.timedelta(days=150) if code == "B" else None,
            )

    # ---- the states

    def build(self):
        c = self.cast
        # Drafts: the member's own, with an unanswered co-signing invitation (between-session: no deadline),
        # and a paper one being typed in on behalf.
        with self.at(3):
            draft = services.proposal_create_draft(actor=c.member.user, session=self.session, kind=Kind.BETWEEN, **self.content())
            services.proposal_invite_cosigners(proposal=draft, actor=c.member.user, members=[self.other()])
            services.proposal_create_draft(actor=c.clerk, session=self.session, kind=Kind.BETWEEN, proposer=self.other(),
                                           on_behalf=True, **self.content())
        # Submitted, awaiting review: the member's own and two on paper; one under review; one returned for revision.
        with self.at(45):
            own = services.proposal_create_draft(actor=c.member.user, session=self.session, **self.content(publish_consent=True))
            services.proposal_submit(proposal=own, actor=c.member.user)
        self.paper(40)
        reviewed = self.paper(38, cosigners=2)
        with self.at(20):
            services.proposal_review_stage(proposal=reviewed, actor=c.reviewer, stage=ReviewStage.FIRST, opinion="事实清楚，建议具体")
        returned = self.paper(35)
        with self.at(25):
            services.proposal_return_for_revision(proposal=returned, actor=c.reviewer, reason="请补充具体建议，一事一案")
        # The collective proposal of 民盟, accepted, assigned to 县卫生局 and signed for.
        with self.at(50):
            mine = services.proposal_create_draft(actor=c.collective, session=self.session, organisation=self.org.parties["民盟"],
                                                  **self.content())
            services.proposal_submit(proposal=mine, actor=c.collective)
        self.accept(mine, 26)
        [signed] = self.assign(mine, 24, "single:101")
        with self.at(22):
            services.assignment_sign(assignment=signed, actor=c.liaison)
        # Assigned, not yet signed for: lead 县卫生局 + co-handling 县财政局.
        self.assign(self.accept(self.paper(44, cosigners=1), 26), 24, "lead:101+co:202")
        # Split: one unit asks to return its part, the other signed for it.
        asking, keeping = self.assign(self.accept(self.paper(42), 26), 24, "split:203,205")
        with self.at(23):
            services.assignment_request_return(assignment=asking, actor=c.clerk, on_behalf=True, reason="不属于本单位职责，建议交县林业局")
            services.assignment_sign(assignment=keeping, actor=c.clerk, on_behalf=True)
        # Reassigned: 县交通局 returned the case, the secretariat gave it to 县建设局.
        [returning] = self.assign(self.accept(self.paper(41), 26), 24, "single:208")
        with self.at(23):
            services.assignment_request_return(assignment=returning, actor=c.clerk, on_behalf=True, reason="属城区规划事项")
        with self.at(21):
            services.assignment_decide_return(assignment=returning, actor=c.clerk, accept=True, reason="同意改办",
                                              new_unit=self.units["207"])
        # A reply awaiting the leader's signature at 县卫生局.
        [waiting] = self.assign(self.accept(self.paper(39), 26), 24, "single:101")
        reply = self.draft_reply(waiting, 6)
        with self.at(5):
            services.reply_submit_for_signature(reply=reply, actor=c.liaison)
        # Sent, signed in the system by the leader: the member's own case, her evaluation not yet returned.
        self.accept(own, 26)
        [a] = self.assign(own, 24, "single:101")
        reply = self.draft_reply(a, 9, code="B")
        with self.at(8):
            services.reply_sign_and_send(reply=reply, actor=c.leader, document_number=f"紫卫函〔{self.today.year}〕8号")
        # Sent on paper and evaluated: 满意; and one rated 不满意, which opened re-handling (round 2).
        for code, overall in (("A", "satisfied"), ("C", "unsatisfied")):
            case = self.accept(self.paper(43), 26)
            [a] = self.assign(case, 24, "single:204" if overall == "satisfied" else "single:210")
            reply = self.reply_on_paper(a, 14, code=code)
            first = case.signers.get(position="first").member
            with self.at(10):
                services.evaluation_submit(reply=reply, actor=c.clerk, on_behalf=True, evaluator=first, overall=overall,
                                           comment="" if overall == "satisfied" else "答复未解决实际问题")
        # Published: two replied cases whose proposers consented.
        for _ in range(2):
            case = self.accept(self.paper(46, publish_consent=True), 26)
            for a in self.assign(case, 24, "single:213"):
                self.reply_on_paper(a, 12)
            with self.at(2):
                services.proposal_publish(proposal=case, actor=c.clerk)
        # Overdue: between-session proposals assigned about five months ago, still without a reply, and a
        # co-handling opinion past its 30 days.
        for spec in ("single:209", "lead:205+co:210"):
            case = self.paper(160, kind=Kind.BETWEEN)
            self.accept(case, 155)
            self.assign(case, 150, spec)
        self.assign(self.accept(self.paper(47), 26), 24, "lead:219+co:213")  # co-handling opinion due 30 days on: overdue
        # More cases being handled, assigned and signed for, to fill the lists.
        for spec in ("single:104", "split:211,212", "lead:220+co:202", "single:221"):
            for a in self.assign(self.accept(self.paper(48, cosigners=1), 26), 24, spec):
                with self.at(20):
                    services.assignment_sign(assignment=a, actor=c.clerk, on_behalf=True)


def cast(org, roster=None) -> Cast:
    users = {u.username: u for u in User.objects.filter(username__in=["secretariat", "reviewer", "collective",
                                                                       "unit_liaison", "unit_leader", "member"])}
    others = [m.member for m in TermMembership.objects.filter(term=org.current_term, member__user__isnull=True)
              .select_related("member").order_by("member__member_number")]
    return Cast(clerk=users["secretariat"], reviewer=users["reviewer"], member=users["member"].member,
                collective=users["collective"], liaison=users["unit_liaison"], leader=users["unit_leader"], others=others)


def build(org, today, tally) -> None:
    session = org.current_session
    existing = Proposal.objects.filter(session=session).count()
    if existing:
        tally.count(Proposal._meta.verbose_name, "same", existing)
        return
    assert member_data.DEMO_UNIT == "101"  # the unit the demo's unit accounts work for
    Replay(org, cast(org), today).build()
    tally.count(Proposal._meta.verbose_name, "created", Proposal.objects.filter(session=session).count())
