"""Generate a committee at county, city, province or national scale, THROUGH THE SERVICES, in its own database.

    .venv/bin/python -m bench.generate --scale county|city|province|national
        [--database var/bench/<scale>.sqlite3 | --database-url postgres://.../cppcc_bench] [--seed N]

The database is created (SQLite: replaced; PostgreSQL: created if missing, refused if it already holds
the committee, unless --reset) and migrated, then "基准测试委员会" gets the scale's members (term
memberships with sectors and parties), handling units with a liaison and a leader each, one session
(十四届三次, plenary in March 2025) and the scale's proposals, each driven through proposals.services
at its own moment of 2024-12 .. 2026 (cppcc.clock.acting_at): drafted by its member (co-signers invited
and confirming), by a party's or sector's collective account, or recorded from paper by the secretariat;
submitted; a first review stage and the outcome (accepted 84.9%, merged 2.7%, converted 12.4%: the
national 2024 identity 5,006 + 160 + 732 = 5,898); accepted cases assigned single / lead + co-handling /
split (about 3.7 units a case), signed for, a few returned and reassigned, co-handling opinions sent,
replies drafted with a letter, submitted and signed (a tenth recorded as signed on paper), a few late
or extended, about 0.1% (at least one case) never replied and so overdue; every reply rated by its
evaluators (满意 / 基本满意, a few 不满意 that reopen the case for a second round, a few 未表态).

No status is written directly. Inbox notices are not queued (as in the demo's replay of 2007) unless
--notices. The same --seed gives the same data.
"""

import argparse
import contextlib
import datetime
import random
import shutil
import sys
import time
from dataclasses import dataclass, field
from unittest import mock

from . import env
from .data import (
    GIVEN, NATIONAL, PARTIES, PARTY_WEIGHTS, REPLY_TEXT, RURAL, SCALES, TEA, SECTORS, LOCAL_SECTOR_ORDER, SITUATION,
    SPECIAL_COMMITTEES, SUGGESTIONS, SURNAMES, TOPICS, UNIT_STEMS, VERBS,
)

COMMITTEE_NAME = "基准测试委员会"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"  # one small letter, reused

# The session: 十四届三次, plenary 2025-03-04..10, plenary proposals filed 2024-12-06 .. 2025-03-08.
TERM_START = datetime.date(2023, 3, 1)
PLENARY = (datetime.date(2025, 3, 4), datetime.date(2025, 3, 10))
FILING = (datetime.date(2024, 12, 6), datetime.date(2025, 3, 8))
BETWEEN = (datetime.date(2025, 3, 15), datetime.date(2025, 9, 30))  # between-session proposals
REVIEW_MEETINGS = [datetime.date(2025, 3, 20), datetime.date(2025, 3, 27), datetime.date(2025, 4, 3)]

WAYS = [("individual", 55), ("joint", 25), ("collective", 12), ("paper", 8)]
BETWEEN_SHARE = 0.15
CONVERSIONS = [("opinion", 85), ("social", 10), ("letter", 5)]
CODES = [("A", 50), ("B", 35), ("C", 15)]
RATINGS = [("satisfied", 800), ("basic", 175), ("unsatisfied", 15), ("none", 10)]
CHUNK = 20  # items per transaction


# ---- small tools


def weighted(rng, pairs):
    values, weights = zip(*pairs)
    return rng.choices(values, weights=weights)[0]


def local(day: datetime.date, hour=9, minute=0, second=0) -> datetime.datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute, second)))


