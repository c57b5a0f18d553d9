"""Roster imports from .xlsx: members (keyed by member number) and handling units (keyed by code).

Every row is checked before anything is written, because a half-imported roster is worse than
none: one bad row means nothing is written and the requester gets a workbook naming the sheet,
row, column and problem. Re-importing a file updates the records it names (a blank optional cell
keeps the stored value), and every write carries the requester into simple-history. Lookups
(sectors, parties, terms, existing records) are read once per import, never once per row.
"""

import datetime
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, NamedTuple

from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import ngettext

from cppcc import clock
from cppcc.excel import Sheet, clean_header, import_template, is_blank, parse_date, read_rows, write_workbook
from cppcc.history import save_audited
from cppcc.services import JobError, file_store, job_refusal, job_row_limit, register_job
from cppcc.text import clean_text
from members import permissions
from members.forms import valid_id_number
from members.models import Body, Committee, Member, Party, Sector, Term, TermMembership
from members.models.organisation import chinese_number

PROGRESS_EVERY = 20
CHANGE_REASON = gettext_lazy("Roster import")
ERROR_SHEET = "错误"
ERROR_HEADER = ["工作表", "行", "列", "问题"]
SHOWN_IN_MESSAGE = 5

MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}((-|转)\d{1,6})?$")
DATE_HELP = gettext_lazy("A date such as 2007-01-15, 2007/1/15 or 2007年1月15日, or an Excel date.")


class Problem(NamedTuple):
    sheet: str
    row: int
    column: str
    message: str


class ImportFailed(Exception):
    """Some rows are wrong; nothing was written."""

    def __init__(self, problems):
        super().__init__(f"{len(problems)} problems")
        self.problems = sorted(problems, key=lambda p: p.row)

    def summary(self) -> str:
        count = len(self.problems)
        lines = [
            ngettext("%(count)d error; nothing was imported.", "%(count)d errors; nothing was imported.", count)
            % {"count": count}
        ]
        lines += [
            _("%(sheet)s, row %(row)d, %(column)s: %(message)s") % p._asdict()
            for p in self.problems[:SHOWN_IN_MESSAGE]
        ]
        if count > SHOWN_IN_MESSAGE:
            lines.append(_("The attached file lists every error."))
        return "\n".join(lines)


# --- cell parsers: value (never blank) -> Python value, or ValidationError -------------------------


