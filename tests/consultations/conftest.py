"""A committee with a term, sectors, members with logins, an organiser and activities built through the services."""

import datetime

import pytest
from django.utils import timezone, translation

from consultations import services
from consultations.models import ActivityKind
from members.models import ActivityGroup, SpecialCommittee, Term
from members.models.roles import Role
from members.services import role_grant
from tests import factories


def at(day: datetime.date, hour=9, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


class World:
    def __init__(self, committee, secretariat):
        self.committee = committee
        self.secretariat = secretariat
        self.today = timezone.localdate()
        self.term = Term.objects.create(committee=committee, number=10, start_date=datetime.date(2022, 12, 20))
        self.education = factories.sector(committee, "教育界")
        self.medicine = factories.sector(committee, "医药卫生界")
        self.party = factories.party(committee, "民盟")
        self.health_committee = SpecialCommittee.objects.create(committee=committee, name="教科卫体委员会")
        self.economy_committee = SpecialCommittee.objects.create(committee=committee, name="经济委员会")
        self.group = ActivityGroup.objects.create(committee=committee, name="建安小组")
        self.teacher = self.member("王老师", self.education)
        self.teacher2 = self.member("李老师", self.education)
        self.doctor = self.member("张医生", self.medicine, special=self.health_committee)
        self.group.members.add(self.doctor)
        self.staff = factories.user_with_role(Role.SPECIAL_STAFF, committee, special_committee=self.health_committee)

    def member(self, name, sector, special=None):
        user = factories.user()
        role_grant(user=user, role=Role.MEMBER, committee=self.committee)
        mem = factories.member(self.committee, name=name, user=user)
        membership = factories.membership(mem, self.term, sec=sector, par=self.party)
        if special is not None:
            membership.special_committees.add(special)
        return mem

    def kind(self, code):
        return ActivityKind.objects.get(committee=self.committee, code=code)

    def activity(self, *, kind="counterpart", day=None, hour=9, hours=3, topic="关于医疗市场秩序的对口协商",
                 organiser="health", actor=None, **kw):
        day = day or self.today + datetime.timedelta(days=7)
        organiser = {"health": self.health_committee, "economy": self.economy_committee, None: None}[organiser]
        return services.activity_create(
            actor=actor or self.secretariat, committee=self.committee, kind=self.kind(kind), topic=topic,
            starts_at=at(day, hour), ends_at=at(day, hour + hours), place="政协三楼会议室", organiser=organiser, **kw,
        )


@pytest.fixture
def world(committee, secretariat):
    return World(committee, secretariat)


@pytest.fixture(autouse=True)
def english_messages():
    """Refusals are asserted by their English msgid, whatever the catalogue says in Chinese."""
    with translation.override("en"):
        yield
