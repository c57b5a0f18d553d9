"""Small builders for tests: each creates through the services where a service exists."""

import datetime
import itertools

from django.contrib.auth import get_user_model

from members.models import Body, Committee, Member, Party, Sector, Term, TermMembership
from members.models.roles import Role
from members.services import role_grant

_seq = itertools.count(1)


def committee(name=None):
    return Committee.objects.create(name=name or f"政协测试{next(_seq)}县委员会", level=Committee.Level.COUNTY)


def term(com, number=10):
    return Term.objects.create(committee=com, number=number, start_date=datetime.date(2007, 1, 1))


def sector(com, name=None):
    return Sector.objects.create(committee=com, name=name or f"界别{next(_seq)}")


def party(com, name=None, kind=Party.Kind.DEMOCRATIC):
    return Party.objects.create(committee=com, name=name or f"党派{next(_seq)}", kind=kind)


def unit(com, name=None, **kw):
    n = next(_seq)
    return Body.objects.create(committee=com, code=kw.pop("code", f"U{n:03d}"), name=name or f"测试局{n}", **kw)


def member(com, name="张三", number=None, user=None, **kw):
    kw.setdefault("gender", Member.Gender.MALE)
    return Member.objects.create(committee=com, member_number=number or f"M{next(_seq):05d}", name=name, user=user, **kw)


def membership(mem, trm, sec=None, par=None, **kw):
    return TermMembership.objects.create(
        member=mem, term=trm, sector=sec or sector(mem.committee), party=par or party(mem.committee),
        start_date=trm.start_date, **kw,
    )


def user(username=None, password="pass-1234-word"):
    User = get_user_model()
    u = User.objects.create_user(username=username or f"user{next(_seq)}", password=password)
    return u


def user_with_role(role, com, username=None, **scope):
    """A user holding `role` in `com`; unit roles get a fresh unit unless one is given."""
    u = user(username)
    if role in (Role.UNIT_LIAISON, Role.UNIT_LEADER) and "unit" not in scope:
        scope["unit"] = unit(com)
    if role == Role.COLLECTIVE and not scope:
        scope["party"] = party(com)
    role_grant(user=u, role=role, committee=com, **scope)
    if role == Role.MEMBER:
        member(com, name=f"委员{u.pk}", user=u)
    u.refresh_from_db()
    return u