def as_text(value) -> str:
    """A cell as text: Excel turns 10001 typed in a cell into the number 10001.0."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return clean_text(str(value), multiline=True).strip()  # no hidden direction override reaches a name


def text(model, name):
    """Text no longer than the model field allows (read from the model, so the two never drift)."""
    max_length = model._meta.get_field(name).max_length

    def parse(value):
        value = as_text(value)
        if len(value) > max_length:
            raise ValidationError(_("At most %(max)d characters.") % {"max": max_length})
        return value

    return parse


def choice(mapping):
    def parse(value):
        key = as_text(value).lower()
        if key not in mapping:
            allowed = "、".join(k for k in mapping if not k.isascii())
            message = _("“%(value)s” is not allowed; use one of: %(allowed)s.")
            raise ValidationError(message % {"value": value, "allowed": allowed})
        return mapping[key]

    return parse


YES_NO = {"是": True, "否": False, "√": True, "×": False, "y": True, "n": False, "yes": True, "no": False,
          "true": True, "false": False, "1": True, "0": False}
GENDERS = {"男": Member.Gender.MALE, "女": Member.Gender.FEMALE, "男性": Member.Gender.MALE,
           "女性": Member.Gender.FEMALE, "m": Member.Gender.MALE, "f": Member.Gender.FEMALE}
POSTS = {"主席": TermMembership.Post.CHAIR, "副主席": TermMembership.Post.VICE_CHAIR,
         "秘书长": TermMembership.Post.SECRETARY_GENERAL, "无": TermMembership.Post.NONE}
# The words people write in a roster; the model's labels are translatable English.
BODY_KINDS = {
    "政府部门": Body.Kind.GOVERNMENT, "党委部门": Body.Kind.PARTY, "人大机关": Body.Kind.CONGRESS,
    "法院检察院": Body.Kind.JUDICIAL, "人民团体": Body.Kind.MASS, "企事业单位": Body.Kind.ENTERPRISE,
    "乡镇": Body.Kind.TOWNSHIP, "其他": Body.Kind.OTHER,
    **{kind.value: kind for kind in Body.Kind},
}
boolean = choice(YES_NO)


def phone(value) -> str:
    """An 11-digit mobile (stored as digits) or a landline with area code, e.g. 0915-1234567."""
    raw = re.sub(r"\s+", "", as_text(value))
    digits = raw.replace("-", "")
    if digits.startswith("+86"):
        digits = digits[3:]
    if MOBILE.match(digits):
        return digits
    if LANDLINE.match(raw):
        return raw
    raise ValidationError(_("“%(value)s” is neither an 11-digit mobile number nor a landline with area code.") % {"value": raw})


def id_number(value) -> str:
    if isinstance(value, (int, float)):
        # Excel keeps 15 significant digits: the number in the cell is already wrong.
        raise ValidationError(_("Type identity numbers as text (format the column as text): Excel rounds long numbers."))
    value = as_text(value).upper()
    if not valid_id_number(value):
        raise ValidationError(_("Not a valid 18-character identity number (the check digit does not match)."))
    return value


def email(value) -> str:
    value = as_text(value)
    try:
        validate_email(value)
    except ValidationError:
        raise ValidationError(_("Not a valid e-mail address."))
    return value


CHINESE_TERMS = {chinese_number(n): n for n in range(1, 100)}


def term_number(value) -> int:
    """届次 written as 10, 10届, 第10届 or 第十届."""
    if isinstance(value, (int, float)) and float(value).is_integer():
        return int(value)
    raw = as_text(value)
    core = raw.removeprefix("第").removesuffix("届")
    if core.isdigit() and int(core) > 0:
        return int(core)
    if core in CHINESE_TERMS:
        return CHINESE_TERMS[core]
    raise ValidationError(_("“%(value)s” is not a term; write 10 or 第十届.") % {"value": raw})


# --- the framework -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # the Chinese header is the file format, not interface text
    required: bool = False
    parse: Callable = as_text
    help: str = ""
    allowed: object = ""  # text, or fn(importer) -> text, for the template's 说明 sheet
    aliases: tuple = ()
    as_text: bool = False  # formatted as text in the template (numbers Excel would mangle)


@dataclass
class Row:
    number: int
    data: dict = field(default_factory=dict)
    bad: set = field(default_factory=set)  # keys whose cell could not be read (already reported)


def _assign(obj, values) -> bool:
    """Set the given (non-None) values; True if anything changed. Compares foreign keys by id (no query)."""
    changed = False
    for key, value in values.items():
        if value is None:
            continue
        model_field = obj._meta.get_field(key)
        attname, raw = (model_field.attname, value.pk) if model_field.is_relation else (key, value)
        if getattr(obj, attname) != raw:
            setattr(obj, key, value)
            changed = True
    return changed


class Importer:
    """Reads one sheet, checks every row, and writes all rows in one transaction or none."""

    kind = ""
    label = ""
    sheet_title = ""
    columns: tuple = ()
    unique_in_file: tuple = ()
    required_perms: tuple = ("members.add_member", "members.change_member")
    max_rows = None  # read_rows' default, IMPORT_MAX_ROWS; the job runner may lower it (eager runs)

    def __init__(self, *, committee=None, user=None, term=None, create_logins=False):
        self.committee = committee
        self.user = user
        self.default_term = term
        # 三员分立: the system administrator imports records but makes no logins (accounts are not its work).
        self.logins_refused = user is not None and permissions.kept_out_of_accounts(user)
        self.create_logins = create_logins and not self.logins_refused  # members: user name = member number
        self.logins = 0  # logins created or linked (members) or given (unit contacts)
        self.asked_for_logins = create_logins
        self.sheet = self.sheet_title
        self.problems = []
        self.by_key = {c.key: c for c in self.columns}
        self.prepare()

    @classmethod
    def may_import(cls, user, committee) -> bool:
        """The import permissions, in a committee the user serves (administrators: any)."""
        if user is None or not all(user.has_perm(p) for p in cls.required_perms):
            return False
        return permissions.is_administrator(user) or committee.pk in permissions.committee_ids(user)

    # Hooks for each importer.
    def prepare(self):
        """Read every lookup the checks need, once."""

    def check(self, row):
        """Checks of one row beyond its cells (lookups, dates in order); may resolve names to objects."""

    def finish(self, rows):
        """Checks that need the whole file or the database (duplicates against stored records)."""

    def ordered(self, rows):
        return rows

    def save(self, row) -> str:
        raise NotImplementedError

    def example(self) -> dict:
        return {}

    # The framework.
    def problem(self, row_number, key, message):
        column = self.by_key[key].header if key in self.by_key else key
        self.problems.append(Problem(self.sheet, row_number, column, str(message)))

    def _stamp_save(self, obj):
        save_audited(obj, actor=self.user, reason=CHANGE_REASON)

    def _header_index(self, headers) -> dict:
        index = {}
        for column in self.columns:
            for name in (column.header, *column.aliases):
                if clean_header(name) in headers:
                    index[column.key] = clean_header(name)
                    break
            else:
                if column.required:
                    self.problem(1, column.key, _("This required column is missing from the header row."))
        return index

    def _parse(self, number, values, index) -> Row:
        row = Row(number)
        for column in self.columns:
            value = values.get(index[column.key]) if column.key in index else None
            row.data[column.key] = None
            if is_blank(value):
                if column.required and column.key in index:
                    self.problem(number, column.key, _("This column is required."))
                continue
            try:
                row.data[column.key] = column.parse(value)
            except ValidationError as error:
                row.bad.add(column.key)
                for message in error.messages:
                    self.problem(number, column.key, message)
        return row

    def validate(self, fileobj, progress=None) -> list:
        """Every row parsed and checked; raises ImportFailed with all problems, or returns the rows."""
        progress = progress or (lambda done, total=None: None)
        rows = read_rows(fileobj, max_rows=self.max_rows)
        self.sheet = rows.sheet
        index = self._header_index(rows.headers)
        if self.problems:
            rows.close()
            raise ImportFailed(self.problems)
        raw = list(rows)
        if not raw:
            raise ValidationError(_("The sheet “%(sheet)s” has no rows to import.") % {"sheet": self.sheet})
        self.total = 2 * len(raw)  # checking, then writing
        progress(0, self.total)
        seen = {key: {} for key in self.unique_in_file}
        parsed = []
        for done, (number, values) in enumerate(raw, start=1):
            row = self._parse(number, values, index)
            for key in self.unique_in_file:
                value = row.data[key]
                if value is None:
                    continue
                if value in seen[key]:
                    message = _("“%(value)s” also appears in row %(row)d.")
                    self.problem(number, key, message % {"value": value, "row": seen[key][value]})
                else:
                    seen[key][value] = number
            self.check(row)
            parsed.append(row)
            if done % PROGRESS_EVERY == 0 or done == len(raw):
                progress(done)
        self.finish(parsed)
        if self.problems:
            raise ImportFailed(self.problems)
        return parsed

    def write(self, rows, progress=None) -> Counter:
        """All rows in one transaction: a failure half-way leaves the database as it was."""
        progress = progress or (lambda done, total=None: None)
        counts = Counter()
        with transaction.atomic():
            for done, row in enumerate(self.ordered(rows), start=1):
                counts[self.save(row)] += 1
                if done % PROGRESS_EVERY == 0 or done == len(rows):
                    progress(len(rows) + done)
        return counts

    def run(self, fileobj, progress=None) -> str:
        counts = self.write(self.validate(fileobj, progress), progress)
        summary = _("%(label)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.") % {
            "label": self.label, "created": counts["created"], "updated": counts["updated"],
            "unchanged": counts["unchanged"],
        }
        if self.logins_refused and self.asked_for_logins:
            summary += " " + _("No logins were made: the system administrator makes no accounts. The secretariat "
                               "makes them under “Logins and account slips”.")
        if self.logins:
            summary += " " + ngettext(
                "%(count)d login ready; print the account slips under “Logins and account slips”.",
                "%(count)d logins ready; print the account slips under “Logins and account slips”.",
                self.logins) % {"count": self.logins}
        return summary

    def check_logins(self, wanted):
        """`wanted`: (row number, column key, user name, member number or None, contact name or None).
        A user name that is someone else's login is a problem of that row (nothing is written)."""
        from django.contrib.auth import get_user_model

        from members.models.roles import Role, RoleAssignment

        names = {w[2] for w in wanted}
        users = {u.username: u for u in get_user_model().objects.filter(username__in=names)}
        linked = {m.user_id: m for m in Member.objects.filter(user_id__in=[u.pk for u in users.values()])}
        staff = set(RoleAssignment.objects.active().filter(user_id__in=[u.pk for u in users.values()])
                    .exclude(role=Role.MEMBER).values_list("user_id", flat=True))
        seen = {}
        for number, key, username, member_number, contact in wanted:
            if username in seen:
                self.problem(number, key, _("The user name %(username)s also appears in row %(row)d.")
                             % {"username": username, "row": seen[username]})
                continue
            seen[username] = number
            user = users.get(username)
            if user is None:
                continue
            owner = linked.get(user.pk)
            if member_number is not None:
                mine = owner is not None and owner.committee_id == getattr(self.committee, "pk", None) \
                    and owner.member_number == member_number
                if owner is not None and not mine:
                    self.problem(number, key, _("The user name %(username)s belongs to %(name)s already.")
                                 % {"username": username, "name": owner.name})
                elif owner is None and user.pk in staff:
                    self.problem(number, key, _("The user name %(username)s is a staff or unit login; give this "
                                                "member another one.") % {"username": username})
            else:
                if owner is not None:
                    self.problem(number, key, _("The user name %(username)s belongs to member %(name)s.")
                                 % {"username": username, "name": owner.name})
                elif not user.is_active:
                    self.problem(number, key, _("The login %(username)s was deactivated; give the new contact "
                                                "another user name.") % {"username": username})
                elif user.first_name and user.first_name != contact:
                    self.problem(number, key, _("The user name %(username)s belongs to %(name)s. To hand the unit's "
                                                "login to %(new)s, give another user name.")
                                 % {"username": username, "name": user.first_name, "new": contact})


