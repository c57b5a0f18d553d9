"""九届五次 (January 2007) replayed through the services, dated in 2007 with cppcc.clock.acting_at.

The seed's sentence is the target: "九届五次全委会收到委员提案101件，立案80件，作参考案21件，目前的办复率100%".
101 paper proposals recorded on behalf (代录) with their scans, filed by members of the ninth term (some
jointly, three collectively), reviewed on 2007-01-18 (80 accepted, 21 作参考), assigned on 2007-01-25
(single, lead + co-handling, split), replied on paper with the sealed letter and a result code, and rated
满意 or 基本满意 ten days after the reply. Case k (in case-number order) is fully replied at 2007-02-20
09:00 + 17 h × k, except the 80th, replied late on 2007-04-28, so any cut-off from 2007-04-17 to
2007-04-27 gives 79 of 80 replied (98.8%) and a later one 100%. 十届一次 and the rest of 2007 get no
proposals, so the year 2007 is exactly this session.

Nobody had an inbox in 2007: the replay queues no notices (cppcc.clock.replaying_history).
"""

import contextlib
import datetime
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cppcc import clock
from members.models import Body, Party, Sector, SpecialCommittee, TermMembership
from proposals import services
from proposals.models import Assignment, Category, Kind, Proposal, ResultCode, Signer

from . import data

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
REVIEW_DAY = datetime.date(2007, 1, 18)
ASSIGN_DAY = datetime.date(2007, 1, 25)
FIRST_REPLY = datetime.datetime(2007, 2, 20, 9)
LAST_REPLY = datetime.datetime(2007, 4, 28, 10)
FOLLOW_UP_DUE = datetime.date(2007, 12, 31)
COLLECTIVE = {12: ("party", "紫阳县工商业联合会"), 47: ("sector", "农业界"), 88: ("special_committee", "农业和农村委员会")}


def scan(name):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def local(value: datetime.datetime) -> datetime.datetime:
    return timezone.make_aware(value, timezone.get_default_timezone())


def reply_moment(k: int) -> datetime.datetime:
    """When case k (0-based, in case-number order) has its last reply."""
    return local(LAST_REPLY if k == 79 else FIRST_REPLY + datetime.timedelta(hours=17 * k))


@contextlib.contextmanager
def silent():
    """No inbox notices, e-mails or SMS about 2007."""
    with clock.replaying_history():
        yield


def build(org, clerk, tally) -> None:
    session = org.terms[9].sessions.get(number=5)
    if Proposal.objects.filter(session=session).exists():
        tally.count(Proposal._meta.verbose_name, "same", Proposal.objects.filter(session=session).count())
        return
    with silent():
        _replay(org, session, clerk, tally)


