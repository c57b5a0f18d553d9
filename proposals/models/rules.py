"""The rules a committee sets for itself: numbers, deadlines and code lists, all data (docs/domain.md#rules-are-data)."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cppcc.text import CleanCharField
from members.models import Committee

DEFAULT_RECEIPT_FORMAT = "{term_cn}届{session_cn}次收字第{seq:04d}号"


def format_number(fmt: str, session, seq: int) -> str:
    """The placeholders of Session.case_number_format, for any per-session serial."""
    from members.models.organisation import chinese_number

    return fmt.format(
        term=session.term.number, term_cn=chinese_number(session.term.number), session=session.number,
        session_cn=chinese_number(session.number), year=session.plenary_start.year, seq=seq,
    )


class ProposalSettings(models.Model):
    """One committee's proposal rules; created with the defaults on first use (selectors.settings_for)."""

    class UnconfirmedCosigners(models.TextChoices):
        BLOCK = "block", _("Submission waits until every invitation is answered")
        DROP = "drop", _("Unanswered invitations lapse at submission")

    class Evaluators(models.TextChoices):
        FIRST = "first", _("The first proposer (or the organisation of a collective proposal)")
        ALL = "all", _("Every signer")

    class AcceptedCredit(models.TextChoices):
        ALL = "all", _("Every signer")
        FIRST = "first", _("The first proposer only")

    committee = models.OneToOneField(Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="proposal_settings")
    body_max_chars = models.PositiveIntegerField(
        _("length cap of the body (characters)"), default=2500, validators=[MinValueValidator(100)],
        help_text=_("Situation and suggestions together."),
    )
    cosign_by_filing_deadline = models.BooleanField(
        _("co-signers must confirm by the filing deadline"), default=True,
        help_text=_("For plenary proposals: invitations not answered by the session's filing deadline expire."),
    )
    unconfirmed_cosigners = models.CharField(
        _("unanswered invitations at submission"), max_length=10, choices=UnconfirmedCosigners.choices,
        default=UnconfirmedCosigners.BLOCK,
    )
    receipt_number_format = models.CharField(
        _("receipt number format"), max_length=100, default=DEFAULT_RECEIPT_FORMAT,
        help_text=_("Placeholders: {term} {term_cn} {session} {session_cn} {year} {seq}"),
    )
    accepted_credit = models.CharField(
        _("who earns the duty entry of an accepted proposal"), max_length=10, choices=AcceptedCredit.choices,
        default=AcceptedCredit.ALL,
    )
    merge_earns_accepted_credit = models.BooleanField(_("a merged proposal earns the entry of an accepted one"), default=False)
    evaluators = models.CharField(_("who evaluates a reply"), max_length=10, choices=Evaluators.choices, default=Evaluators.FIRST)
    evaluation_days = models.PositiveSmallIntegerField(
        _("evaluation time limit (days)"), default=30, validators=[MinValueValidator(1)],
        help_text=_("After this many days without an evaluation a reply counts as 未表态 (no response)."),
    )
    no_response_counts_satisfied = models.BooleanField(_("no response counts as satisfied"), default=False)
    rate_separately = models.BooleanField(_("rate the handling process and the result separately"), default=False)
    reply_months_plenary = models.PositiveSmallIntegerField(_("reply due after (months), plenary proposals"), default=3, validators=[MinValueValidator(1)])
    reply_months_between = models.PositiveSmallIntegerField(_("reply due after (months), between-session proposals"), default=3, validators=[MinValueValidator(1)])
    max_reply_months = models.PositiveSmallIntegerField(
        _("latest reply including extensions (months)"), default=6, validators=[MinValueValidator(1)],
    )
    rehandling_months = models.PositiveSmallIntegerField(_("re-handling reply due after (months)"), default=3, validators=[MinValueValidator(1)])
    return_window_workdays = models.PositiveSmallIntegerField(_("return window (working days)"), default=5)
    co_opinion_days = models.PositiveSmallIntegerField(_("co-handling opinion due after (days)"), default=30, validators=[MinValueValidator(1)])
    class YearCounting(models.TextChoices):
        SESSION = "session", _("Plenary proposals by their session's plenary year, between-session proposals by submission date")
        SUBMITTED = "submitted", _("Every proposal by its submission date")

    class SplitCaseCode(models.TextChoices):
        BEST = "best", _("The best of its units' codes")
        WORST = "worst", _("The worst of its units' codes")

    year_counting = models.CharField(
        _("which proposals a year report holds"), max_length=10, choices=YearCounting.choices, default=YearCounting.SESSION,
    )
    adoption_counts_in_plan = models.BooleanField(
        _("adoption rate counts “in plan” codes too"), default=False,
        help_text=_("Off: 采纳率 counts codes that count as solved or adopted (A). On: also those that open a follow-up (A+B)."),
    )
    split_case_code = models.CharField(
        _("code of a case split between units"), max_length=10, choices=SplitCaseCode.choices, default=SplitCaseCode.BEST,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proposal settings")
        verbose_name_plural = _("proposal settings")

    def __str__(self):
        return str(self.committee)

    def clean(self):
        if self.max_reply_months < max(self.reply_months_plenary, self.reply_months_between):
            raise ValidationError({"max_reply_months": _("The latest reply cannot come before the normal due date.")})
        try:
            self.receipt_number_format.format(term=1, term_cn="一", session=1, session_cn="一", year=2000, seq=1)
        except (KeyError, ValueError, IndexError):
            raise ValidationError({"receipt_number_format": _("Unknown placeholder or bad format.")})


class NationalClass(models.TextChoices):
    """The five classes national reports use; each local category maps to one."""

    ECONOMY = "economy", _("Economy")
    POLITICS = "politics", _("Politics")
    CULTURE = "culture", _("Culture")
    SOCIETY = "society", _("Society")
    ECOLOGY = "ecology", _("Ecological civilisation")


class Category(models.Model):
    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="+")
    name = CleanCharField(_("name"), max_length=50)
    national_class = models.CharField(_("national class"), max_length=10, choices=NationalClass.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proposal category")
        verbose_name_plural = _("proposal categories")
        ordering = ["committee", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["committee", "name"], name="category_unique_name")]

    def __str__(self):
        return self.name


class RejectReason(models.Model):
    """A reason a proposal is not accepted (不予立案), from the committee's list."""

    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="+")
    text = models.CharField(_("reason"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reason for not accepting")
        verbose_name_plural = _("reasons for not accepting")
        ordering = ["committee", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["committee", "text"], name="rejectreason_unique_text")]

    def __str__(self):
        return self.text


class ResultCode(models.Model):
    """How a unit classifies its reply (A solved/adopted, B in plan, C for reference; the set is data)."""

    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("code"), max_length=5)
    label = models.CharField(_("meaning"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_adopted = models.BooleanField(_("counts as solved or adopted"), default=False)
    opens_follow_up = models.BooleanField(
        _("opens a follow-up"), default=False, help_text=_("In plan: the unit promises a date and reports back."),
    )
    active = models.BooleanField(_("in use"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("result code")
        verbose_name_plural = _("result codes")
        ordering = ["committee", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["committee", "code"], name="resultcode_unique_code")]

    def __str__(self):
        return f"{self.code} {self.label}"
