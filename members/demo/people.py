"""The members of three terms: the tenth (the seed's 158), the ninth before it and the current one.

Everyone is generated from fixed seeds, so the same people come back on every run and upserts keyed
by member number find them. A person keeps one member number across terms (docs/domain.md#organisation: never key on
the name); sector and party live on the term membership and sometimes differ between terms.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from cppcc.demo_kit import CHANGE_REASON, Tally, upsert
from cppcc.history import stamp
from members.models import ActivityGroup, Member, TermMembership

from . import data
from .names import Person, PersonFactory
from .organisation import Organisation

CHAIR, VICE_CHAIR, SECRETARY_GENERAL = (
    TermMembership.Post.CHAIR, TermMembership.Post.VICE_CHAIR, TermMembership.Post.SECRETARY_GENERAL,
)
# The chairs' council (主席会议) of every term, in roster order: (post, sector).
COUNCIL = [
    (CHAIR, "中共"), (VICE_CHAIR, "中共"), (VICE_CHAIR, "民主党派"), (VICE_CHAIR, "无党派人士"),
    (VICE_CHAIR, "工商联"), (SECRETARY_GENERAL, "中共"),
]
POST_TITLES = {CHAIR: "主席", VICE_CHAIR: "副主席", SECRETARY_GENERAL: "秘书长"}
STANDING = 25  # 常委 of a county committee, the council included
TERM_SIZE = 150  # the ninth and the current term; the tenth is the seed's 158
REUSED_IN_NINTH = 95  # ~60% of the tenth served in the ninth
REUSED_IN_CURRENT = 60  # ~40% of the current term served in the tenth
# Sectors that follow from the party or the person, never changed at random between terms.
BY_PARTY = {"中共", "民主党派", "无党派人士", "少数民族界", "宗教界"}


@dataclass
class Profile:
    """A person and what they do (the Member row)."""

    number: str
    person: Person
    education: str
    speciality: str
    work_unit: str
    position: str


@dataclass
class Seat:
    """One term membership."""

    number: str
    sector: str
    party: str
    standing: bool = False
    post: str = ""
    special: str | None = None


class Roster:
    """Generates the people and seats of the demo terms; writes nothing."""

    def __init__(self, current_term: int, current_start: datetime.date):
        self.profiles: dict[str, Profile] = {}
        self.seats: dict[int, list[Seat]] = {}
        ids, phones = set(), set()
        self._tenth(PersonFactory(2007, ids, phones))
        self._ninth(PersonFactory(2003, ids, phones))
        self._current(PersonFactory(current_term, ids, phones), current_term, current_start.year)

    # --- the terms -------------------------------------------------------------------------
    def _tenth(self, f):
        seats = self._council(f, "ZY10", 2007)
        quotas = _quotas(158) - Counter(s.sector for s in seats)
        seats += self._newcomers(f, "ZY10", len(seats), quotas, 2007)
        self.seats[10] = self._finish(f, seats)

    def _ninth(self, f):
        """About 60% of the tenth served in the ninth too, some in another sector or party."""
        tenth = [s for s in self.seats[10] if not s.post]
        seats = self._council(f, "ZY09", 2003)
        for seat in sorted(f.rng.sample(tenth, REUSED_IN_NINTH), key=lambda s: s.number):
            sector, party = _moved(f, seat, 0.1)
            if sector not in BY_PARTY and party not in ("中共", "群众") and f.rng.random() < 0.3:
                party = "群众"  # joined the democratic party only after the ninth term
            seats.append(Seat(seat.number, sector, party))
        quotas = _quotas(TERM_SIZE) - Counter(s.sector for s in seats)
        seats += self._newcomers(f, "ZY09", len(COUNCIL), quotas, 2003)
        self.seats[9] = self._finish(f, seats)

    def _current(self, f, term, start_year):
        """The current term keeps about 40% of people from the tenth, those young enough to serve."""
        prefix = f"ZY{term:02d}"
        seats = self._council(f, prefix, start_year)
        eligible = [
            s for s in self.seats[10]
            if not s.post and self.profiles[s.number].person.birth_date.year >= start_year - 60
        ]
        for seat in sorted(f.rng.sample(eligible, min(REUSED_IN_CURRENT, len(eligible))), key=lambda s: s.number):
            seats.append(Seat(seat.number, *_moved(f, seat, 0.15)))
        quotas = _quotas(TERM_SIZE) - Counter(s.sector for s in seats)
        seats += self._newcomers(f, prefix, len(COUNCIL), quotas, start_year)
        self.seats[term] = self._finish(f, seats)

    # --- the people --------------------------------------------------------------------------
    def _council(self, f, prefix, year):
        """The chairs' council, appointed aged 50 to 58, heads the roster."""
        seats = []
        for i, (post, sector) in enumerate(COUNCIL, 1):
            number = f"{prefix}-{i:03d}"
            person = f.person(born_between=(year - 58, year - 50), female_share=0.15)
            self.profiles[number] = self._profile(f, number, person, sector, "政协紫阳县委员会", POST_TITLES[post])
            seats.append(Seat(number, sector, "中共" if sector == "中共" else _party(f, sector), True, post))
        return seats

    def _newcomers(self, f, prefix, used, quotas, year):
        """People new to the committee in `year`, aged 28 to 60, numbered on in roster (sector) order."""
        seats = []
        for sector, *_rest in data.SECTORS:
            for _ in range(max(0, quotas[sector])):
                used += 1
                number = f"{prefix}-{used:03d}"
                person = f.person(
                    born_between=(year - 60, year - 28),
                    female_share={"妇联": 0.9, "宗教界": 0.1, "教育界": 0.45, "医药卫生界": 0.45}.get(sector, 0.25),
                    minority_share=1.0 if sector == "少数民族界" else 0.02,
                )
                unit, position = _work(f, sector, young=year - person.birth_date.year < 35)
                self.profiles[number] = self._profile(f, number, person, sector, unit, position)
                seats.append(Seat(number, sector, _party(f, sector)))
        return seats

    def _profile(self, f, number, person, sector, work_unit, position):
        return Profile(
            number=number, person=person, education=f.choose(data.EDUCATION.get(sector, data.EDUCATION["default"])),
            speciality=f.rng.choice(data.SPECIALITY[sector]), work_unit=work_unit, position=position,
        )

    def _finish(self, f, seats):
        """Standing members beyond the council, and special committees (all standing members sit on one)."""
        ordinary = [s for s in seats if not s.post]
        for seat in f.rng.sample(ordinary, STANDING - len(COUNCIL)):
            seat.standing = True
        home = {name: committee for name, _seats, _parties, committee in data.SECTORS}
        names = [name for name, _ in data.SPECIAL_COMMITTEES]
        for seat in ordinary:
            if seat.standing or f.rng.random() < 0.5:
                seat.special = home[seat.sector] or f.rng.choices(names, weights=[3] + [1] * (len(names) - 1))[0]
        return sorted(seats, key=lambda s: s.number)