# --- members -----------------------------------------------------------------------------------------


def _names(objects):
    return "、".join(objects) or _("(none set up yet)")


class MemberImporter(Importer):
    kind = "members.import_members"
    label = gettext_lazy("Members")
    sheet_title = "委员名册"
    unique_in_file = ("member_number", "phone", "id_number")
    columns = (
        Column("member_number", "委员编号", True, text(Member, "member_number"), as_text=True,
               help=gettext_lazy("The key: a number already on file updates that member instead of adding one.")),
        Column("name", "姓名", True, text(Member, "name")),
        Column("gender", "性别", True, choice(GENDERS), allowed="男、女"),
        Column("ethnicity", "民族", False, text(Member, "ethnicity"), help=gettext_lazy("汉族 if left blank for a new member.")),
        Column("birth_date", "出生日期", False, parse_date, help=DATE_HELP),
        Column("id_number", "身份证号", False, id_number, as_text=True,
               help=gettext_lazy("18 characters, typed as text; the check digit is verified.")),
        Column("education", "学历", False, text(Member, "education")),
        Column("speciality", "专业特长", False, text(Member, "speciality")),
        Column("work_unit", "工作单位", False, text(Member, "work_unit")),
        Column("position", "职务", False, text(Member, "position")),
        Column("phone", "手机", False, phone, as_text=True,
               help=gettext_lazy("An 11-digit mobile or a landline with area code; no two members share one.")),
        Column("email", "电子邮箱", False, email),
        Column("term", "届次", False, term_number,
               help=gettext_lazy("10 or 第十届; if blank, the term chosen on the import page."),
               allowed=lambda imp: "、".join(str(t) for t in imp.terms.values())),
        Column("sector", "界别", True, text(Sector, "name"), allowed=lambda imp: _names(imp.sectors)),
        Column("party", "党派", True, text(Party, "name"), allowed=lambda imp: _names(imp.parties)),
        Column("is_standing", "常委", False, boolean, allowed="是、否"),
        Column("post", "政协职务", False, choice(POSTS), allowed="主席、副主席、秘书长、无",
               aliases=("职务(主席/副主席/秘书长)",)),
        Column("start_date", "任期开始", False, parse_date,
               help=gettext_lazy("Defaults to the start of the term.")),
        Column("end_date", "任期结束", False, parse_date, help=DATE_HELP),
    )
    MEMBER_FIELDS = ("name", "gender", "ethnicity", "birth_date", "id_number", "education", "speciality",
                     "work_unit", "position", "phone", "email")
    MEMBERSHIP_FIELDS = ("sector", "party", "is_standing", "post", "start_date", "end_date")

    def prepare(self):
        cid = getattr(self.committee, "pk", None)
        self.sectors = {s.name: s for s in Sector.objects.filter(committee_id=cid)}
        self.parties = {p.name: p for p in Party.objects.filter(committee_id=cid)}
        self.terms = {t.number: t for t in Term.objects.filter(committee_id=cid).order_by("number")}
        self.members = {m.member_number: m for m in Member.objects.filter(committee_id=cid)}
        self.memberships = {}

    def check(self, row):
        d = row.data
        for key, lookup, message in (
            ("sector", self.sectors, _("Unknown sector “%(value)s” in this committee.")),
            ("party", self.parties, _("Unknown party or organisation “%(value)s” in this committee.")),
        ):
            if d[key] is not None:
                found = lookup.get(d[key])
                if found is None:
                    self.problem(row.number, key, message % {"value": d[key]})
                d[key] = found
        if d["term"] is None and "term" not in row.bad:
            d["term"] = self.default_term
            if d["term"] is None:
                self.problem(row.number, "term", _("Give the term here or choose one on the import page."))
        elif d["term"] is not None:
            number, d["term"] = d["term"], self.terms.get(d["term"])
            if d["term"] is None:
                message = _("This committee has no term %(term)s.")
                self.problem(row.number, "term", message % {"term": f"第{chinese_number(number)}届"})
        birth = d["birth_date"]
        if birth and not datetime.date(1900, 1, 1) <= birth <= clock.today():
            self.problem(row.number, "birth_date", _("The date of birth is not plausible."))
        if birth and d["id_number"] and d["id_number"][6:14] != birth.strftime("%Y%m%d"):
            self.problem(row.number, "id_number", _("The identity number does not match the date of birth."))

    def finish(self, rows):
        if self.create_logins:
            self.check_logins([
                (r.number, "member_number", r.data["member_number"], r.data["member_number"], None) for r in rows
                if r.data["member_number"] and not getattr(self.members.get(r.data["member_number"]), "user_id", None)
            ])
        self._check_taken(rows, "phone", _("%(value)s is already the phone of %(member)s."))
        self._check_taken(rows, "id_number", _("This identity number is already recorded for %(member)s."))
        # Memberships of the members and terms in the file, read once: for the dates and for writing.
        member_ids = [self.members[r.data["member_number"]].pk for r in rows if r.data["member_number"] in self.members]
        term_ids = {r.data["term"].pk for r in rows if r.data["term"] is not None}
        self.memberships = {
            (m.member_id, m.term_id): m
            for m in TermMembership.objects.filter(member_id__in=member_ids, term_id__in=term_ids)
        }
        for row in rows:
            d = row.data
            if d["term"] is None:
                continue
            member = self.members.get(d["member_number"])
            stored = self.memberships.get((member.pk, d["term"].pk)) if member else None
            start = d["start_date"] or (stored.start_date if stored else d["term"].start_date)
            end = d["end_date"] or (stored.end_date if stored else None)
            if end and end < start:
                message = _("The term of office ends before it starts (%(start)s).")
                self.problem(row.number, "end_date", message % {"start": start})

    def _check_taken(self, rows, key, message):
        """A value that belongs to another stored member, unless this file gives that member another one."""
        owners = {getattr(m, key): m for m in self.members.values() if getattr(m, key)}
        in_file = {r.data["member_number"]: r.data[key] for r in rows}
        for row in rows:
            value = row.data[key]
            owner = owners.get(value) if value else None
            if owner is None or owner.member_number == row.data["member_number"]:
                continue
            if in_file.get(owner.member_number) not in (None, value):
                continue  # the owner's own row moves them to another value
            self.problem(row.number, key, message % {"value": value, "member": owner})

    def save(self, row) -> str:
        d = row.data
        member = self.members.get(d["member_number"])
        created = member is None
        if created:
            member = Member(committee=self.committee, member_number=d["member_number"])
        changed = _assign(member, {k: d[k] for k in self.MEMBER_FIELDS})
        if created or changed:
            self._stamp_save(member)
            self.members[member.member_number] = member
        term = d["term"]
        membership = self.memberships.get((member.pk, term.pk))
        if membership is None:
            membership = TermMembership(member=member, term=term, start_date=term.start_date)
        values = {k: d[k] for k in self.MEMBERSHIP_FIELDS}
        if _assign(membership, values) or membership.pk is None:
            changed = True
            self._stamp_save(membership)
            self.memberships[(member.pk, term.pk)] = membership
        if self.create_logins:
            from members.onboarding import member_login_ensure

            had_login = member.user_id is not None
            member_login_ensure(member=member, actor=self.user)
            self.logins += 0 if had_login else 1
        return "created" if created else ("updated" if changed else "unchanged")

    def example(self):
        latest = list(self.terms.values())[-1] if self.terms else None
        return {
            "member_number": "10001", "name": "王建国", "gender": "男", "ethnicity": "汉族",
            "birth_date": datetime.date(1972, 5, 18), "id_number": "61092419720518003X",
            "education": "大学本科", "speciality": "茶叶种植与加工", "work_unit": "紫阳县茶业协会",
            "position": "会长", "phone": "13909151234", "email": "wangjianguo@example.com",
            "term": str(latest) if latest else "第十届",
            "sector": next(iter(self.sectors), "经济界"), "party": next(iter(self.parties), "中国民主同盟"),
            "is_standing": "否", "post": "无",
            "start_date": latest.start_date if latest else datetime.date(2022, 1, 10), "end_date": None,
        }


