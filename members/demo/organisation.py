"""The committee and its organisation records: terms, sessions, sectors, parties, special committees,
activity groups and bodies. members.services has no writer for these (the secretariat keeps them in
the admin), so they are written as the admin would, one record at a time with history.
"""

import datetime
from dataclasses import dataclass, field

from cppcc.demo_kit import DemoError, Tally, upsert
from members.models import ActivityGroup, Body, Committee, Party, Sector, Session, SpecialCommittee, Term

from . import data

NINTH_START = datetime.date(2003, 1, 8)
TENTH_START = datetime.date(2007, 12, 20)  # 十届一次 opened the term (the seed: both sessions in 2007)
TERM_YEARS = 5


@dataclass
class Organisation:
    """What the later demo steps need, by natural key."""

    committee: Committee
    terms: dict = field(default_factory=dict)  # number -> Term
    current_term: Term | None = None
    current_session: Session | None = None
    sectors: dict = field(default_factory=dict)  # name -> Sector
    parties: dict = field(default_factory=dict)  # name -> Party
    special_committees: dict = field(default_factory=dict)  # name -> SpecialCommittee
    groups: dict = field(default_factory=dict)  # name -> ActivityGroup
    bodies: dict = field(default_factory=dict)  # code -> Body


def term_start(number: int) -> datetime.date:
    """Terms after the tenth follow it every five years (十一届 2012-12-20, 十三届 2022-12-20 ...)."""
    if number == 9:
        return NINTH_START
    return TENTH_START.replace(year=TENTH_START.year + TERM_YEARS * (number - 10))


def current_term_number(today: datetime.date) -> int:
    number = 10 + max(0, (today.year - TENTH_START.year) // TERM_YEARS)
    while term_start(number) > today:
        number -= 1
    while term_start(number + 1) <= today:
        number += 1
    if number <= 10:
        raise DemoError(f"The demo's current term must follow the tenth (2007-2012); {today} is inside it.")
    return number


def build(*, today: datetime.date, tally: Tally) -> Organisation:
    committee = upsert(
        Committee, {"name": data.COMMITTEE["name"]},
        {"short_name": data.COMMITTEE["short_name"], "level": Committee.Level.COUNTY}, tally,
    )
    org = Organisation(committee=committee)
    _terms_and_sessions(org, today, tally)
    _named_lists(org, tally)
    _bodies(org, tally)
    return org


def _terms_and_sessions(org, today, tally):
    current = current_term_number(today)
    for number in (9, 10, current):
        org.terms[number] = upsert(
            Term, {"committee": org.committee, "number": number},
            {"start_date": term_start(number), "end_date": term_start(number + 1) - datetime.timedelta(days=1)},
            tally,
        )
    org.current_term = org.terms[current]
    d = datetime.date
    # The two plenaries the seed's 2007 summary reports; filing windows close on the second-last day.
    _session(org, 9, 5, plenary=(d(2007, 1, 10), d(2007, 1, 13)), filing=(d(2006, 12, 1), d(2007, 1, 12)), tally=tally)
    _session(
        org, 10, 1, plenary=(d(2007, 12, 20), d(2007, 12, 23)), filing=(d(2007, 11, 1), d(2007, 12, 22)), tally=tally,
    )
    # The session in progress: filing opened two months ago, the plenary met a month ago and
    # proposals are now being reviewed and handled, so later issues have work to show.
    start = max(today - datetime.timedelta(days=30), org.current_term.start_date)
    end = min(start + datetime.timedelta(days=3), today)
    number = min(TERM_YEARS, 1 + (start - org.current_term.start_date).days // 365)
    org.current_session = _session(
        org, current, number, plenary=(start, end), filing=(today - datetime.timedelta(days=60), end), tally=tally,
    )


def _session(org, term_number, number, *, plenary, filing, tally):
    return upsert(
        Session, {"term": org.terms[term_number], "number": number},
        {
            "committee": org.committee, "plenary_start": plenary[0], "plenary_end": plenary[1],
            "filing_opens": filing[0], "filing_deadline": filing[1],
        },
        tally,
    )


def _named_lists(org, tally):
    c = org.committee
    for i, (name, *_rest) in enumerate(data.SECTORS, 1):
        org.sectors[name] = upsert(Sector, {"committee": c, "name": name}, {"order": i}, tally)
    for i, (name, kind) in enumerate(data.PARTIES, 1):
        org.parties[name] = upsert(Party, {"committee": c, "name": name}, {"kind": kind, "order": i}, tally)
    for i, (name, is_proposal) in enumerate(data.SPECIAL_COMMITTEES, 1):
        org.special_committees[name] = upsert(
            SpecialCommittee, {"committee": c, "name": name}, {"is_proposal_committee": is_proposal, "order": i}, tally,
        )
    for i, (name, kind) in enumerate(data.ACTIVITY_GROUPS, 1):
        org.groups[name] = upsert(ActivityGroup, {"committee": c, "name": name}, {"kind": kind, "order": i}, tally)


def _bodies(org, tally):
    rows = sorted(data.BODIES, key=lambda row: row[0] != data.MARKET_REGULATOR)  # the successor first
    for code, name, kind, handles, merged in rows:
        values = {
            "name": name, "short_name": _short(name), "kind": kind, "is_handling_unit": handles,
            "valid_from": data.MERGED_FROM if code == data.MARKET_REGULATOR else None,
            "valid_to": data.MERGED_UNTIL if merged else None,
            "successor": org.bodies[data.MARKET_REGULATOR] if merged else None,
        }
        org.bodies[code] = upsert(Body, {"committee": org.committee, "code": code}, values, tally)


def _short(name: str) -> str:
    if name.endswith("人民政府"):
        return name.removesuffix("人民政府")
    return name.removeprefix("县")