def _quotas(total) -> Counter:
    """Seats per sector scaled from the tenth term's 158 to `total` (largest remainder)."""
    seats = {name: n for name, n, *_ in data.SECTORS}
    exact = {name: n * total / 158 for name, n in seats.items()}
    result = Counter({name: int(x) for name, x in exact.items()})
    for name in sorted(exact, key=lambda k: exact[k] - int(exact[k]), reverse=True)[: total - sum(result.values())]:
        result[name] += 1
    return result


def _moved(f, seat, chance) -> tuple[str, str]:
    """The (sector, party) a person has in another term: now and then a professional sector changes
    (a teacher who became a headmaster of a private school sits for 工商联); a CPC member stays one."""
    if seat.sector in BY_PARTY or f.rng.random() >= chance:
        return seat.sector, seat.party
    sector = f.rng.choice([name for name, *_ in data.SECTORS if name not in BY_PARTY and name != seat.sector])
    return sector, seat.party if seat.party == "中共" else _party(f, sector)


def _party(f, sector) -> str:
    weights = next(parties for name, _n, parties, _c in data.SECTORS if name == sector)
    return f.choose(weights)


def _work(f, sector, *, young: bool) -> tuple[str, str]:
    """A place and post in the sector; a member under about 35 does not get a senior post."""
    places = data.WORK[sector]
    if young:
        junior = [(unit, [p for p in posts if p not in data.SENIOR_TITLES]) for unit, posts in places]
        places = [(unit, posts) for unit, posts in junior if posts] or [(unit, ["干部"]) for unit, _ in places]
    unit, posts = f.rng.choice(places)
    return _fill(f, unit), f.rng.choice(posts)