# --- handling units ----------------------------------------------------------------------------------


def username(value) -> str:
    value = as_text(value)
    UnicodeUsernameValidator()(value)
    if len(value) > 150:
        raise ValidationError(_("At most %(max)d characters.") % {"max": 150})
    return value


def person(value) -> str:
    value = as_text(value)
    if len(value) > 50:
        raise ValidationError(_("At most %(max)d characters.") % {"max": 50})
    return value


# A unit's liaison (联络员) and leader (负责人): a login each, holding the unit role (members/onboarding.py).
CONTACTS = (("liaison", "联络员", "-lly"), ("leader", "负责人", "-fzr"))
CONTACT_COLUMNS = tuple(
    column for prefix, word, suffix in CONTACTS for column in (
        Column(f"{prefix}_name", word, False, person,
               help=gettext_lazy("Gets a login for the unit's assignments; the account slips are printed under "
                                 "“Logins and account slips”.")),
        Column(f"{prefix}_phone", f"{word}手机", False, phone, as_text=True,
               help=gettext_lazy("A mobile number: the slip can be sent by SMS.")),
        Column(f"{prefix}_email", f"{word}邮箱", False, email),
        Column(f"{prefix}_username", f"{word}账号", False, username, as_text=True,
               help=gettext_lazy("The user name of the login; if blank, the unit code followed by %(suffix)s.")
               % {"suffix": suffix}),
    )
)


