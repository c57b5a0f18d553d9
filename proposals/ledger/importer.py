"""Importing a past session from the secretariat's Excel ledger (提案台账).

One row per proposal: 案号 (the case number, or the receipt number of a proposal not accepted), 收文号,
案由, 提案人, 提案类型, 类别, 提交日期, 审查结果, 并入案号, 立案日期, 承办单位, 交办日期, 答复日期, 办理结果,
评价, 评价日期. The session is chosen on the import page. As the roster import (members.imports, whose
framework this reuses): every row is checked first and every problem is named by sheet, row and column;
nothing is written unless all rows pass, and then all rows are written in one transaction.

Why the rows are written here and not by calling the workflow services one by one. A ledger holds the
facts of a finished past, not the papers: no scans of the originals, no reply letters, contacts or
document numbers (which `proposal_record_on_behalf` and `reply_record_paper_signature_and_send` demand),
case numbers the office gave then (the services number from the counters), evaluations returned after
today's time limit, and inbox notices about 2007 that nobody should receive today. So `_Writer` writes
exactly the rows and ProposalEvents those services write (create, confirm_cosign, submit, the outcome,
assign, draft_reply + send_paper_signed, send_co_opinion, evaluate, rehandle), dated at the ledger's
dates, plus one `import` event, with `Proposal.imported_at` set and the simple-history reason "Ledger
import". Duty-ledger entries go through proposals.services.ledger (members.services) acting at the
ledger's dates (cppcc.clock), so a member's 2007 record shows the 2007 proposals. The statistics of the
imported session, read from these events, are the ledger's.

Dates are days; steps of one day keep their order by the hour they are given: submitted 09:00, outcome
10:00, assigned 11:00, replied 15:00, evaluated 16:00 (Beijing time).

Which proposals are plenary (大会提案): those submitted on or before the session's plenary closes; later
ones are between-session proposals (平时提案).

Re-import rule. A row is matched to a stored proposal of the session by its 案号 (the case number, or the
receipt number). A re-import updates the title (案由), category and a missing 收文号 (with history) and
adds what the stored record lacks: units newly listed, a reply, an evaluation. It never rewrites a step
already recorded: a different outcome, proposers, date, unit role or result code of a recorded step is a
row error naming the recorded value (an outcome recorded wrongly is a fact of the record with its own
events and duty entries; changing it behind them would make past reports untrue). Existing events are
never created twice.
"""

import datetime
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cppcc import clock
from cppcc.excel import import_template
from cppcc.history import save_audited
from cppcc.services import JobError, job_row_limit, register_job
from members.imports import Column, Importer, as_text, choice, run_upload, text
from cppcc.excel import parse_date
from members.models import Body, Member, Party, Sector, Session, SpecialCommittee, TermMembership
from proposals import permissions
from proposals.models import (
    Assignment, Category, CoOpinion, Counter, Evaluation, Kind, Proposal, ProposalEvent, ProposerType, Reply,
    ResultCode, Satisfaction, Signer,
)
from proposals.selectors import local_date, settings_for
from proposals.services import ledger
from proposals.services.base import add_months
from proposals.services.handling import due_date
from proposals.workflow import CASES, AssignmentStatus, ReplyStatus, Status

KIND = "proposals.import_ledger"
SHEET = "提案台账"
CHANGE_REASON = gettext_lazy("Ledger import")
HOURS = {"submit": 9, "decide": 10, "assign": 11, "reply": 15, "evaluate": 16}
SEPARATORS = re.compile(r"[;；,，、/\n]+")
ITEM = re.compile(r"^(?P<name>.+?)\s*(?:\((?P<note>[^()]*)\))?$")
TRAILING_DIGITS = re.compile(r"(\d+)\D*$")

Role = Assignment.Role
PRIMARY = (Role.SINGLE, Role.SPLIT, Role.LEAD)

# The words of a ledger -> (action of the event, status). 作参考 is the seed's 作参考案.
OUTCOMES = {
    "立案": ("accept", Status.ACCEPTED),
    "并案": ("merge", Status.MERGED),
    "作参考": ("convert_opinion", Status.CONVERTED_OPINION),
    "作参考案": ("convert_opinion", Status.CONVERTED_OPINION),
    "转意见建议": ("convert_opinion", Status.CONVERTED_OPINION),
    "作参考(转意见建议)": ("convert_opinion", Status.CONVERTED_OPINION),
    "转社情民意": ("convert_social", Status.CONVERTED_SOCIAL),
    "作委员来信": ("convert_letter", Status.CONVERTED_LETTER),
    "不予立案": ("reject", Status.REJECTED),
    "撤案": ("withdraw", Status.WITHDRAWN),
}
OUTCOME_WORDS = {status: word for word, (_a, status) in reversed(list(OUTCOMES.items()))}
PROPOSER_TYPES = {
    "个人": ProposerType.INDIVIDUAL, "联名": ProposerType.JOINT, "党派团体": ProposerType.PARTY,
    "党派": ProposerType.PARTY, "团体": ProposerType.PARTY, "界别": ProposerType.SECTOR,
    "专委会": ProposerType.SPECIAL_COMMITTEE, "专门委员会": ProposerType.SPECIAL_COMMITTEE,
}
ROLES = {"单办": Role.SINGLE, "分办": Role.SPLIT, "主办": Role.LEAD, "会办": Role.CO, "协办": Role.CO}
NO_RESPONSE = "no_response"
EVALUATIONS = {"满意": Satisfaction.SATISFIED, "基本满意": Satisfaction.BASIC, "不满意": Satisfaction.UNSATISFIED,
               "未表态": NO_RESPONSE}