def _replay(org, session, clerk, tally):
    committee = org.committee
    members = [
        m.member for m in TermMembership.objects.filter(term=session.term, member__user__isnull=True)
        .select_related("member").order_by("member__member_number")
    ]
    categories = {c.name: c for c in Category.objects.filter(committee=committee)}
    codes = {c.code: c for c in ResultCode.objects.filter(committee=committee)}
    bodies = {b.code: b for b in Body.objects.filter(committee=committee)}
    organisations = {
        "party": Party.objects.filter(committee=committee), "sector": Sector.objects.filter(committee=committee),
        "special_committee": SpecialCommittee.objects.filter(committee=committee),
    }
    items = [("accept", *row) for row in data.ACCEPTED] + [("opinion", c, t, "") for c, t in data.REFERENCE]
    random.Random(2007).shuffle(items)

    # Filing: 101 paper proposals received from 2006-12-01 to 2007-01-12.
    filed = []
    for i, (outcome, category, title, units) in enumerate(items):
        day = datetime.date(2006, 12, 1) + datetime.timedelta(days=i * 42 // 101)
        kwargs = {}
        if i in COLLECTIVE:
            kind, name = COLLECTIVE[i]
            kwargs["organisation"] = organisations[kind].get(name=name)
        else:
            kwargs["proposer"] = members[(i * 7) % len(members)]
            if i % 4 == 1:
                kwargs["cosigners"] = [members[(i * 7 + 3) % len(members)], members[(i * 7 + 11) % len(members)]]
        topic = title.removeprefix("关于").removesuffix("的提案").removesuffix("的建议")
        with clock.acting_at(local(datetime.datetime.combine(day, datetime.time(9, i % 60)))):
            p = services.proposal_record_on_behalf(
                actor=clerk, session=session, scan=scan(f"提案原件{i + 1:03d}.pdf"), kind=Kind.PLENARY,
                received_on=day, title=title, category=categories[category],
                situation=data.SITUATION.format(topic=topic), suggestions=data.SUGGESTIONS,
                publish_consent=published(title, i), **kwargs,
            )
        filed.append((p, outcome, units))
    tally.count(Proposal._meta.verbose_name, "created", len(filed))

    # Review on 2007-01-18: case numbers in receipt order.
    cases = []
    for n, (p, outcome, units) in enumerate(filed):
        with clock.acting_at(local(datetime.datetime.combine(REVIEW_DAY, datetime.time(9))) + datetime.timedelta(minutes=n)):
            if outcome == "accept":
                cases.append((services.proposal_accept(proposal=p, actor=clerk), units))
            else:
                services.proposal_convert(proposal=p, actor=clerk, to="opinion", reason="作为意见建议转有关部门参考")

    # Assignment, replies on paper, co-handling opinions and evaluations.
    for k, (case, units) in enumerate(cases):
        with clock.acting_at(local(datetime.datetime.combine(ASSIGN_DAY, datetime.time(9))) + datetime.timedelta(minutes=k)):
            assignments = services.assignment_create(proposal=case, actor=clerk, units=_units(units, bodies))
        done = reply_moment(k)
        primary = [a for a in assignments if a.role != "co"]
        for a in assignments:
            if a.role == "co":
                with clock.acting_at(done - datetime.timedelta(hours=2)):
                    services.co_opinion_send(assignment=a, actor=clerk, on_behalf=True,
                                             text=f"{a.unit.short_name or a.unit.name}会办意见：同意主办单位的答复意见，并积极配合落实。")
        replies = []
        for j, a in enumerate(primary):
            code = "A" if k % 10 < 6 else ("B" if k % 10 < 9 else "C")
            with clock.acting_at(done - datetime.timedelta(hours=len(primary) - 1 - j)):
                draft = services.reply_save_draft(
                    assignment=a, actor=clerk, on_behalf=True, text=data.REPLY_TEXT.format(title=case.title),
                    contact_person="办公室主任", contact_phone="0915-4321000", methods=["phone", "in_person"],
                    result_code=codes[code], follow_up_due=FOLLOW_UP_DUE if code == "B" else None,
                )
                replies.append(services.reply_record_paper_signature_and_send(
                    reply=draft, actor=clerk, on_behalf=True, signer_name=f"{a.unit.short_name or a.unit.name}负责人",
                    document_number=f"紫{a.unit.short_name or a.unit.name}函〔2007〕{k + 1}号",
                    sealed_scan=scan(f"答复函{case.case_seq:03d}-{a.unit.code}.pdf"),
                ))
        first = case.signers.filter(position=Signer.Position.FIRST).select_related("member").first()
        with clock.acting_at(done + datetime.timedelta(days=10)):
            for reply in replies:
                services.evaluation_submit(
                    reply=reply, actor=clerk, on_behalf=True, overall="basic" if k % 6 == 5 else "satisfied",
                    evaluator=first.member if first else None, for_proposal=None if first else case,
                )
    tally.count(Assignment._meta.verbose_name, "created", Assignment.objects.filter(proposal__session=session).count())

    # Replies on public-interest matters went on the public pages once the session's handling was done.
    for k, (case, _units_spec) in enumerate(cases):
        if case.publish_consent:
            with clock.acting_at(local(LAST_REPLY) + datetime.timedelta(days=20, minutes=k)):
                services.proposal_publish(proposal=case, actor=clerk, reason="公共利益事项，提案人同意公开")


def published(title: str, i: int) -> bool:
    """The proposers who agreed to publication: the tea-industry case (the README's search example) and a
    few other public-interest matters."""
    return "茶叶" in title or i % 9 == 0


def _units(spec: str, bodies) -> list:
    """"lead:203+co:202" / "split:203,205" / "single:203" -> [(Body, role)]."""
    out = []
    for part in spec.split("+"):
        role, codes = part.split(":")
        out += [(bodies[code], role) for code in codes.split(",")]
    return out