class UnitImporter(Importer):
    kind = "members.import_units"
    label = gettext_lazy("Handling units")
    sheet_title = "承办单位"
    unique_in_file = ("code",)
    required_perms = Importer.required_perms + ("members.add_body", "members.change_body")
    columns = (
        Column("code", "单位编码", True, text(Body, "code"), as_text=True,
               help=gettext_lazy("The key: a code already on file updates that unit instead of adding one.")),
        Column("name", "单位名称", True, text(Body, "name")),
        Column("short_name", "简称", False, text(Body, "short_name")),
        Column("kind", "类别", False, choice(BODY_KINDS), help=gettext_lazy("政府部门 if left blank for a new unit."),
               allowed="、".join(k for k in BODY_KINDS if not k.isascii())),
        Column("is_handling_unit", "承办单位", False, boolean, allowed="是、否",
               help=gettext_lazy("Whether proposals can be assigned to it; 是 if left blank for a new unit.")),
        Column("valid_from", "生效日期", False, parse_date, help=DATE_HELP),
        Column("valid_to", "失效日期", False, parse_date, help=DATE_HELP),
        Column("successor", "继任单位编码", False, text(Body, "code"), as_text=True,
               help=gettext_lazy("After a merger or renaming: the code of the unit that took over "
                                 "(in this file or on record); needs an end date.")),
        Column("contact_person", "联系人", False, text(Body, "contact_person")),
        Column("phone", "联系电话", False, phone, as_text=True),
        Column("address", "地址", False, text(Body, "address")),
        *CONTACT_COLUMNS,
    )
    FIELDS = ("name", "short_name", "kind", "is_handling_unit", "valid_from", "valid_to", "contact_person",
              "phone", "address")

    def prepare(self):
        self.bodies = {b.code: b for b in Body.objects.filter(committee_id=getattr(self.committee, "pk", None))}
        codes = {b.pk: b.code for b in self.bodies.values()}
        self.stored_successor = {b.code: codes.get(b.successor_id) for b in self.bodies.values()}

    def check(self, row):
        d = row.data
        if d["successor"] is not None and d["successor"] == d["code"]:
            self.problem(row.number, "successor", _("A unit cannot succeed itself."))

    def finish(self, rows):
        in_file = {r.data["code"]: r for r in rows if r.data["code"]}

        def successor_of(code):
            row = in_file.get(code)
            if row is not None and row.data["successor"]:
                return row.data["successor"]
            return self.stored_successor.get(code)

        for row in rows:
            d = row.data
            stored = self.bodies.get(d["code"])
            start = d["valid_from"] or (stored.valid_from if stored else None)
            end = d["valid_to"] or (stored.valid_to if stored else None)
            if start and end and end < start:
                self.problem(row.number, "valid_to", _("The end date is before the start date (%(start)s).") % {"start": start})
            successor = d["successor"]
            if not successor or successor == d["code"]:
                continue
            if successor not in in_file and successor not in self.bodies:
                message = _("No unit with code “%(code)s” in this file or on record.")
                self.problem(row.number, "successor", message % {"code": successor})
                continue
            if not end:
                self.problem(row.number, "valid_to", _("A unit with a successor needs an end date."))
            seen, code = set(), successor
            while code and code not in seen:
                if code == d["code"]:
                    self.problem(row.number, "successor", _("The chain of successors leads back to this unit."))
                    break
                seen.add(code)
                code = successor_of(code)

        wanted = []
        for row in rows:
            d = row.data
            if self.logins_refused:
                self.asked_for_logins = self.asked_for_logins or any(d[f"{p}_name"] for p, _w, _s in CONTACTS)
                continue
            for prefix, word, suffix in CONTACTS:
                if d[f"{prefix}_name"] and d["code"]:
                    name = d[f"{prefix}_username"] or f"{d['code']}{suffix}"
                    wanted.append((row.number, f"{prefix}_username", name, None, d[f"{prefix}_name"]))
                elif any(d[f"{prefix}_{k}"] for k in ("phone", "email", "username")):
                    self.problem(row.number, f"{prefix}_name", _("Give the name of the person with this login."))
        self.check_logins(wanted)

    def ordered(self, rows):
        """A successor is written before the units it replaces, so each row is saved once."""
        by_code = {r.data["code"]: r for r in rows}
        done, out = set(), []
        for row in rows:
            chain = []
            while row is not None and row.data["code"] not in done:
                done.add(row.data["code"])
                chain.append(row)
                row = by_code.get(row.data["successor"])
            out.extend(reversed(chain))
        return out

    def save(self, row) -> str:
        d = row.data
        body = self.bodies.get(d["code"])
        created = body is None
        if created:
            body = Body(committee=self.committee, code=d["code"])
        values = {k: d[k] for k in self.FIELDS}
        values["successor"] = self.bodies[d["successor"]] if d["successor"] else None
        outcome = "unchanged"
        if _assign(body, values) or created:
            self._stamp_save(body)
            self.bodies[body.code] = body
            outcome = "created" if created else "updated"
        self._save_contacts(body, d)
        return outcome

    def _save_contacts(self, body, d):
        from members.models.roles import Role
        from members.onboarding import unit_contact_ensure

        if self.logins_refused:
            return

        for prefix, role in (("liaison", Role.UNIT_LIAISON), ("leader", Role.UNIT_LEADER)):
            if d[f"{prefix}_name"]:
                unit_contact_ensure(unit=body, role=role, name=d[f"{prefix}_name"], username=d[f"{prefix}_username"] or "",
                                    email=d[f"{prefix}_email"] or "", phone=d[f"{prefix}_phone"] or "", actor=self.user)
                self.logins += 1

    def example(self):
        return {
            "code": "101", "name": "紫阳县发展和改革局", "short_name": "县发改局", "kind": "政府部门",
            "is_handling_unit": "是", "valid_from": datetime.date(2019, 3, 1), "valid_to": None, "successor": None,
            "contact_person": "李明", "phone": "0915-4321234", "address": "紫阳县城关镇新华街1号",
            "liaison_name": "李明", "liaison_phone": "13991501234", "liaison_email": "liming@example.com",
            "liaison_username": None, "leader_name": "张强", "leader_phone": "13991505678", "leader_email": None,
            "leader_username": None,
        }