SATISFACTION_WORDS = {v: k for k, v in EVALUATIONS.items()}
COLLECTIVE_ATTR = {ProposerType.PARTY: "party", ProposerType.SECTOR: "sector",
                   ProposerType.SPECIAL_COMMITTEE: "special_committee"}


def _normal(value) -> str:
    """Full-width brackets and spaces as people type them: （） -> (), no stray spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", as_text(value)))


def _outcome(value):
    key = _normal(value)
    if key not in OUTCOMES:
        allowed = "、".join(["立案", "并案", "作参考(转意见建议)", "转社情民意", "作委员来信", "不予立案", "撤案"])
        raise ValidationError(_("“%(value)s” is not a review outcome; use one of: %(allowed)s.") % {"value": value, "allowed": allowed})
    return key


def _items(value) -> list[tuple[str, str]]:
    """"张三(0101)、李四" -> [("张三", "0101"), ("李四", "")]."""
    out = []
    for part in SEPARATORS.split(_normal(value)):
        if part:
            match = ITEM.match(part)
            out.append((match["name"], (match["note"] or "").strip()))
    return out


def _seq(number: str):
    match = TRAILING_DIGITS.search(number or "")
    return int(match.group(1)) if match else None


def moment(day: datetime.date, step: str) -> datetime.datetime:
    """The aware moment a ledger step of `day` is dated at (Beijing time; see HOURS)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(HOURS[step])), timezone.get_default_timezone())


