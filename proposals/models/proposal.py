"""A proposal (提案), its signers, its dated events and the counters that number it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cppcc.text import CleanCharField, CleanTextField
from members.models import Body, Committee, Member, Party, Sector, Session, SpecialCommittee
from proposals.workflow import Status, event_choices

from .rules import Category, RejectReason


class Kind(models.TextChoices):
    PLENARY = "plenary", _("Plenary proposal (大会提案)")
    BETWEEN = "between", _("Between-session proposal (平时提案)")


class ProposerType(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual member")
    JOINT = "joint", _("Members jointly")
    PARTY = "party", _("Party or people's organisation")
    SECTOR = "sector", _("Sector")
    SPECIAL_COMMITTEE = "special_committee", _("Special committee")


MEMBER_TYPES = (ProposerType.INDIVIDUAL, ProposerType.JOINT)
COLLECTIVE_FIELDS = {ProposerType.PARTY: "party", ProposerType.SECTOR: "sector", ProposerType.SPECIAL_COMMITTEE: "special_committee"}


def _collective_consistent():
    """A collective proposal names exactly its organisation; a member proposal names none."""
    none = Q(party__isnull=True, sector__isnull=True, special_committee__isnull=True)
    return (
        Q(proposer_type__in=MEMBER_TYPES) & none
        | Q(proposer_type=ProposerType.PARTY, party__isnull=False, sector__isnull=True, special_committee__isnull=True)
        | Q(proposer_type=ProposerType.SECTOR, sector__isnull=False, party__isnull=True, special_committee__isnull=True)
        | Q(proposer_type=ProposerType.SPECIAL_COMMITTEE, special_committee__isnull=False, party__isnull=True, sector__isnull=True)
    )


class Proposal(models.Model):
    """One matter per proposal (一事一案). Workflow fields change only through proposals.services."""

    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="proposals")
    session = models.ForeignKey(Session, verbose_name=_("session"), on_delete=models.PROTECT, related_name="proposals")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PLENARY)
    proposer_type = models.CharField(_("proposer type"), max_length=20, choices=ProposerType.choices, default=ProposerType.INDIVIDUAL)
    party = models.ForeignKey(Party, verbose_name=_("proposing party or organisation"), null=True, blank=True, on_delete=models.PROTECT, related_name="proposals")
    sector = models.ForeignKey(Sector, verbose_name=_("proposing sector"), null=True, blank=True, on_delete=models.PROTECT, related_name="proposals")
    special_committee = models.ForeignKey(
        SpecialCommittee, verbose_name=_("proposing special committee"), null=True, blank=True, on_delete=models.PROTECT, related_name="proposals",
    )
    title = CleanCharField(_("title (案由)"), max_length=200, blank=True)
    category = models.ForeignKey(Category, verbose_name=_("category"), null=True, blank=True, on_delete=models.PROTECT, related_name="proposals")
    situation = CleanTextField(_("situation and analysis"), blank=True)
    suggestions = CleanTextField(_("suggestions"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    suggested_units = models.ManyToManyField(Body, verbose_name=_("suggested handling units"), blank=True, related_name="suggested_for")
    publish_consent = models.BooleanField(_("the proposer agrees to publication"), default=False)

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    receipt_seq = models.PositiveIntegerField(_("receipt serial"), null=True, blank=True)
    receipt_number = models.CharField(_("receipt number"), max_length=100, blank=True)
    case_seq = models.PositiveIntegerField(_("case serial"), null=True, blank=True)
    case_number = models.CharField(_("case number"), max_length=100, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("review outcome at"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", verbose_name=_("merged into"), null=True, blank=True, on_delete=models.PROTECT, related_name="merged_proposals",
    )
    reject_reason = models.ForeignKey(RejectReason, verbose_name=_("reason for not accepting"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason given with the outcome"), blank=True)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    recorded_on_behalf = models.BooleanField(_("recorded on behalf from paper"), default=False)
    paper_scan = models.ForeignKey(
        "cppcc.PrivateFile", verbose_name=_("scan of the signed paper"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )
    imported_at = models.DateTimeField(
        _("imported from a ledger at"), null=True, blank=True, help_text=_("Set when a historical ledger import created or updated it."),
    )
    history = HistoricalRecords(m2m_fields=[suggested_units])

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["session", "case_seq", "receipt_seq", "pk"]
        indexes = [models.Index(fields=["committee", "status"]), models.Index(fields=["session", "status"])]
        constraints = [
            models.UniqueConstraint(fields=["session", "case_seq"], condition=Q(case_seq__isnull=False), name="proposal_unique_case_seq"),
            models.UniqueConstraint(fields=["session", "case_number"], condition=~Q(case_number=""), name="proposal_unique_case_number"),
            models.UniqueConstraint(fields=["session", "receipt_seq"], condition=Q(receipt_seq__isnull=False), name="proposal_unique_receipt_seq"),
            models.CheckConstraint(condition=_collective_consistent(), name="proposal_collective_consistent"),
            models.CheckConstraint(
                condition=Q(status=Status.MERGED, merged_into__isnull=False) | (~Q(status=Status.MERGED) & Q(merged_into__isnull=True)),
                name="proposal_merged_has_target",
            ),
        ]

    def __str__(self):
        return self.case_number or self.receipt_number or self.title or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        """The portal page of the proposal (its proposers, co-signers and readers; others get 404)."""
        from django.urls import reverse

        return reverse("proposals:member_detail", args=[self.pk])

    @property
    def is_collective(self) -> bool:
        return self.proposer_type not in MEMBER_TYPES

    @property
    def organisation(self):
        """The party, sector or special committee of a collective proposal."""
        field = COLLECTIVE_FIELDS.get(self.proposer_type)
        return getattr(self, field) if field else None

    @property
    def body_length(self) -> int:
        return len(self.situation) + len(self.suggestions)


class Signer(models.Model):
    """A member who signs a proposal: the first proposer, or a co-signer who must confirm.

    The sector and party are copied from the member's term membership when the proposal is filed,
    so a later change of sector does not move old proposals between report columns.
    """

    class Position(models.TextChoices):
        FIRST = "first", _("First proposer")
        COSIGNER = "cosigner", _("Co-signer")

    class State(models.TextChoices):
        INVITED = "invited", _("Invited")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")
        LAPSED = "lapsed", _("Lapsed (removed or unanswered)")

    proposal = models.ForeignKey(Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="signers")
    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="signatures")
    position = models.CharField(_("position"), max_length=10, choices=Position.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.INVITED)
    sector = models.ForeignKey(Sector, verbose_name=_("sector at filing"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    party = models.ForeignKey(Party, verbose_name=_("party at filing"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    recorded_on_behalf = models.BooleanField(_("recorded on behalf from paper"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("signer")
        verbose_name_plural = _("signers")
        ordering = ["proposal", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "member"], name="signer_unique_member"),
            models.UniqueConstraint(fields=["proposal"], condition=Q(position="first"), name="signer_one_first"),
        ]

    def __str__(self):
        return f"{self.member.name} · {self.get_position_display()}"


class ProposalAttachment(models.Model):
    """An optional file filed with a proposal (its owner in cppcc.files, so the proposal's readers read it)."""

    proposal = models.ForeignKey(Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="attachments")
    file = models.ForeignKey("cppcc.PrivateFile", verbose_name=_("file"), on_delete=models.PROTECT, related_name="+")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    recorded_on_behalf = models.BooleanField(_("recorded on behalf from paper"), default=False)

    class Meta:
        verbose_name = _("proposal attachment")
        verbose_name_plural = _("proposal attachments")
        ordering = ["proposal", "uploaded_at", "pk"]

    def __str__(self):
        return self.file.name


class ProposalEvent(models.Model):
    """One dated step of the workflow (append-only): statistics for a past cut-off read these rows.

    from_status and to_status are states of the event's subject: the proposal, or the assignment
    or reply named on the row (the action says which, see workflow.TRANSITIONS).
    """

    proposal = models.ForeignKey(Proposal, verbose_name=_("proposal"), on_delete=models.PROTECT, related_name="events")
    assignment = models.ForeignKey("proposals.Assignment", verbose_name=_("assignment"), null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    reply = models.ForeignKey("proposals.Reply", verbose_name=_("reply"), null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("action"), max_length=30, choices=event_choices())
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("actor"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    on_behalf = models.BooleanField(_("recorded on behalf"), default=False)
    on_behalf_of = models.ForeignKey(Member, verbose_name=_("on behalf of"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("at"), db_index=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("proposal event")
        verbose_name_plural = _("proposal events")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["proposal", "at"]), models.Index(fields=["action", "at"])]

    def __str__(self):
        return f"{self.proposal} · {self.get_action_display()} · {self.at:%Y-%m-%d}"


class Counter(models.Model):
    """A gap-free serial per committee, session and series, locked row by row (never max()+1)."""

    class Series(models.TextChoices):
        RECEIPT = "receipt", _("Receipt number")
        CASE = "case", _("Case number")

    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey(Session, verbose_name=_("session"), on_delete=models.PROTECT, related_name="+")
    series = models.CharField(_("series"), max_length=10, choices=Series.choices)
    value = models.PositiveIntegerField(_("last number given"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("number counter")
        verbose_name_plural = _("number counters")
        constraints = [models.UniqueConstraint(fields=["committee", "session", "series"], name="counter_unique_series")]

    def __str__(self):
        return f"{self.session} · {self.get_series_display()} · {self.value}"