def pdf(name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


class Progress:
    """Counts per N items with the rate, and the elapsed time of the phase."""

    def __init__(self, label: str, total: int, every: int):
        self.label, self.total, self.every, self.done = label, total, max(1, every), 0
        self.start = time.perf_counter()
        print(f"[{label}] {total} to do", flush=True)

    def tick(self, n=1):
        before, self.done = self.done, self.done + n
        if self.done // self.every != before // self.every and self.done < self.total:
            elapsed = time.perf_counter() - self.start
            print(f"  {self.label}: {self.done}/{self.total}  {self.done / elapsed:.1f}/s", flush=True)

    def end(self, note="") -> float:
        elapsed = time.perf_counter() - self.start
        rate = f"  {self.done / elapsed:.1f}/s" if self.done and elapsed else ""
        print(f"  {self.label}: {self.done} in {elapsed:.1f} s{rate}{('  ' + note) if note else ''}", flush=True)
        return elapsed


def chunks(items, size=CHUNK):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def outcome_counts(n: int) -> dict:
    """Accepted / merged / converted in the national 2024 proportions (exact at national scale)."""
    accepted = round(n * NATIONAL["accepted"] / NATIONAL["received"])
    merged = round(n * NATIONAL["merged"] / NATIONAL["received"])
    return {"accept": accepted, "merge": merged, "convert": n - accepted - merged}


# ---- the plan of one proposal (drawn first, so the services run in the order of time)


@dataclass
class Plan:
    index: int
    kind: str  # "plenary" / "between"
    way: str  # individual / joint / collective / paper
    topic: str
    category: str
    title: str
    situation: str
    suggestions: str
    filed: datetime.datetime
    proposer: object = None
    cosigners: list = field(default_factory=list)
    organisation: object = None
    account: object = None  # the collective account filing it
    outcome: str = ""  # accept / merge / opinion / social / letter
    decided: datetime.datetime | None = None
    proposal: object = None


@dataclass
class World:
    committee: object
    term: object
    session: object
    secretariat: object
    reviewer: object
    members: list
    member_weights: list
    units: list
    unit_weights: list
    staff: dict  # unit pk -> (liaison, leader)
    accounts: dict  # ("party"|"sector"|"special_committee", pk) -> collective account user
    categories: dict
    codes: dict


class Generator:
    def __init__(self, scale_name: str, seed: int, notices: bool):
        self.scale_name, self.scale, self.seed, self.notices = scale_name, SCALES[scale_name], seed, notices
        self.rng = random.Random(seed)
        self.phases = []
        self.counts = {}

    def case_rng(self, tag, index):
        return random.Random(f"{self.seed}:{tag}:{index}")

    def phase(self, label, total):
        return Progress(label, total, self.scale.every)

    def finish(self, progress, note=""):
        self.phases.append((progress.label, progress.done, progress.end(note)))

    # ---- organisation and people

    def organisation(self) -> World:
        from django.contrib.auth import get_user_model

        from members.models import Body, Committee, Member, Party, Sector, Session, SpecialCommittee, Term, TermMembership
        from members.models.roles import Role
        from members.services import role_grant
        from proposals.models import Category, ResultCode
        from proposals.services import rules_install_defaults

        User = get_user_model()
        rng, scale = self.rng, self.scale
        level = {"national": "national", "province": "province", "city": "city"}.get(self.scale_name, "county")
        progress = self.phase("organisation", scale.members + scale.units)
        committee = Committee.objects.create(name=COMMITTEE_NAME, short_name="基准", level=level)
        rules_install_defaults(committee)
        term = Term.objects.create(committee=committee, number=14, start_date=TERM_START)
        session = Session.objects.create(
            committee=committee, term=term, number=3, plenary_start=PLENARY[0], plenary_end=PLENARY[1],
            filing_opens=FILING[0], filing_deadline=FILING[1],
        )

        def account(username, role, first_name="", **scope):
            user = User.objects.create_user(username=username, password=None, first_name=first_name)
            role_grant(user=user, role=role, committee=committee, **scope)
            return user

        secretariat = account("bench_secretariat", Role.SECRETARIAT, "秘书处")
        reviewer = account("bench_reviewer", Role.REVIEWER, "提案审查")
        account("bench_chair", Role.CHAIR, "主席")
        account("bench_supervision", Role.SUPERVISION, "督查室")

        order = list(range(len(SECTORS))) if self.scale_name == "national" else LOCAL_SECTOR_ORDER
        sectors = [Sector.objects.create(committee=committee, name=SECTORS[i], order=n)
                   for n, i in enumerate(order[:scale.sectors])]
        parties = [Party.objects.create(committee=committee, name=name, kind=kind, order=n)
                   for n, (name, kind, _collective) in enumerate(PARTIES)]
        specials = [SpecialCommittee.objects.create(committee=committee, name=name, order=n,
                                                    is_proposal_committee=(n == 0))
                    for n, name in enumerate(SPECIAL_COMMITTEES)]
        accounts = {}
        for party, (_name, _kind, collective) in zip(parties, PARTIES):
            if collective:
                accounts[("party", party.pk)] = account(f"bench_party_{party.pk}", Role.COLLECTIVE, party.name, party=party)
        for sector in sectors[-3:]:
            accounts[("sector", sector.pk)] = account(f"bench_sector_{sector.pk}", Role.COLLECTIVE, sector.name, sector=sector)
        for special in specials[1:3]:
            accounts[("special_committee", special.pk)] = account(
                f"bench_special_{special.pk}", Role.COLLECTIVE, special.name, special_committee=special)

        units, staff = [], {}
        suffixes = ["局", "研究中心", "执法总队", "服务中心", "办公室"]
        for n in range(scale.units):
            stem = UNIT_STEMS[n % len(UNIT_STEMS)]
            name = stem + suffixes[(n // len(UNIT_STEMS)) % len(suffixes)]
            unit = Body.objects.create(committee=committee, code=f"U{n + 1:03d}", name=name, short_name=name[:10])
            liaison = account(f"bench_unit{n + 1:03d}_liaison", Role.UNIT_LIAISON, "联络员", unit=unit)
            leader = account(f"bench_unit{n + 1:03d}_leader", Role.UNIT_LEADER, f"{name}负责人", unit=unit)
            units.append(unit)
            staff[unit.pk] = (liaison, leader)
            progress.tick()

        members = []
        sector_weights = [1 + (n % 5) for n in range(len(sectors))]
        for n in range(scale.members):
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
            user = User.objects.create_user(username=f"bench_m{n + 1:05d}", password=None, first_name=name)
            role_grant(user=user, role=Role.MEMBER, committee=committee)
            member = Member.objects.create(
                committee=committee, member_number=f"JZ{n + 1:05d}", name=name, user=user,
                gender=rng.choice(("M", "F")),
            )
            TermMembership.objects.create(
                member=member, term=term, start_date=TERM_START, is_standing=(n % 7 == 0),
                sector=rng.choices(sectors, weights=sector_weights)[0],
                party=rng.choices(parties, weights=PARTY_WEIGHTS)[0],
            )
            members.append(member)
            progress.tick()
        self.finish(progress)

        # Some members and some units carry far more than others (roughly Zipf).
        member_weights = [1 / (r + 3) ** 0.8 for r in rng.sample(range(len(members)), len(members))]
        unit_weights = [1 / (r + 4) ** 0.9 for r in range(len(units))]
        categories = {c.name: c for c in Category.objects.filter(committee=committee)}
        codes = {c.code: c for c in ResultCode.objects.filter(committee=committee)}
        return World(committee, term, session, secretariat, reviewer, members, member_weights, units, unit_weights,
                     staff, accounts, categories, codes)

    # ---- planning

    def plan(self, w: World) -> list[Plan]:
        rng, n = self.rng, self.scale.proposals
        category_names = ["经济", "政治", "文化", "社会", "生态文明"]
        organisations = list(w.accounts.items())
        plans = []
        span = (FILING[1] - FILING[0]).days
        between_span = (BETWEEN[1] - BETWEEN[0]).days
        for i in range(n):
            topic, cls = rng.choice(TOPICS)
            kind = "between" if rng.random() < BETWEEN_SHARE else "plenary"
            if kind == "plenary":  # most arrive in the last weeks before the plenary
                day = FILING[0] + datetime.timedelta(days=min(span, int(span * rng.betavariate(3, 1.3))))
            else:
                day = BETWEEN[0] + datetime.timedelta(days=rng.randrange(between_span + 1))
            filed = local(day, rng.randrange(8, 20), rng.randrange(60), rng.randrange(60))
            # About 1,000 characters of body (real ones run 1,000-2,500): what a substring search scans.
            situation = "".join(s.format(topic=topic) for s in rng.choices(SITUATION, k=rng.randint(12, 24)))
            if rng.random() < 0.15:
                situation += RURAL.format(topic=topic)
            if rng.random() < 0.03:
                situation += TEA.format(topic=topic)
            situation += f"调查显示，{rng.randint(40, 90)}%的受访者认为{topic}亟待加强，{rng.randint(3, 30)}个县区尚未出台具体措施。"
            suggestions = "".join(s.format(topic=topic) for s in SUGGESTIONS[:rng.randint(3, len(SUGGESTIONS))])
            p = Plan(index=i, kind=kind, way=weighted(rng, WAYS), topic=topic, category=category_names[cls],
                     title=f"关于{rng.choice(VERBS)}{topic}的提案", situation=situation, suggestions=suggestions,
                     filed=filed)
            if p.way == "collective":
                (kind_name, pk), p.account = rng.choice(organisations)
                p.organisation = (kind_name, pk)
            else:
                p.proposer = rng.choices(w.members, weights=w.member_weights)[0]
                if p.way == "joint" or (p.way == "paper" and rng.random() < 0.3):
                    k = weighted(rng, [(1, 45), (2, 25), (3, 15), (4, 8), (6, 5), (10, 2)])
                    others = set()
                    while len(others) < min(k, len(w.members) - 1):
                        m = rng.choice(w.members)
                        if m.pk != p.proposer.pk:
                            others.add(m)
                    p.cosigners = sorted(others, key=lambda m: m.pk)
            plans.append(p)

        # Outcomes in the national proportions; merges only among plenary proposals (decided last).
        counts = outcome_counts(n)
        plenary = [p for p in plans if p.kind == "plenary"]
        merged = set(id(p) for p in rng.sample(plenary, min(counts["merge"], len(plenary) - 1)))
        rest = [p for p in plans if id(p) not in merged]
        rng.shuffle(rest)
        for j, p in enumerate(rest):
            p.outcome = "accept" if j < counts["accept"] else weighted(rng, CONVERSIONS)
        for p in plans:
            if id(p) in merged:
                p.outcome = "merge"
        # Decisions: plenary proposals at the three review meetings (merges at the last one, in the
        # afternoon, once their cases exist); between-session ones 10-25 days after filing.
        seq = {}
        for p in sorted(plans, key=lambda p: p.filed):
            if p.kind == "plenary":
                day = REVIEW_MEETINGS[-1] if p.outcome == "merge" else rng.choice(REVIEW_MEETINGS)
                hour = 15 if p.outcome == "merge" else 9
                k = seq.setdefault((day, hour), 0)
                seq[(day, hour)] += 1
                p.decided = local(day, hour) + datetime.timedelta(seconds=2 * k)
            else:
                p.decided = p.filed + datetime.timedelta(days=rng.randint(10, 25))
        return plans

    # ---- filing

    def filing(self, w: World, plans: list[Plan]):
        from cppcc import clock
        from members.models import Party, Sector, SpecialCommittee
        from proposals import services
        from proposals.models import Kind
        from django.db import transaction

        models = {"party": Party, "sector": Sector, "special_committee": SpecialCommittee}
        organisations = {key: models[key[0]].objects.get(pk=key[1]) for key in w.accounts}
        progress = self.phase("filing", len(plans))
        ordered = sorted(plans, key=lambda p: p.filed)
        for chunk in chunks(ordered):
            with transaction.atomic():
                for p in chunk:
                    kind = Kind.PLENARY if p.kind == "plenary" else Kind.BETWEEN
                    content = dict(title=p.title, category=w.categories[p.category], situation=p.situation,
                                   suggestions=p.suggestions)
                    if p.way == "paper":
                        with clock.acting_at(p.filed + datetime.timedelta(hours=2)):
                            p.proposal = services.proposal_record_on_behalf(
                                actor=w.secretariat, session=w.session, scan=pdf(f"提案原件{p.index + 1:05d}.pdf"),
                                kind=kind, proposer=p.proposer, cosigners=p.cosigners,
                                received_on=timezone_date(p.filed), **content,
                            )
                        progress.tick()
                        continue
                    start = p.filed - datetime.timedelta(hours=30 if p.cosigners else 3)
                    with clock.acting_at(start):
                        if p.way == "collective":
                            draft = services.proposal_create_draft(
                                actor=p.account, session=w.session, kind=kind,
                                organisation=organisations[p.organisation], **content)
                        else:
                            draft = services.proposal_create_draft(
                                actor=p.proposer.user, session=w.session, kind=kind, **content)
                    if p.cosigners:
                        with clock.acting_at(start + datetime.timedelta(minutes=20)):
                            services.proposal_invite_cosigners(proposal=draft, actor=p.proposer.user, members=p.cosigners)
                        signers = {s.member_id: s for s in draft.signers.all()}
                        for k, member in enumerate(p.cosigners):
                            with clock.acting_at(start + datetime.timedelta(hours=2 + k)):
                                services.signer_confirm(signer=signers[member.pk], actor=member.user)
                    with clock.acting_at(p.filed):
                        actor = p.account if p.way == "collective" else p.proposer.user
                        p.proposal = services.proposal_submit(proposal=draft, actor=actor)
                    progress.tick()
        self.finish(progress)

    # ---- review

    def review(self, w: World, plans: list[Plan]):
        from cppcc import clock
        from django.db import transaction
        from proposals import services

        progress = self.phase("review", len(plans))
        accepted = []
        rng = self.case_rng("review", 0)
        for chunk in chunks(sorted(plans, key=lambda p: p.decided)):
            with transaction.atomic():
                for p in chunk:
                    stage_at = max(p.filed + datetime.timedelta(hours=1), p.decided - datetime.timedelta(days=7))
                    with clock.acting_at(stage_at):
                        p.proposal = services.proposal_review_stage(
                            proposal=p.proposal, actor=w.reviewer, stage="first", opinion="符合提案要求，提交审查会议")
                    with clock.acting_at(p.decided):
                        if p.outcome == "accept":
                            p.proposal = services.proposal_accept(proposal=p.proposal, actor=w.reviewer)
                            accepted.append(p)
                        elif p.outcome == "merge":
                            into = rng.choice([a for a in accepted if a.kind == "plenary"] or accepted).proposal
                            p.proposal = services.proposal_merge(proposal=p.proposal, actor=w.reviewer, into=into,
                                                                 reason="与已立案提案内容相同，并案办理")
                        else:
                            p.proposal = services.proposal_convert(
                                proposal=p.proposal, actor=w.reviewer, to=p.outcome,
                                reason={"opinion": "作为意见建议转有关部门参考", "social": "转社情民意信息",
                                        "letter": "作为委员来信处理"}[p.outcome])
                    progress.tick()
        self.finish(progress)
        return accepted

    # ---- assignment and handling, case by case

    def units_for(self, w: World, rng) -> list:
        """Single (25%), split among 2-4 (15%), or one lead with 1-7 co-handling units (60%): 3.7 on average."""
        shape = weighted(rng, [("single", 25), ("split", 15), ("lead", 60)])
        k = 1 if shape == "single" else (rng.randint(2, 4) if shape == "split" else rng.randint(2, 8))
        k = min(k, len(w.units))
        chosen = []
        while len(chosen) < k:
            unit = rng.choices(w.units, weights=w.unit_weights)[0]
            if unit not in chosen:
                chosen.append(unit)
        if shape == "single":
            return [(chosen[0], "single")]
        if shape == "split":
            return [(u, "split") for u in chosen]
        return [(chosen[0], "lead")] + [(u, "co") for u in chosen[1:]]

    def handling(self, w: World, accepted: list[Plan]):
        from django.db import transaction

        progress = self.phase("assignment and handling", len(accepted))
        rng = self.case_rng("unreplied", 0)
        k = max(1, round(len(accepted) * 0.001))  # about 0.1% of cases never replied: overdue
        self.unreplied = {p.index for p in rng.sample(accepted, min(k, len(accepted)))}
        self.tally = {"assignments": 0, "returns": 0, "co_opinions": 0, "replies": 0, "late": 0, "extended": 0,
                      "paper_signed": 0, "evaluations": 0, "no_response": 0, "rehandled": 0}
        for chunk in chunks(sorted(accepted, key=lambda p: p.decided)):
            with transaction.atomic():
                for p in chunk:
                    self.handle_case(w, p)
                    progress.tick()
        note = ", ".join(f"{k} {v}" for k, v in self.tally.items())
        self.finish(progress, note)

    def handle_case(self, w: World, plan: Plan):
        from cppcc import clock
        from proposals import services

        rng = self.case_rng("case", plan.index)
        case = plan.proposal
        assigned = plan.decided + datetime.timedelta(days=rng.randint(3, 10), hours=1)
        with clock.acting_at(assigned):
            assignments = services.assignment_create(proposal=case, actor=w.secretariat, units=self.units_for(w, rng))
        self.tally["assignments"] += len(assignments)

        # A few units ask to return the case within the window; the secretariat accepts and reassigns.
        if rng.random() < 0.015:
            i = rng.randrange(len(assignments))
            a = assignments[i]
            taken = {x.unit_id for x in assignments}
            free = [u for u in w.units if u.pk not in taken]
            if free:
                liaison, _leader = w.staff[a.unit_id]
                with clock.acting_at(assigned + datetime.timedelta(days=1, hours=5)):
                    services.assignment_request_return(assignment=a, actor=liaison, reason="该事项不属于本单位职责范围")
                with clock.acting_at(assigned + datetime.timedelta(days=2, hours=1)):
                    new = services.assignment_decide_return(assignment=a, actor=w.secretariat, accept=True,
                                                            reason="同意退回，改由职能部门办理", new_unit=rng.choice(free))
                assignments[i] = new
                self.tally["returns"] += 1
                self.tally["assignments"] += 1

        primaries = [a for a in assignments if a.role != "co"]
        never = primaries[-1].pk if plan.index in self.unreplied else None
        for a in assignments:
            liaison, leader = w.staff[a.unit_id]
            start = a.assigned_at
            with clock.acting_at(start + datetime.timedelta(days=rng.randint(1, 4), hours=rng.randint(0, 6))):
                a = services.assignment_sign(assignment=a, actor=liaison)
            if a.role == "co":
                with clock.acting_at(start + datetime.timedelta(days=rng.randint(7, 25))):
                    services.co_opinion_send(assignment=a, actor=liaison,
                                             text=f"{a.unit.name}会办意见：同意主办单位的答复意见，并积极配合落实。")
                self.tally["co_opinions"] += 1
                continue
            if a.pk == never:
                continue
            due = local(a.due_date, 17)
            fate = weighted(rng, [("on_time", 94), ("late", 4), ("extended", 2)])
            if fate == "on_time":
                latest = max(22, (due - start).days - 3)
                moment = start + datetime.timedelta(days=rng.randint(20, latest), hours=rng.randint(0, 5))
            elif fate == "late":
                moment = due + datetime.timedelta(days=rng.randint(3, 40))
                self.tally["late"] += 1
            else:
                new_due = a.due_date + datetime.timedelta(days=30)
                with clock.acting_at(due - datetime.timedelta(days=10)):
                    a = services.assignment_extend(assignment=a, actor=w.secretariat, new_due=new_due,
                                                   reason="涉及多部门协调，申请延期答复")
                moment = due + datetime.timedelta(days=rng.randint(5, 25))
                self.tally["extended"] += 1
            reply = self.reply(w, a, moment, rng, round_no=1, document=f"{plan.index + 1}")
            self.evaluate(w, case, a, reply, moment, rng)

    def reply(self, w: World, a, moment, rng, *, round_no, document):
        from cppcc import clock
        from proposals import services

        liaison, leader = w.staff[a.unit_id]
        code = weighted(rng, CODES)
        follow_up = (moment + datetime.timedelta(days=180)).date() if code == "B" else None
        paper = rng.random() < 0.1
        with clock.acting_at(moment - datetime.timedelta(days=2)):
            draft = services.reply_save_draft(
                assignment=a, actor=liaison, text=REPLY_TEXT.format(title=a.proposal.title), contact_person="办公室主任",
                contact_phone="010-66000000", methods=[rng.choice(["phone", "in_person", "email"])],
                result_code=w.codes[code], follow_up_due=follow_up, letter=None if paper else pdf("答复函.pdf"),
            )
        if paper:
            with clock.acting_at(moment):
                reply = services.reply_record_paper_signature_and_send(
                    reply=draft, actor=liaison, signer_name=leader.first_name or "负责人",
                    document_number=f"{a.unit.code}函〔2025〕{document}号", sealed_scan=pdf("答复函盖章件.pdf"),
                )
            self.tally["paper_signed"] += 1
        else:
            with clock.acting_at(moment - datetime.timedelta(days=1)):
                draft = services.reply_submit_for_signature(reply=draft, actor=liaison)
            with clock.acting_at(moment):
                reply = services.reply_sign_and_send(reply=draft, actor=leader,
                                                     document_number=f"{a.unit.code}函〔2025〕{document}号")
        self.tally["replies"] += 1
        return reply

    def evaluate(self, w: World, case, a, reply, sent, rng, round_no=1):
        from cppcc import clock
        from proposals import services
        from proposals.models import Assignment
        from proposals.selectors import evaluation_slots

        for slot in evaluation_slots(reply):
            rating = weighted(rng, RATINGS) if round_no == 1 else weighted(rng, [("basic", 70), ("satisfied", 30)])
            if rating == "none":
                self.tally["no_response"] += 1
                continue
            if slot.member is not None:
                actor = slot.member.user
            else:
                p = slot.proposal
                key = next(k for k in (("party", p.party_id), ("sector", p.sector_id),
                                        ("special_committee", p.special_committee_id)) if k[1])
                actor = w.accounts[key]
            at = sent + datetime.timedelta(days=rng.randint(3, 25))
            with clock.acting_at(at):
                services.evaluation_submit(reply=reply, actor=actor, overall=rating,
                                           comment="" if rating != "unsatisfied" else "答复未针对所提建议，措施不具体")
            self.tally["evaluations"] += 1
            if rating == "unsatisfied" and round_no == 1:
                second = Assignment.objects.filter(proposal=case, unit_id=a.unit_id, round=2, active=True).first()
                if second is not None and not second.replies.exists():
                    self.tally["rehandled"] += 1
                    again = at + datetime.timedelta(days=rng.randint(30, 70))
                    reply2 = self.reply(w, second, again, rng, round_no=2, document=f"{case.pk}-2")
                    self.evaluate(w, case, second, reply2, again, rng, round_no=2)

    # ---- the whole run

    def run(self):
        from proposals import notices

        started = time.perf_counter()
        quiet = contextlib.nullcontext() if self.notices else mock.patch.object(notices, "queue", lambda **kwargs: None)
        with quiet:
            w = self.organisation()
            t0 = time.perf_counter()
            plans = self.plan(w)
            print(f"  planning: {len(plans)} proposals in {time.perf_counter() - t0:.1f} s", flush=True)
            self.filing(w, plans)
            accepted = self.review(w, plans)
            self.handling(w, accepted)
        total = time.perf_counter() - started
        return w, plans, total


def timezone_date(moment):
    from django.utils import timezone

    return timezone.localdate(moment)


# ---- database preparation


def prepare_database(t: env.Target, *, reset: bool) -> None:
    """SQLite: a new file (the old one and its private files removed). PostgreSQL: created when missing;
    refused when the committee is already there, unless --reset (drops every table of the schema)."""
    private = env.BENCH_VAR / "private" / t.name
    if t.engine == "sqlite":
        t.path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            extra = t.path.with_name(t.path.name + suffix)
            if extra.exists():
                extra.unlink()
        shutil.rmtree(private, ignore_errors=True)
        return
    import psycopg

    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(t.url)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    try:
        _prepare_postgres(t, admin_url, reset=reset)
    except psycopg.OperationalError as exc:
        raise env.BenchError(f"PostgreSQL: {exc}".strip()) from exc
    shutil.rmtree(private, ignore_errors=True)


def _prepare_postgres(t, admin_url, *, reset):
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [t.name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{t.name}" ENCODING \'UTF8\' TEMPLATE template0')
            print(f"  created database {t.name}")
    with psycopg.connect(t.url, autocommit=True) as conn:
        has = conn.execute("SELECT to_regclass('public.members_committee') IS NOT NULL").fetchone()[0]
        if has and conn.execute("SELECT 1 FROM members_committee WHERE name = %s", [COMMITTEE_NAME]).fetchone():
            if not reset:
                raise env.BenchError(f"{t.name} already holds {COMMITTEE_NAME}; pass --reset to start again.")
        if has and reset:
            conn.execute("DROP SCHEMA public CASCADE")
            conn.execute("CREATE SCHEMA public")
            print(f"  {t.name}: every table dropped (--reset)")


def speed_up_sqlite():
    """Generation only: SQLite does not wait for the disk on every commit (the data is throwaway until done)."""
    from django.db.backends.signals import connection_created

    def pragmas(sender, connection, **kwargs):
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous=OFF")

    connection_created.connect(pragmas, weak=False)


def summary(w, total):
    from proposals import statistics
    from members.periods import Period
    from proposals.models import Assignment, Evaluation, Reply

    o = statistics.overview(Period.of_session(w.session))
    assignments = Assignment.objects.filter(proposal__committee=w.committee, round=1).count()
    print()
    print(f"{w.committee.name} {Period.of_session(w.session).label}: received {o.received} = accepted {o.accepted} "
          f"+ merged {o.merged} + converted {o.converted} (opinion {o.converted_opinion}, social "
          f"{o.converted_social}, letter {o.converted_letter})")
    print(f"  assignments (round 1) {assignments} = {assignments / max(1, o.accepted):.2f} per case; "
          f"replies {Reply.objects.filter(assignment__proposal__committee=w.committee).count()}, "
          f"evaluations {Evaluation.objects.filter(reply__assignment__proposal__committee=w.committee).count()}")
    print(f"  reply rate {o.reply_rate} ({o.replied}/{o.accepted}), on time {o.on_time_rate}, adoption "
          f"{o.adoption_rate}, satisfied {o.satisfaction_rate}, satisfied+basic {o.satisfied_or_basic_rate}, "
          f"no response {o.no_response}, re-handled {o.rehandled}, overdue {o.overdue}")
    print(f"  total {total:.1f} s")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=[s for s in SCALES if s != "tiny"], required=True)
    env.add_arguments(parser, default_help="default var/bench/<scale>.sqlite3; replaced if it exists")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--reset", action="store_true", help="PostgreSQL: drop the database's tables first")
    parser.add_argument("--notices", action="store_true", help="queue the inbox notices too (slower)")
    args = parser.parse_args(argv)
    try:
        t = env.target(args.database, args.database_url, env.BENCH_VAR / f"{args.scale}.sqlite3")
        print(f"bench.generate: scale {args.scale}, seed {args.seed}, database {t.label}", flush=True)
        prepare_database(t, reset=args.reset)
    except env.BenchError as exc:
        env.fail(str(exc))
    env.setup(t)
    from django.core.management import call_command

    if t.engine == "sqlite":
        speed_up_sqlite()
    started = time.perf_counter()
    print("[migrate]", flush=True)
    call_command("migrate", verbosity=0, interactive=False)
    migrate = time.perf_counter() - started
    print(f"  migrate: {migrate:.1f} s", flush=True)
    generator = Generator(args.scale, args.seed, args.notices)
    w, plans, total = generator.run()
    summary(w, total)
    print("\nphases:")
    print(f"  {'migrate':<26} {'':>7} {migrate:8.1f} s")
    for label, done, elapsed in generator.phases:
        rate = f"{done / elapsed:7.1f}/s" if elapsed else ""
        print(f"  {label:<26} {done:7d} {elapsed:8.1f} s {rate}")
    proposals_rate = len(plans) / total if total else 0
    print(f"  {'all proposals':<26} {len(plans):7d} {total:8.1f} s {proposals_rate:7.2f} proposals/s (end to end)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