class LedgerImporter(Importer):
    kind = KIND
    label = gettext_lazy("Proposal ledger")
    sheet_title = SHEET
    unique_in_file = ("key", "receipt")
    columns = (
        Column("key", "案号", True, text(Proposal, "case_number"), as_text=True, aliases=("立案号", "编号"),
               help=gettext_lazy("The case number; for a proposal not accepted, its receipt number. "
                                 "A number already on record for this session updates that proposal.")),
        Column("receipt", "收文号", False, text(Proposal, "receipt_number"), as_text=True),
        Column("title", "案由", True, text(Proposal, "title"), aliases=("标题", "案由/标题", "题目")),
        Column("proposers", "提案人", True, as_text,
               help=gettext_lazy("First proposer first, separated by 、: a member by name with the member number in "
                                 "brackets, 张三(0101), or by name alone when it is unique in the term; a collective "
                                 "proposer by the name of a party, sector or special committee.")),
        Column("proposer_type", "提案类型", False, choice(PROPOSER_TYPES), allowed="个人、联名、党派团体、界别、专委会",
               help=gettext_lazy("Optional: derived from the proposers.")),
        Column("category", "类别", True, as_text, allowed=lambda imp: "、".join(imp.categories) or "—"),
        Column("submitted", "提交日期", True, parse_date),
        Column("outcome", "审查结果", True, _outcome,
               allowed="立案、并案、作参考(转意见建议)、转社情民意、作委员来信、不予立案、撤案"),
        Column("merged_into", "并入案号", False, as_text, as_text=True,
               help=gettext_lazy("For 并案: the case number of the case it was merged into.")),
        Column("decided", "立案日期", False, parse_date,
               help=gettext_lazy("The date of the review outcome; required for 立案 and 并案, otherwise the "
                                 "submission date if blank.")),
        Column("units", "承办单位", False, as_text,
               help=gettext_lazy("Units by name or code, each with its role in brackets, separated by ; — "
                                 "县教育局(主办);县财政局(会办). Roles: 单办、分办、主办、会办. The names valid on the "
                                 "assignment date, old names of merged units included.")),
        Column("assigned", "交办日期", False, parse_date),
        Column("replied", "答复日期", False, parse_date,
               help=gettext_lazy("Every unit's reply (co-handling units: their opinion) is recorded on this date.")),
        Column("result", "办理结果", False, as_text, allowed=lambda imp: "、".join(imp.code_words) or "—"),
        Column("evaluation", "评价", False, choice(EVALUATIONS), allowed="满意、基本满意、不满意、未表态"),
        Column("evaluated", "评价日期", False, parse_date),
    )

    def __init__(self, *, session, user=None):
        self.session = session
        super().__init__(committee=session.committee, user=user)

    @classmethod
    def may_import(cls, user, committee) -> bool:
        return permissions.may_import_ledger(user, committee)

    # ---- lookups, read once

    def prepare(self):
        session, cid = self.session, self.session.committee_id
        self.rules = settings_for(cid)
        self.today = clock.today()
        self.categories = {c.name: c for c in Category.objects.filter(committee_id=cid)}
        self.codes = {}
        for code in ResultCode.objects.filter(committee_id=cid):
            self.codes[code.code.upper()] = code
            self.codes.setdefault(code.label, code)
        self.code_words = [c.code for c in ResultCode.objects.filter(committee_id=cid, active=True)]
        memberships = TermMembership.objects.filter(term_id=session.term_id).select_related("member")
        self.memberships = {m.member_id: m for m in memberships}
        self.by_number = {m.member.member_number: m.member for m in memberships}
        self.by_name = {}
        for m in memberships:
            self.by_name.setdefault(m.member.name, []).append(m.member)
        self.all_numbers = set(Member.objects.filter(committee_id=cid).values_list("member_number", flat=True))
        self.organisations = {
            ProposerType.PARTY: {p.name: p for p in Party.objects.filter(committee_id=cid)},
            ProposerType.SECTOR: {s.name: s for s in Sector.objects.filter(committee_id=cid)},
            ProposerType.SPECIAL_COMMITTEE: {s.name: s for s in SpecialCommittee.objects.filter(committee_id=cid)},
        }
        self.bodies = {}
        for body in Body.objects.filter(committee_id=cid).select_related("successor"):
            for name in {body.name, body.short_name, body.code} - {""}:
                self.bodies.setdefault(_normal(name), []).append(body)
        stored = list(
            Proposal.objects.filter(session=session)
            .select_related("merged_into")
            .prefetch_related("signers", "assignments__replies__evaluations", "assignments__co_opinion")
        )
        self.stored_by_case = {p.case_number: p for p in stored if p.case_number}
        self.stored_by_receipt = {p.receipt_number: p for p in stored if p.receipt_number}
        self.used_case_seqs = {p.case_seq: p.pk for p in stored if p.case_seq}
        self.used_receipt_seqs = {p.receipt_seq: p.pk for p in stored if p.receipt_seq}

    # ---- one row

    def check(self, row):
        d, n = row.data, row.number
        if d["outcome"] is not None:
            d["action"], d["status"] = OUTCOMES[d["outcome"]]
        else:
            d["action"] = d["status"] = None
        self._check_proposers(row)
        if d["category"] is not None:
            category = self.categories.get(d["category"])
            if category is None:
                self.problem(n, "category", _("Unknown category “%(value)s” in this committee.") % {"value": d["category"]})
            d["category"] = category
        for key in ("submitted", "decided", "assigned", "replied", "evaluated"):
            if d[key] is not None and d[key] > self.today:
                self.problem(n, key, _("This date is in the future."))
        status = d["status"]
        if status is None:
            return
        is_case = status in CASES
        if d["decided"] is None and status in (Status.ACCEPTED, Status.MERGED) and "decided" not in row.bad:
            self.problem(n, "decided", _("The date of the review outcome is required for %(outcome)s.") % {"outcome": d["outcome"]})
        d["decided_given"] = d["decided"] is not None
        if d["decided"] is None:
            d["decided"] = d["submitted"]
        self._check_order(row, "submitted", "decided", _("The review outcome cannot come before the submission."))
        if status == Status.MERGED:
            if not d["merged_into"]:
                self.problem(n, "merged_into", _("Give the case number this proposal was merged into."))
        elif d["merged_into"]:
            self.problem(n, "merged_into", _("Only a merged (并案) proposal names the case it was merged into."))
        if not is_case:
            for key in ("units", "assigned", "replied", "result", "evaluation", "evaluated"):
                if d[key] not in (None, "") and key not in row.bad:
                    self.problem(n, key, _("Only an accepted case (立案) is assigned, replied and evaluated."))
            return
        self._check_units(row)
        self._check_handling(row)

    def _check_order(self, row, earlier, later, message):
        d = row.data
        if d[earlier] and d[later] and d[later] < d[earlier]:
            self.problem(row.number, later, message)

    def _check_proposers(self, row):
        d, n = row.data, row.number
        d["first"], d["cosigners"], d["organisation"] = None, [], None
        if d["proposers"] is None:
            return
        items = _items(d["proposers"])
        wanted = d["proposer_type"]
        if not items:
            self.problem(n, "proposers", _("This column is required."))
            return
        if wanted in COLLECTIVE_ATTR or (wanted is None and len(items) == 1 and self._org_only(items[0])):
            if len(items) > 1:
                self.problem(n, "proposers", _("A collective proposal has one proposer, the organisation."))
                return
            name = items[0][0]
            kinds = [wanted] if wanted in COLLECTIVE_ATTR else [k for k, names in self.organisations.items() if name in names]
            found = [(k, self.organisations[k][name]) for k in kinds if name in self.organisations[k]]
            if not found:
                self.problem(n, "proposers", _("No party, sector or special committee of this committee is called “%(name)s”.") % {"name": name})
            elif len(found) > 1:
                self.problem(n, "proposers", _("“%(name)s” is both a party and a sector; say which in 提案类型.") % {"name": name})
            else:
                d["proposer_type"], d["organisation"] = found[0]
            return
        members, ok = [], True
        for name, number in items:
            member = self._member(n, name, number)
            if member is None:
                ok = False
            elif member in members:
                self.problem(n, "proposers", _("%(name)s is named twice.") % {"name": member.name})
                ok = False
            else:
                members.append(member)
        if not ok:
            return
        derived = ProposerType.JOINT if len(members) > 1 else ProposerType.INDIVIDUAL
        if wanted is not None and wanted != derived:
            self.problem(n, "proposer_type", _("%(type)s does not fit %(count)d proposer(s).") % {
                "type": ProposerType(wanted).label, "count": len(members)})
        d["proposer_type"] = derived
        d["first"], d["cosigners"] = members[0], members[1:]

    def _org_only(self, item) -> bool:
        """A single name that is no member of the term but an organisation's name."""
        name, number = item
        return not number and name not in self.by_name and any(name in names for names in self.organisations.values())

    def _member(self, n, name, number):
        term = self.session.term
        if number:
            member = self.by_number.get(number)
            if member is None:
                if number in self.all_numbers:
                    message = _("Member %(number)s is not a member of %(term)s, the term of this session.")
                else:
                    message = _("No member has the number %(number)s.")
                self.problem(n, "proposers", message % {"number": number, "term": term})
                return None
            if member.name != name:
                self.problem(n, "proposers", _("Member %(number)s is %(real)s, not %(name)s.") % {
                    "number": number, "real": member.name, "name": name})
                return None
            return member
        found = self.by_name.get(name, [])
        if not found:
            self.problem(n, "proposers", _("No member of %(term)s is called %(name)s.") % {"term": term, "name": name})
            return None
        if len(found) > 1:
            numbers = "、".join(f"{m.name}({m.member_number})" for m in found)
            self.problem(n, "proposers", _("%(name)s is ambiguous in %(term)s: write one of %(numbers)s.") % {
                "name": name, "term": term, "numbers": numbers})
            return None
        return found[0]

    def _check_units(self, row):
        d, n = row.data, row.number
        d["unit_roles"] = []
        if not d["units"]:
            for key in ("assigned", "replied", "result", "evaluation", "evaluated"):
                if d[key] is not None and key not in row.bad:
                    self.problem(n, key, _("Give the handling units (承办单位) first."))
            return
        if d["assigned"] is None:
            if "assigned" not in row.bad:
                self.problem(n, "assigned", _("Give the date the case was assigned to its units."))
            return
        self._check_order(row, "decided", "assigned", _("A case is assigned after it is accepted."))
        items = _items(d["units"])
        roles = []
        for name, note in items:
            role = ROLES.get(note) if note else (Role.SINGLE if len(items) == 1 else None)
            if role is None:
                message = (_("Give the role of %(unit)s: 单办、分办、主办 or 会办.") if not note
                           else _("“%(role)s” is not a role; use 单办、分办、主办 or 会办."))
                self.problem(n, "units", message % {"unit": name, "role": note})
                continue
            unit = self._unit(n, name, d["assigned"])
            if unit is None:
                continue
            if any(u.pk == unit.pk for u, _r in d["unit_roles"]):
                self.problem(n, "units", _("%(unit)s is named twice.") % {"unit": unit.name})
                continue
            d["unit_roles"].append((unit, role))
            roles.append(role)
        if roles and len(roles) == len(items) and not _roles_fit(roles):
            self.problem(n, "units", _("Assign one single unit (单办), or several split units (分办), or one lead unit (主办) with co-handling units (会办)."))

    def _unit(self, n, name, day):
        candidates = [b for b in self.bodies.get(_normal(name), []) if b.is_handling_unit]
        if not candidates:
            self.problem(n, "units", _("Unknown handling unit “%(unit)s” in this committee.") % {"unit": name})
            return None
        valid = [b for b in candidates if (b.valid_from is None or b.valid_from <= day) and (b.valid_to is None or b.valid_to >= day)]
        if len(valid) == 1:
            return valid[0]
        if len(valid) > 1:
            self.problem(n, "units", _("“%(unit)s” names several units; use the unit code.") % {"unit": name})
            return None
        body = candidates[0]
        if body.valid_to and body.valid_to < day:
            message = _("%(unit)s no longer existed on %(day)s (until %(until)s)")
            if body.successor_id:
                message += _("; its successor is %(successor)s")
            message += "."
        else:
            message = _("%(unit)s did not exist yet on %(day)s (from %(from)s).")
        self.problem(n, "units", message % {"unit": body.name, "day": day, "until": body.valid_to,
                                            "successor": body.successor, "from": body.valid_from})
        return None

    def _check_handling(self, row):
        d, n = row.data, row.number
        if d["replied"] is None:
            for key in ("result", "evaluation", "evaluated"):
                if d[key] is not None and key not in row.bad:
                    self.problem(n, key, _("Give the reply date (答复日期) first."))
            return
        self._check_order(row, "assigned", "replied", _("A reply cannot come before the assignment."))
        if d["result"] is None:
            self.problem(n, "result", _("Give the result code of the reply."))
        else:
            code = self.codes.get(_normal(d["result"]).upper()) or self.codes.get(d["result"])
            if code is None:
                self.problem(n, "result", _("“%(value)s” is not a result code of this committee; use one of: %(allowed)s.") % {
                    "value": d["result"], "allowed": "、".join(self.code_words)})
            d["result"] = code
        if d["evaluation"] in (None, NO_RESPONSE):
            if d["evaluated"] is not None and "evaluated" not in row.bad:
                self.problem(n, "evaluated", _("An evaluation date needs an evaluation (满意、基本满意 or 不满意)."))
            return
        if d["evaluated"] is None:
            if "evaluated" not in row.bad:
                self.problem(n, "evaluated", _("Give the date of the evaluation."))
            return
        self._check_order(row, "replied", "evaluated", _("An evaluation cannot come before the reply."))

    # ---- the whole file, and the records already stored

    def finish(self, rows):
        accepted_in_file = {r.data["key"]: r for r in rows if r.data.get("status") == Status.ACCEPTED}
        for row in rows:
            d = row.data
            if d.get("status") == Status.MERGED and d["merged_into"]:
                target = accepted_in_file.get(d["merged_into"])
                stored = self.stored_by_case.get(d["merged_into"])
                if target is None and (stored is None or stored.status != Status.ACCEPTED):
                    self.problem(row.number, "merged_into", _("No accepted case %(number)s in this file or in %(session)s.") % {
                        "number": d["merged_into"], "session": self.session})
                elif d["merged_into"] == d["key"]:
                    self.problem(row.number, "merged_into", _("A proposal cannot be merged into itself."))
            d["stored"] = self.stored_by_case.get(d["key"]) or self.stored_by_receipt.get(d["key"])
            if d["receipt"] and d["receipt"] in self.stored_by_receipt:
                other = self.stored_by_receipt[d["receipt"]]
                if d["stored"] is None or other.pk != d["stored"].pk:
                    self.problem(row.number, "receipt", _("%(number)s is the receipt number of another proposal (%(other)s).") % {
                        "number": d["receipt"], "other": other})
            if d["stored"] is not None and d.get("status") is not None and not row.bad:
                self._compare(row, d["stored"])

    def _compare(self, row, p):
        """A re-import adds what is missing and never rewrites a recorded step (see the module docstring)."""
        d, n = row.data, row.number

        def differs(key, recorded):
            self.problem(n, key, _("Already recorded as %(recorded)s; a re-import does not change a recorded step.") % {"recorded": recorded})

        if p.status != d["status"]:
            differs("outcome", OUTCOME_WORDS.get(p.status, p.get_status_display()))
            return
        signers = sorted(p.signers.all(), key=lambda s: (s.order, s.pk))
        first = next((s.member_id for s in signers if s.position == Signer.Position.FIRST), None)
        cosigners = {s.member_id for s in signers if s.position == Signer.Position.COSIGNER and s.status == Signer.State.CONFIRMED}
        if p.is_collective:
            same = d["organisation"] is not None and getattr(p, f"{COLLECTIVE_ATTR[p.proposer_type]}_id") == d["organisation"].pk \
                and d["proposer_type"] == p.proposer_type
        else:
            same = d["first"] is not None and first == d["first"].pk and cosigners == {m.pk for m in d["cosigners"]}
        if not same:
            differs("proposers", str(p.organisation) if p.is_collective else
                    "、".join(s.member.name for s in signers if s.status == Signer.State.CONFIRMED))
        if p.submitted_at and local_date(p.submitted_at) != d["submitted"]:
            differs("submitted", local_date(p.submitted_at))
        if p.decided_at and d["decided_given"] and local_date(p.decided_at) != d["decided"]:
            differs("decided", local_date(p.decided_at))
        if d["status"] == Status.MERGED and p.merged_into and p.merged_into.case_number != d["merged_into"]:
            differs("merged_into", p.merged_into.case_number)
        if d["status"] != Status.ACCEPTED:
            return
        stored = {a.unit_id: a for a in p.assignments.all() if a.round == 1 and a.active}
        listed = {u.pk: r for u, r in d.get("unit_roles", [])}
        for unit_id, a in stored.items():
            if unit_id not in listed:
                differs("units", f"{a.unit}({a.get_role_display()})")
            elif listed[unit_id] != a.role:
                differs("units", f"{a.unit}({a.get_role_display()})")
            elif local_date(a.assigned_at) != d["assigned"]:
                differs("assigned", local_date(a.assigned_at))
        if listed and not _roles_fit([a.role for a in stored.values()] + [r for u, r in listed.items() if u not in stored]):
            self.problem(n, "units", _("Assign one single unit (单办), or several split units (分办), or one lead unit (主办) with co-handling units (会办)."))
        for a in stored.values():
            sent = next((r for r in a.replies.all() if r.round == 1 and r.status == ReplyStatus.SENT), None)
            if sent is None:
                if a.role == Role.CO and getattr(a, "co_opinion", None) and d["replied"] and local_date(a.co_opinion.sent_at) != d["replied"]:
                    differs("replied", local_date(a.co_opinion.sent_at))
                continue
            if d["replied"] is None or local_date(sent.sent_at) != d["replied"]:
                differs("replied", local_date(sent.sent_at))
            elif d["result"] is not None and sent.result_code_id != d["result"].pk:
                differs("result", sent.result_code.code)
            evaluation = next((e for e in sent.evaluations.all() if e.round == 1), None)
            if evaluation is not None and (
                d["evaluation"] != evaluation.overall or d["evaluated"] != local_date(evaluation.submitted_at)
            ):
                differs("evaluation", f"{SATISFACTION_WORDS[evaluation.overall]} {local_date(evaluation.submitted_at)}")

    def ordered(self, rows):
        """Cases first, so a merged proposal finds the case it was merged into."""
        return sorted(rows, key=lambda r: r.data["status"] != Status.ACCEPTED)

    # ---- writing

    def write(self, rows, progress=None):
        self.writer = _Writer(self)
        return super().write(rows, progress)

    def save(self, row) -> str:
        return self.writer.save(row)

    def example(self) -> dict:
        year = self.session.plenary_start
        return {
            "key": self.session.case_number(1), "receipt": "", "title": "关于加快我县茶叶产业发展的提案",
            "proposers": "张三(0101)、李四", "proposer_type": "联名", "category": next(iter(self.categories), "经济"),
            "submitted": self.session.filing_opens, "outcome": "立案", "merged_into": "",
            "decided": year, "units": "县农业局(主办);县财政局(会办)", "assigned": year + datetime.timedelta(days=20),
            "replied": year + datetime.timedelta(days=100), "result": (self.code_words or ["A"])[0],
            "evaluation": "满意", "evaluated": year + datetime.timedelta(days=115),
        }


