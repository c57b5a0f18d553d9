"""Handling of a case: one row per (case, unit, round) assignment, the unit's reply and its ratings."""

from django.conf import settings
from django.db import models
from django.db.models import DateField, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cppcc.text import CleanTextField
from members.models import Body, Member
from proposals.workflow import AssignmentStatus, ReplyStatus

from .proposal import Proposal
from .rules import ResultCode


def overdue_q(day) -> Q:
    """Overdue now (docs/domain.md#overdue) on `day`: active, due before `day`, not replied. Derived,
    never stored; the Q form is for annotations (the admin's overdue column)."""
    return Q(active=True, due_date__lt=day) & ~Q(status=AssignmentStatus.REPLIED)


class AssignmentQuerySet(models.QuerySet):
    def overdue(self, day, *, at=None):
        """The overdue assignments on `day` (docs/domain.md#overdue), the one rule every list and figure uses.

        Without `at`: the assignment as it stands (the lists, the unit portal, the dashboard panel). With
        `at` (a statistics cut-off moment): as it stood then: active then, its due date with the
        extensions granted by then (annotated `due_at`), no reply or co-handling opinion sent by then."""
        if at is None:
            return self.filter(overdue_q(day))
        return self.filter(active_q(at)).annotate(due_at=due_at(at)).filter(due_at__lt=day).exclude(answered_q(at))