IMPORTERS = {"members": MemberImporter, "units": UnitImporter}


# --- files: template and error list ------------------------------------------------------------------


def template_workbook(kind, committee=None) -> bytes:
    """Header, one example row, and a 说明 sheet with each column's rule and allowed values."""
    importer = IMPORTERS[kind](committee=committee)
    notes = [
        _("One record per row; keep the header row as it is."),
        _("A blank optional cell keeps the stored value when a record is updated."),
        _("If any row has an error, nothing is imported and you get a list of the errors."),
        _("Replace the example row with your data."),
    ]
    return import_template(importer, sheet_title=importer.sheet_title, notes=notes)


def error_workbook(problems) -> bytes:
    return write_workbook([Sheet(ERROR_SHEET, ERROR_HEADER, [list(p) for p in problems], widths=[14, 8, 16, 80])])


# --- background jobs ---------------------------------------------------------------------------------


def _run_job(importer_class, job, progress) -> str:
    committee = Committee.objects.filter(pk=job.params.get("committee_id")).first()
    if committee is None or not importer_class.may_import(job.requester, committee):
        raise JobError(_("You may not import into this committee."))
    term = None
    if job.params.get("term_id"):
        term = Term.objects.filter(pk=job.params["term_id"], committee=committee).first()
    importer = importer_class(committee=committee, user=job.requester, term=term,
                              create_logins=bool(job.params.get("create_logins")))
    importer.max_rows = job_row_limit(job)
    return run_upload(job, lambda data: importer.run(data, progress))


def run_upload(job, run) -> str:
    """Runs `run(data)` on the job's uploaded workbook. A refused file ends the job with its reason; rows
    with errors end it with the error workbook attached (every import job, the ledger's too)."""
    with job.input_file.file.open("rb") as stored:
        data = io.BytesIO(stored.read())
    try:
        return run(data)
    except ValidationError as error:
        raise job_refusal(job, error)
    except ImportFailed as failed:
        stem = job.input_file.name.rsplit(".", 1)[0]
        errors = file_store(content=error_workbook(failed.problems), name=f"{stem}-错误.xlsx", user=job.requester,
                            owner=job)  # members.permissions.can_read_job_file
        raise JobError(failed.summary(), result_file=errors)


@register_job(MemberImporter.kind)
def import_members(job, progress):
    return _run_job(MemberImporter, job, progress)


@register_job(UnitImporter.kind)
def import_units(job, progress):
    return _run_job(UnitImporter, job, progress)