def _roles_fit(roles) -> bool:
    """One single unit; or split units only; or exactly one lead with any co-handling units (as the service)."""
    kinds = set(roles)
    if (kinds == {Role.SINGLE} and len(roles) == 1) or kinds == {Role.SPLIT}:
        return True
    return kinds <= {Role.LEAD, Role.CO} and roles.count(Role.LEAD) == 1


class _Writer:
    """Writes the checked rows: the rows and events the workflow services write, at the ledger's dates."""

    def __init__(self, importer):
        self.imp = importer
        self.session = importer.session
        self.user = importer.user
        self.rules = importer.rules
        self.now = timezone.now()
        self.case_seqs = dict(importer.used_case_seqs)
        self.receipt_seqs = dict(importer.used_receipt_seqs)
        self.by_case = dict(importer.stored_by_case)
        self.max_seq = {Counter.Series.CASE: max(self.case_seqs, default=0), Counter.Series.RECEIPT: max(self.receipt_seqs, default=0)}
        self.written = 0

    # helpers

    def _save(self, obj, fields=None):
        save_audited(obj, actor=self.user, reason=CHANGE_REASON, fields=fields or None)

    def _event(self, p, action, at, *, from_status="", to_status="", assignment=None, reply=None, data=None,
               on_behalf=True, on_behalf_of=None, reason=""):
        ProposalEvent.objects.create(
            proposal=p, assignment=assignment, reply=reply, action=action, from_status=from_status or "",
            to_status=to_status or "", actor=self.user if getattr(self.user, "pk", None) else None, on_behalf=on_behalf,
            on_behalf_of=on_behalf_of, reason=reason, at=at, data=data or {},
        )

    def _take_seq(self, seqs, series, number, pk):
        seq = _seq(number)
        if seq is None or seqs.get(seq, pk) != pk:
            return None
        seqs[seq] = pk
        self.max_seq[series] = max(self.max_seq[series], seq)
        return seq

    # one row

    def save(self, row) -> str:
        d = row.data
        changes = []
        p = d["stored"]
        created = p is None
        if created:
            p = self._create(d)
            changes.append("created")
        else:
            changes += self._update(p, d)
        if d["status"] == Status.ACCEPTED:
            changes += self._handle(p, d)
        if changes or created:
            p.imported_at = self.now
            self._save(p, ["imported_at"])
            self._event(p, "import", self.now, from_status=p.status, to_status=p.status, on_behalf=False,
                        data={"row": row.number, "sheet": self.imp.sheet, "changes": changes})
        if d["status"] == Status.ACCEPTED:
            self.by_case[p.case_number] = p
        return "created" if created else ("updated" if changes else "unchanged")

    def _create(self, d) -> Proposal:
        session, user = self.session, self.user
        submitted, decided = moment(d["submitted"], "submit"), moment(d["decided"], "decide")
        kind = Kind.PLENARY if d["submitted"] <= session.plenary_end else Kind.BETWEEN
        p = Proposal(
            committee_id=session.committee_id, session=session, kind=kind, proposer_type=d["proposer_type"],
            title=d["title"], category=d["category"], status=Status.DRAFT, created_by=user if getattr(user, "pk", None) else None,
            recorded_on_behalf=True,
        )
        if d["organisation"] is not None:
            setattr(p, COLLECTIVE_ATTR[d["proposer_type"]], d["organisation"])
        self._save(p)
        first = d["first"]
        self._event(p, "create", submitted, to_status=Status.DRAFT, on_behalf_of=first)
        members = ([first] if first else []) + list(d["cosigners"])
        for order, member in enumerate(members):
            membership = self.imp.memberships[member.pk]
            signer = Signer(
                proposal=p, member=member, position=Signer.Position.FIRST if order == 0 else Signer.Position.COSIGNER,
                order=order, status=Signer.State.CONFIRMED, sector_id=membership.sector_id, party_id=membership.party_id,
                invited_at=submitted if order else None, responded_at=submitted, recorded_on_behalf=True,
            )
            self._save(signer)
            if order:
                self._event(p, "confirm_cosign", submitted, from_status=Status.DRAFT, to_status=Status.DRAFT,
                            on_behalf_of=member, data={"member": member.pk})
        # Submission (收文): the receipt number is the ledger's.
        receipt = d["receipt"] or ("" if d["status"] in CASES else d["key"])
        p.receipt_number = receipt
        p.receipt_seq = self._take_seq(self.receipt_seqs, Counter.Series.RECEIPT, receipt, p.pk) if receipt else None
        p.submitted_at, p.status = submitted, Status.SUBMITTED
        self._save(p)
        self._event(p, "submit", submitted, from_status=Status.DRAFT, to_status=Status.SUBMITTED, on_behalf_of=first,
                    data={"receipt_number": receipt, "received_on": d["submitted"].isoformat()})
        with clock.acting_at(submitted):
            ledger.credit_filing(p, actor=user)
        # The review outcome.
        data = {}
        if d["status"] == Status.ACCEPTED:
            p.case_number = d["key"]
            p.case_seq = self._take_seq(self.case_seqs, Counter.Series.CASE, d["key"], p.pk)
            data["case_number"] = p.case_number
        elif d["status"] == Status.MERGED:
            p.merged_into = self.by_case[d["merged_into"]]
            data["into"] = p.merged_into.pk
        p.status, p.decided_at = d["status"], decided
        self._save(p)
        self._event(p, d["action"], decided, from_status=Status.SUBMITTED, to_status=p.status, data=data,
                    on_behalf=d["action"] == "withdraw", on_behalf_of=first if d["action"] == "withdraw" else None)
        with clock.acting_at(decided):
            if d["status"] == Status.ACCEPTED:
                ledger.credit_acceptance(p, actor=user)
            elif d["status"] == Status.MERGED:
                ledger.credit_acceptance(p, actor=user, merged=True)
            elif d["status"] == Status.WITHDRAWN:
                ledger.void_credits(p, actor=user, reason=str(Status.WITHDRAWN.label))
        return p

    def _update(self, p, d) -> list[str]:
        changes = []
        if p.title != d["title"]:
            p.title = d["title"]
            changes.append("title")
        if d["category"] is not None and p.category_id != d["category"].pk:
            p.category = d["category"]
            changes.append("category")
        if d["receipt"] and not p.receipt_number:
            p.receipt_number = d["receipt"]
            if p.receipt_seq is None:
                p.receipt_seq = self._take_seq(self.receipt_seqs, Counter.Series.RECEIPT, d["receipt"], p.pk)
            changes.append("receipt_number")
        if changes:
            self._save(p)
        return changes

    def _handle(self, p, d) -> list[str]:
        """Assignments, replies (co-handling opinions), evaluations and re-handling the record lacks."""
        changes = []
        assignments = {a.unit_id: a for a in p.assignments.filter(round=1, active=True).select_related("unit")}
        if d.get("unit_roles"):
            at = moment(d["assigned"], "assign")
            for unit, role in d["unit_roles"]:
                if unit.pk in assignments:
                    continue
                a = Assignment(
                    proposal=p, unit=unit, role=role, round=1, status=AssignmentStatus.ASSIGNED, assigned_at=at,
                    assigned_by=self.user if getattr(self.user, "pk", None) else None,
                    due_date=due_date(p, role, self.rules, d["assigned"]),
                )
                self._save(a)
                self._event(p, "assign", at, from_status=p.status, to_status=p.status, assignment=a, on_behalf=False,
                            data={"unit": unit.pk, "role": role.value if hasattr(role, "value") else role,
                                  "due_date": a.due_date.isoformat(), "replacing": None})
                assignments[unit.pk] = a
                changes.append(f"assign:{unit.code}")
        if d["replied"] is None:
            return changes
        at = moment(d["replied"], "reply")
        for a in assignments.values():
            if a.role == Role.CO:
                if a.status == AssignmentStatus.REPLIED or CoOpinion.objects.filter(assignment=a).exists():
                    continue
                opinion = CoOpinion(assignment=a, text=_("Recorded from the ledger."), sent_at=at,
                                    sent_by=a.assigned_by, recorded_on_behalf=True)
                self._save(opinion)
                before, a.status = a.status, AssignmentStatus.REPLIED
                a.signed_at = a.signed_at or at
                self._save(a)
                self._event(p, "send_co_opinion", at, from_status=before, to_status=a.status, assignment=a,
                            data={"co_opinion": opinion.pk})
                changes.append(f"co_opinion:{a.unit.code}")
                continue
            reply = a.replies.filter(round=1, status=ReplyStatus.SENT).first()
            if reply is None:
                reply = self._reply(p, a, d, at)
                changes.append(f"reply:{a.unit.code}")
            if d["evaluation"] in (None, NO_RESPONSE):
                continue
            if not reply.evaluations.filter(round=1).exists():
                self._evaluate(p, a, reply, d)
                changes.append(f"evaluation:{a.unit.code}")
        return changes

    def _reply(self, p, a, d, at) -> Reply:
        reply = Reply(assignment=a, round=1, status=ReplyStatus.DRAFT, result_code=d["result"], recorded_on_behalf=True,
                      drafted_by=self.user if getattr(self.user, "pk", None) else None)
        self._save(reply)
        self._event(p, "draft_reply", at, from_status=a.status, to_status=a.status, assignment=a, reply=reply)
        before = a.status
        reply.status, reply.sent_at = ReplyStatus.SENT, at
        self._save(reply)
        self._event(p, "send_paper_signed", at, from_status=ReplyStatus.DRAFT, to_status=ReplyStatus.SENT, assignment=a,
                    reply=reply, data={"assignment_from": before, "assignment_to": AssignmentStatus.REPLIED,
                                       "result_code": d["result"].code})
        a.signed_at = a.signed_at or at
        a.status = AssignmentStatus.REPLIED
        self._save(a)
        return reply

    def _evaluate(self, p, a, reply, d):
        """One evaluation per reply, by the first proposer or, for a collective proposal, the organisation."""
        at = moment(d["evaluated"], "evaluate")
        evaluator = None if p.is_collective else next(
            s.member for s in p.signers.select_related("member") if s.position == Signer.Position.FIRST)
        evaluation = Evaluation(reply=reply, round=1, proposal=p, evaluator=evaluator, overall=d["evaluation"],
                                submitted_at=at, submitted_by=self.user if getattr(self.user, "pk", None) else None,
                                recorded_on_behalf=True)
        self._save(evaluation)
        self._event(p, "evaluate", at, from_status=ReplyStatus.SENT, to_status=ReplyStatus.SENT, assignment=a, reply=reply,
                    on_behalf_of=evaluator,
                    data={"evaluation": evaluation.pk, "overall": evaluation.overall, "for_proposal": p.pk})
        if evaluation.overall == Satisfaction.UNSATISFIED and not Assignment.objects.filter(
                proposal=p, unit=a.unit, round=2, active=True).exists():
            second = Assignment(proposal=p, unit=a.unit, role=a.role, round=2, status=AssignmentStatus.ASSIGNED,
                                assigned_at=at, assigned_by=None, due_date=add_months(d["evaluated"], self.rules.rehandling_months),
                                previous=a)
            self._save(second)
            self._event(p, "rehandle", at, from_status="", to_status=second.status, assignment=second, on_behalf=False,
                        data={"evaluation": evaluation.pk, "first_round": a.pk, "due_date": second.due_date.isoformat()})

    def finish(self):
        """Counters continue after the imported numbers, so numbers given later in the session never collide."""
        for series, top in self.max_seq.items():
            if not top:
                continue
            Counter.objects.get_or_create(committee_id=self.session.committee_id, session=self.session, series=series)
            counter = Counter.objects.select_for_update().get(committee_id=self.session.committee_id, session=self.session, series=series)
            if counter.value < top:
                counter.value = top
                self._save(counter, ["value"])