def _fill(f, template: str) -> str:
    return template.format(
        town=f.rng.choice(data.TOWNS), village=f.rng.choice(data.VILLAGES), brand=f.rng.choice(data.BRANDS),
    )


# --- writing -------------------------------------------------------------------------------------
def write(org: Organisation, *, tally: Tally) -> Roster:
    """Upsert members, term memberships, their special committees and the activity groups."""
    roster = Roster(org.current_term.number, org.current_term.start_date)
    members = _write_members(org, roster, tally)
    _write_memberships(org, roster, members, tally)
    _write_groups(org, roster, members, tally)
    return roster


def _write_members(org, roster, tally):
    existing = {m.member_number: m for m in Member.objects.filter(committee=org.committee)}
    members = {}
    for number, p in sorted(roster.profiles.items()):
        person = p.person
        members[number] = upsert(
            Member, {"committee": org.committee, "member_number": number},
            {
                "name": person.name, "gender": person.gender, "ethnicity": person.ethnicity,
                "birth_date": person.birth_date, "id_number": person.id_number, "phone": person.phone,
                "education": p.education, "speciality": p.speciality, "work_unit": p.work_unit, "position": p.position,
            },
            tally, existing=existing.get(number),
        )
    return members


def _write_memberships(org, roster, members, tally):
    existing = {
        (tm.member_id, tm.term_id): tm
        for tm in TermMembership.objects.filter(term__committee=org.committee)
    }
    through = TermMembership.special_committees.through
    seated = set(
        through.objects.filter(termmembership__term__committee=org.committee)
        .values_list("termmembership_id", "specialcommittee_id")
    )
    for term_number, seats in roster.seats.items():
        term = org.terms[term_number]
        for seat in seats:
            member = members[seat.number]
            membership = upsert(
                TermMembership, {"member": member, "term": term},
                {
                    "sector": org.sectors[seat.sector], "party": org.parties[seat.party],
                    "is_standing": seat.standing, "post": seat.post, "start_date": term.start_date,
                },
                tally, existing=existing.get((member.pk, term.pk)),
            )
            if seat.special:
                special = org.special_committees[seat.special]
                new = (membership.pk, special.pk) not in seated
                if new:
                    stamp(membership, actor=None, reason=CHANGE_REASON).special_committees.add(special)
                tally.count(_pair_label(TermMembership, "special_committees"), "created" if new else "same")


def _write_groups(org, roster, members, tally):
    """Members of the current term join a place group; a few join the studio of their field."""
    f = PersonFactory(f"groups-{org.current_term.number}")
    places = [name for name, kind in data.ACTIVITY_GROUPS if kind == ActivityGroup.Kind.GROUP]
    wanted = {name: set() for name, _ in data.ACTIVITY_GROUPS}
    seats = [s for s in roster.seats[org.current_term.number] if not s.post]
    for seat in seats:
        if f.rng.random() < 0.8:
            wanted[f.rng.choice(places)].add(members[seat.number].pk)
    for studio, sectors in data.STUDIO_SECTORS.items():
        fitting = [s for s in seats if s.sector in sectors]
        wanted[studio] = {members[s.number].pk for s in f.rng.sample(fitting, min(8, len(fitting)))}
    through = ActivityGroup.members.through
    present = set(
        through.objects.filter(activitygroup__committee=org.committee).values_list("activitygroup_id", "member_id")
    )
    for name, member_ids in wanted.items():
        group = org.groups[name]
        missing = sorted(pk for pk in member_ids if (group.pk, pk) not in present)
        if missing:  # an empty add still fires m2m_changed, and so a history row
            stamp(group, actor=None, reason=CHANGE_REASON).members.add(*missing)
        label = _pair_label(ActivityGroup, "members")
        tally.count(label, "created", len(missing))
        tally.count(label, "same", len(member_ids) - len(missing))


def _pair_label(model, m2m: str) -> str:
    return f"{model._meta.verbose_name} · {model._meta.get_field(m2m).verbose_name}"
