"""One demo login per role, through members.services (role_grant, member_account_ensure).

Every account has the same password, DEMO_PASSWORD. It is printed by `manage.py load_demo` and is
for the demo only: a real deployment creates its accounts in the admin and never loads the demo.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from cppcc.demo_kit import CHANGE_REASON, Tally
from cppcc.history import save_audited
from members.models import Member, RoleAssignment, TermMembership
from members.models.roles import Role
from members.roles import ADMIN_ROLES
from members.services import member_account_ensure, role_grant

from . import data

DEMO_PASSWORD = "cppcc-demo-2026"
# One hash per run instead of one per account (PBKDF2 takes a good fraction of a second), and a
# fixed salt so that a second run sees the stored hash is already the demo password's. The
# password is public anyway.
_SALT = "cppccdemo"

DISPLAY_NAMES = {
    Role.COLLECTIVE: "民盟紫阳县基层委员会",
    Role.SECRETARIAT: "县政协办公室",
    Role.REVIEWER: "提案委员会审查员",
    Role.SPECIAL_STAFF: "教科卫体委员会工作人员",
    Role.UNIT_LIAISON: "县卫生局提案联络员",
    Role.UNIT_LEADER: "县卫生局局长",
    Role.SUPERVISION: "县政府督查室",
    Role.AUDITOR: "审计查阅员",
    Role.ADMIN: "系统管理员",
    Role.SECURITY_ADMIN: "安全管理员",
}


@dataclass(frozen=True)
class Login:
    role: str
    label: str
    username: str
    password: str
    path: str  # where this role works: the admin or the portal


def build(org, roster, *, tally: Tally) -> list[Login]:
    encoded = make_password(DEMO_PASSWORD, salt=_SALT)
    scopes = {
        Role.COLLECTIVE: {"party": org.parties["民盟"]},
        Role.REVIEWER: {"special_committee": org.special_committees["提案委员会"]},
        Role.SPECIAL_STAFF: {"special_committee": org.special_committees["教科卫体委员会"]},
        Role.UNIT_LIAISON: {"unit": org.bodies[data.DEMO_UNIT]},
        Role.UNIT_LEADER: {"unit": org.bodies[data.DEMO_UNIT]},
    }
    people = {Role.MEMBER: _demo_member(org, roster), Role.CHAIR: _chair(org, roster)}
    logins = []
    for role in Role:
        username = role.value
        person = people.get(role)
        user = _user(username, person.name if person else DISPLAY_NAMES[role], encoded, tally)
        had_role = RoleAssignment.objects.active().filter(user=user, role=role).exists()
        if person is not None:
            _free(person, user)
            member_account_ensure(member=person, username=username)
        if role != Role.MEMBER:
            role_grant(user=user, role=role, committee=org.committee, **scopes.get(role, {}))
        tally.count(RoleAssignment._meta.verbose_name, "same" if had_role else "created")
        path = "/admin/" if role in ADMIN_ROLES or role == Role.ADMIN else "/portal/"
        logins.append(Login(role.value, str(role.label), username, DEMO_PASSWORD, path))
    return logins


def _user(username, display_name, encoded, tally):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username, defaults={"first_name": display_name, "password": encoded},
    )
    if not created and (user.password != encoded or not user.is_active):
        user.password, user.is_active = encoded, True  # the printed password must work
        user.save(update_fields=["password", "is_active"])
    tally.count(User._meta.verbose_name, "created" if created else "same")
    return user


def _free(member, user):
    """A demo login follows its member (another run date may pick another one): unlink the old pair."""
    for other in Member.objects.filter(user=user).exclude(pk=member.pk):
        other.user = None
        save_audited(other, actor=None, reason=CHANGE_REASON, fields=["user"])
    if member.user_id not in (None, user.pk):
        member.user = None
        save_audited(member, actor=None, reason=CHANGE_REASON, fields=["user"])


def _demo_member(org, roster) -> Member:
    """A doctor who served in the tenth term and serves now, so the portal shows a record across terms."""
    seats = [s for s in roster.seats[org.current_term.number] if not s.post and not s.standing]
    returning = [s for s in seats if s.number.startswith("ZY10") and s.sector == "医药卫生界"]
    seat = (returning or [s for s in seats if s.sector == "医药卫生界"] or seats)[0]
    return Member.objects.get(committee=org.committee, member_number=seat.number)


def _chair(org, roster) -> Member:
    seat = next(s for s in roster.seats[org.current_term.number] if s.post == TermMembership.Post.CHAIR)
    return Member.objects.get(committee=org.committee, member_number=seat.number)