# ---- files: template and job -----------------------------------------------------------------------


def template_workbook(session) -> bytes:
    """The ledger sheet with one example row, and a 说明 sheet with each column's rule and allowed values."""
    notes = [
        _("One proposal per row; keep the header row as it is. The session is chosen on the import page."),
        _("If any row has an error, nothing is imported and you get a list of the errors."),
        _("Importing the ledger again updates the title, category and receipt number and adds later steps "
          "(units, replies, evaluations); it never changes a step already recorded."),
        _("Replace the example row with your data."),
    ]
    return import_template(LedgerImporter(session=session), sheet_title=SHEET, notes=notes, widths=(16, 8, 70, 50))


def run(session, user, fileobj, progress=None, max_rows=None) -> str:
    """Check and import; ImportFailed (nothing written) or the summary line."""
    importer = LedgerImporter(session=session, user=user)
    importer.max_rows = max_rows
    rows = importer.validate(fileobj, progress)
    with transaction.atomic():
        counts = importer.write(rows, progress)
        importer.writer.finish()
    return _("Proposal ledger of %(session)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.") % {
        "session": session, "created": counts["created"], "updated": counts["updated"], "unchanged": counts["unchanged"],
    }


@register_job(KIND)
def import_ledger(job, progress):
    session = Session.objects.select_related("committee", "term").filter(pk=job.params.get("session_id")).first()
    if session is None or not permissions.may_import_ledger(job.requester, session.committee):
        raise JobError(_("You may not import a ledger into this committee."))
    return run_upload(job, lambda data: run(session, job.requester, data, progress, max_rows=job_row_limit(job)))


__all__ = ["LedgerImporter", "template_workbook", "run", "moment", "KIND"]