class Assignment(models.Model):
    """交办: a case given to one unit. Returned assignments go inactive; re-handling is round 2."""

    class Role(models.TextChoices):
        SINGLE = "single", _("Single unit (单办)")
        SPLIT = "split", _("One of several, replying separately (分办)")
        LEAD = "lead", _("Lead unit (主办)")
        CO = "co", _("Co-handling unit (会办)")

    proposal = models.ForeignKey(Proposal, verbose_name=_("case"), on_delete=models.PROTECT, related_name="assignments")
    unit = models.ForeignKey(Body, verbose_name=_("handling unit"), on_delete=models.PROTECT, related_name="assignments")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    round = models.PositiveSmallIntegerField(_("round"), default=1, help_text=_("2 for re-handling after 不满意."))
    status = models.CharField(_("status"), max_length=20, choices=AssignmentStatus.choices, default=AssignmentStatus.ASSIGNED)
    active = models.BooleanField(_("active"), default=True, help_text=_("Returned and reassigned assignments drop out."))
    previous = models.ForeignKey(
        "self", verbose_name=_("follows"), null=True, blank=True, on_delete=models.PROTECT, related_name="followers",
        help_text=_("The returned assignment this one replaces, or the first round this one re-handles."),
    )
    assigned_at = models.DateTimeField(_("assigned at"))
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("assigned by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    due_date = models.DateField(_("due date"))
    signed_at = models.DateTimeField(_("signed for at"), null=True, blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("signed for by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    return_requested_at = models.DateTimeField(_("return requested at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for the return"), blank=True)
    return_decided_at = models.DateTimeField(_("return decided at"), null=True, blank=True)
    return_decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("return decided by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    return_accepted = models.BooleanField(_("return accepted"), null=True, blank=True)
    history = HistoricalRecords()

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["proposal", "round", "pk"]
        indexes = [models.Index(fields=["unit", "active", "status"]), models.Index(fields=["due_date"])]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "unit", "round"], condition=Q(active=True), name="assignment_unit_once"),
            models.UniqueConstraint(fields=["proposal", "round"], condition=Q(active=True, role="lead"), name="assignment_one_lead"),
        ]

    def __str__(self):
        return f"{self.proposal} → {self.unit} ({self.get_role_display()})"

    def get_absolute_url(self):
        # The unit's page; proposers reach a case through the proposal (cppcc.inbox_views link rules).
        from django.urls import reverse

        return reverse("proposals:unit_assignment", args=[self.pk])

    def is_overdue(self, day) -> bool:
        """The row's side of `overdue_q`: for one assignment already read."""
        return self.active and self.status != AssignmentStatus.REPLIED and self.due_date < day

    @property
    def replies_to_proposer(self) -> bool:
        """Co-handling units send their opinion to the lead unit, never a reply to the proposer."""
        return self.role != self.Role.CO

    def get_status_display(self):
        """The state in words for this unit's role: "replied" is "opinion sent to the lead unit" for a
        co-handling unit and plain "replied" for the lead or a sole unit (never the co-handling wording
        on a lead: issue #11). Every page, list and export reads it through this."""
        if self.status == AssignmentStatus.REPLIED:
            return _("Replied") if self.replies_to_proposer else _("Opinion sent to the lead unit")
        return AssignmentStatus(self.status).label if self.status in AssignmentStatus.values else self.status


class Extension(models.Model):
    """A deadline extension with its reason (append-only)."""

    assignment = models.ForeignKey(Assignment, verbose_name=_("assignment"), on_delete=models.PROTECT, related_name="extensions")
    old_due = models.DateField(_("old due date"))
    new_due = models.DateField(_("new due date"))
    reason = models.TextField(_("reason"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("granted by"), null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        ordering = ["assignment", "at"]

    def __str__(self):
        return f"{self.assignment}: {self.old_due} → {self.new_due}"


class CoOpinion(models.Model):
    """A co-handling unit's opinion, sent to the lead unit (会办意见)."""

    assignment = models.OneToOneField(Assignment, verbose_name=_("co-handling assignment"), on_delete=models.PROTECT, related_name="co_opinion")
    text = CleanTextField(_("opinion"))
    file = models.ForeignKey("cppcc.PrivateFile", verbose_name=_("file"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(_("sent at"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("sent by"), null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_on_behalf = models.BooleanField(_("recorded on behalf from paper"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("co-handling opinion")
        verbose_name_plural = _("co-handling opinions")

    def __str__(self):
        return str(self.assignment)


class CommunicationMethod(models.TextChoices):
    IN_PERSON = "in_person", _("Face-to-face (面谈)")
    FORUM = "forum", _("Forum (座谈)")
    PHONE = "phone", _("Telephone (电话)")
    EMAIL = "email", _("E-mail (邮件)")
    LETTER = "letter", _("Letter (书信)")


class Reply(models.Model):
    """答复: the unit's official letter for one round of one assignment.

    Signed either by the unit's leader in the system (signed_by) or on paper, recorded by the
    liaison with the signer's name, the document number and the sealed scan. The result code is the
    current one; CodeCorrection rows say what it was on any earlier date.
    """

    assignment = models.ForeignKey(Assignment, verbose_name=_("assignment"), on_delete=models.PROTECT, related_name="replies")
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    status = models.CharField(_("status"), max_length=20, choices=ReplyStatus.choices, default=ReplyStatus.DRAFT)
    text = CleanTextField(_("reply text"), blank=True)
    letter = models.ForeignKey("cppcc.PrivateFile", verbose_name=_("letter"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    methods = models.JSONField(_("how the unit communicated with the proposer"), default=list, blank=True)
    result_code = models.ForeignKey(ResultCode, verbose_name=_("result code"), null=True, blank=True, on_delete=models.PROTECT, related_name="replies")
    follow_up_due = models.DateField(_("promised date (follow-up due)"), null=True, blank=True)
    follow_up_done_at = models.DateTimeField(_("follow-up completed at"), null=True, blank=True)
    follow_up_note = models.TextField(_("follow-up report"), blank=True)
    signer_name = models.CharField(_("signed by (签发人)"), max_length=50, blank=True)
    document_number = models.CharField(_("document number (文号)"), max_length=100, blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("signed in the system by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    sealed_scan = models.ForeignKey("cppcc.PrivateFile", verbose_name=_("scan of the signed and sealed letter"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("drafted by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True, db_index=True)
    recorded_on_behalf = models.BooleanField(_("recorded on behalf from paper"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["assignment", "round", "pk"]
        constraints = [
            # Two simultaneous submissions create one sent reply.
            models.UniqueConstraint(fields=["assignment", "round"], condition=Q(status=ReplyStatus.SENT), name="reply_one_sent_per_round"),
            models.UniqueConstraint(fields=["assignment", "round"], condition=~Q(status=ReplyStatus.SENT), name="reply_one_draft_per_round"),
        ]

    def __str__(self):
        return f"{self.assignment} · {self.round}"

    @property
    def follow_up_open(self) -> bool:
        return bool(self.result_code_id and self.result_code.opens_follow_up and self.follow_up_done_at is None)


class CodeCorrection(models.Model):
    """A dated change of a reply's result code (e.g. B → A): past reports keep the code they had."""

    reply = models.ForeignKey(Reply, verbose_name=_("reply"), on_delete=models.PROTECT, related_name="code_corrections")
    old_code = models.ForeignKey(ResultCode, verbose_name=_("old code"), on_delete=models.PROTECT, related_name="+")
    new_code = models.ForeignKey(ResultCode, verbose_name=_("new code"), on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("corrected by"), null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("at"), db_index=True)

    class Meta:
        verbose_name = _("result code correction")
        verbose_name_plural = _("result code corrections")
        ordering = ["reply", "at", "pk"]

    def __str__(self):
        return f"{self.reply}: {self.old_code.code} → {self.new_code.code}"


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied (满意)")
    BASIC = "basic", _("Basically satisfied (基本满意)")
    UNSATISFIED = "unsatisfied", _("Not satisfied (不满意)")


SATISFACTION_RANK = {Satisfaction.UNSATISFIED: 0, Satisfaction.BASIC: 1, Satisfaction.SATISFIED: 2}


class Evaluation(models.Model):
    """评价: one rating of one reply round by one evaluator.

    `proposal` is the proposal the evaluator rates for: the case, or a proposal merged into it.
    A collective proposal is rated by its organisation: no evaluator member, one per proposal.
    未表态 (no response) is never stored: it is derived from the reply's date and the time limit.
    """

    reply = models.ForeignKey(Reply, verbose_name=_("reply"), on_delete=models.PROTECT, related_name="evaluations")
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    proposal = models.ForeignKey(Proposal, verbose_name=_("rated for proposal"), on_delete=models.PROTECT, related_name="evaluations")
    evaluator = models.ForeignKey(Member, verbose_name=_("evaluator"), null=True, blank=True, on_delete=models.PROTECT, related_name="evaluations")
    overall = models.CharField(_("overall"), max_length=12, choices=Satisfaction.choices)
    process = models.CharField(_("handling process"), max_length=12, choices=Satisfaction.choices, blank=True)
    result = models.CharField(_("result"), max_length=12, choices=Satisfaction.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), db_index=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_on_behalf = models.BooleanField(_("recorded on behalf from paper"), default=False)
    scan = models.ForeignKey("cppcc.PrivateFile", verbose_name=_("scan of the evaluation form"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["reply", "round", "submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["reply", "evaluator", "round"], condition=Q(evaluator__isnull=False), name="evaluation_once_per_member"),
            models.UniqueConstraint(fields=["reply", "proposal", "round"], condition=Q(evaluator__isnull=True), name="evaluation_once_per_organisation"),
        ]

    def __str__(self):
        return f"{self.reply} · {self.get_overall_display()}"


# ---- an assignment as it stood at a moment (the statistics at a cut-off, AssignmentQuerySet.overdue)


def active_q(moment, prefix="") -> Q:
    """Assigned by `moment` and not returned by then (an accepted return drops the assignment out)."""
    return Q(**{f"{prefix}assigned_at__lte": moment}) & ~Q(
        **{f"{prefix}return_accepted": True, f"{prefix}return_decided_at__lte": moment}
    )


def due_at(moment):
    """The due date at `moment`: the last extension granted by then, else the original due date."""
    granted = Extension.objects.filter(assignment=OuterRef("pk"), at__lte=moment).order_by("-at", "-pk").values("new_due")[:1]
    original = Extension.objects.filter(assignment=OuterRef("pk")).order_by("at", "pk").values("old_due")[:1]
    return Coalesce(Subquery(granted), Subquery(original), F("due_date"), output_field=DateField())


def local_day(name):
    return TruncDate(name, tzinfo=timezone.get_default_timezone())


def sent_reply(moment):
    """The assignment's reply of its own round, sent by `moment` (OuterRef: the assignment)."""
    return Reply.objects.filter(assignment=OuterRef("pk"), round=OuterRef("round"), status=ReplyStatus.SENT, sent_at__lte=moment)


def sent_co_opinion(moment):
    return CoOpinion.objects.filter(assignment=OuterRef("pk"), sent_at__lte=moment)


def answered_q(moment, *, on_time=False) -> Q:
    """The assignment (annotated `due_at` when on_time) has its reply, or co-handling opinion, by `moment`."""
    reply, opinion = sent_reply(moment), sent_co_opinion(moment)
    if on_time:
        reply = reply.annotate(day=local_day("sent_at")).filter(day__lte=OuterRef("due_at"))
        opinion = opinion.annotate(day=local_day("sent_at")).filter(day__lte=OuterRef("due_at"))
    return Q(~Q(role=Assignment.Role.CO), Exists(reply)) | Q(Q(role=Assignment.Role.CO), Exists(opinion))
