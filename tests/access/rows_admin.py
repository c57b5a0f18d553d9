"""Access rows for the proposals admin (proposals/admin/): listings, the proposal's page, every action view.

Objects are built with the core services in both committees: a filed (paper) proposal, a draft with an
unanswered co-signing invitation, an accepted case without a number assigned to three split units (one
replied, one open, one asking to return the case), and the sent reply. Plenary filing windows of the
access world are in 2007, so the proposals here are between-session ones.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from members.models import TermMembership
from members.models.roles import Role
from proposals import services
from proposals.models import Category, Kind, ProposalSettings, RejectReason, ResultCode
from tests import factories
from tests.access.table import outcome

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

VIEWERS = ("secretariat", "reviewer", "chair", "admin")  # view on the proposal models (not the auditor: 三员分立)
RULE_VIEWERS = ("secretariat", "chair", "admin")
RULE_EDITORS = ("secretariat", "admin")
REVIEWERS = ("secretariat", "reviewer")
SECRETARIAT = ("secretariat",)  # the superuser is not the committee's secretariat: services refuse it
SUPERUSER = ("admin",)
NOBODY = ()


def _scan(name="扫描件.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _build(committee, clerk, objects, tag):
    services.rules_install_defaults(committee)
    session, member = objects["sessions"], objects["members"]
    cosigner = factories.member(committee, name=f"联名人{tag}")
    TermMembership.objects.create(member=cosigner, term=objects["terms"], sector=objects["sectors"],
                                  party=objects["parties"], start_date=objects["terms"].start_date)
    category = Category.objects.filter(committee=committee).first()
    content = {"category": category, "situation": "情况分析", "suggestions": "具体建议", "kind": Kind.BETWEEN}

    def paper(title):
        return services.proposal_record_on_behalf(actor=clerk, session=session, scan=_scan(), proposer=member,
                                                  title=title, **content)

    submitted = paper(f"关于加强农村道路养护的提案{tag}")
    draft = services.proposal_create_draft(actor=clerk, session=session, proposer=member, on_behalf=True,
                                           title=f"草稿{tag}", **content)
    services.proposal_invite_cosigners(proposal=draft, actor=clerk, members=[cosigner], on_behalf=True)

    case = services.proposal_accept(proposal=paper(f"关于发展茶叶产业的提案{tag}"), actor=clerk, assign_number=False)
    units = [factories.unit(committee, name=f"县{name}局{tag}") for name in ("交通", "农业", "水利")]
    replied, open_, returning = services.assignment_create(
        proposal=case, actor=clerk, units=[(unit, "split") for unit in units])
    draft_reply = services.reply_save_draft(
        assignment=replied, actor=clerk, on_behalf=True, text="经研究，答复如下。", contact_person="陈科长",
        contact_phone="0915-1234567", methods=["phone"], result_code=ResultCode.objects.get(committee=committee, code="A"),
    )
    reply = services.reply_record_paper_signature_and_send(
        reply=draft_reply, actor=clerk, signer_name="张局长", document_number="交函〔2026〕1号", sealed_scan=_scan("答复函.pdf"),
        on_behalf=True,
    )
    services.assignment_request_return(assignment=returning, actor=clerk, reason="不属于本单位职责", on_behalf=True)
    objects.update({
        "admin_submitted": submitted, "admin_draft": draft, "admin_case": case, "admin_assignment": open_,
        "admin_return": returning, "admin_reply": reply,
        "admin_settings": ProposalSettings.objects.get(committee=committee),
        "admin_category": category,
        "admin_reason": RejectReason.objects.filter(committee=committee).first(),
        "admin_code": ResultCode.objects.filter(committee=committee).first(),
    })


def extend(users, own, other):
    _build(own["committees"], users["secretariat"], own, "")
    other_clerk = factories.user_with_role(Role.SECRETARIAT, other["committees"], username="access_other_secretariat")
    _build(other["committees"], other_clerk, other, "乙")


def _viewset(ns, key, *, viewers, adders=NOBODY, editors=NOBODY, inspect=False):
    rows = [
        (f"{ns}:index", None, outcome(viewers)),
        (f"{ns}:index_results", None, outcome(viewers)),
        (f"{ns}:add", None, outcome(adders)),
        (f"{ns}:edit", f"{key}:own", outcome(editors)),
        (f"{ns}:edit", f"{key}:other", outcome(SUPERUSER if editors else NOBODY)),
        (f"{ns}:delete", f"{key}:own", outcome(NOBODY)),
        (f"{ns}:delete", f"{key}:other", outcome(NOBODY)),
        (f"{ns}:history", f"{key}:own", outcome(viewers)),
        (f"{ns}:history", f"{key}:other", outcome(SUPERUSER)),
        (f"{ns}:history_results", f"{key}:own", outcome(viewers)),
        (f"{ns}:usage", f"{key}:own", outcome(viewers)),
        (f"{ns}:usage", f"{key}:other", outcome(SUPERUSER)),
    ]
    if inspect:
        rows += [
            (f"{ns}:inspect", f"{key}:own", outcome(viewers)),
            (f"{ns}:inspect", f"{key}:other", outcome(SUPERUSER)),
            (f"{ns}:inspect", "admin_case:own", outcome(viewers)),
        ]
    return rows


def _action(name, key, allowed):
    """An action view on our committee's record (`allowed` see its form) and on the other's (nobody)."""
    return [(name, f"{key}:own", outcome(allowed)), (name, f"{key}:other", outcome(NOBODY))]


def rows():
    rows = []
    # Proposals: "add" is the paper proposal recorded on behalf; nothing is edited or deleted by form.
    rows += _viewset("proposal_admin", "admin_submitted", viewers=VIEWERS, adders=SECRETARIAT, inspect=True)
    rows += _viewset("assignments", "admin_assignment", viewers=VIEWERS)
    rows += _viewset("replies", "admin_reply", viewers=VIEWERS)
    for ns, key in (("proposal_settings", "admin_settings"), ("proposal_categories", "admin_category"),
                    ("reject_reasons", "admin_reason"), ("result_codes", "admin_code")):
        rows += _viewset(ns, key, viewers=RULE_VIEWERS, adders=RULE_EDITORS, editors=RULE_EDITORS)

    # Review of a filed proposal: the proposal committee's reviewers and the secretariat.
    for name in ("review_stage", "accept", "merge", "convert", "reject", "return_for_revision"):
        rows += _action(f"proposal_admin:{name}", "admin_submitted", REVIEWERS)
    rows += [
        # Not from this state: refused to everyone (the right people are sent back to the proposal's page).
        ("proposal_admin:accept", "admin_case:own", outcome(NOBODY)),
        ("proposal_admin:number", "admin_submitted:own", outcome(NOBODY)),
        ("proposal_admin:assign", "admin_submitted:own", outcome(NOBODY)),
        ("proposal_admin:cosign_on_behalf", "admin_submitted:own", outcome(NOBODY)),
        ("assignments:decide_return", "admin_assignment:own", outcome(NOBODY)),
        ("assignments:reply_on_behalf", "admin_return:own", outcome(NOBODY)),  # waits for the return decision
    ]
    # The secretariat's own steps, and those it records on someone's behalf from paper.
    rows += _action("proposal_admin:withdraw", "admin_submitted", SECRETARIAT)
    rows += _action("proposal_admin:cosign_on_behalf", "admin_draft", SECRETARIAT)
    rows += _action("proposal_admin:number", "admin_case", SECRETARIAT)
    rows += _action("proposal_admin:assign", "admin_case", SECRETARIAT)
    rows += _action("assignments:extend", "admin_assignment", SECRETARIAT)
    rows += _action("assignments:decide_return", "admin_return", SECRETARIAT)
    rows += _action("assignments:reply_on_behalf", "admin_assignment", SECRETARIAT)
    rows += _action("replies:correct_code", "admin_reply", SECRETARIAT)
    rows += _action("replies:evaluate_on_behalf", "admin_reply", SECRETARIAT)
    rows += [
        ("proposal_admin:number_batch", None, outcome(SECRETARIAT)),
        ("proposal_admin:batch", None, outcome(REVIEWERS)),
    ]
    return rows
