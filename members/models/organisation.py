"""The organisation of a committee: terms, sessions, sectors, parties, special committees, bodies."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cppcc.text import CleanCharField

CN_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 21 -> 二十一 (enough for terms and sessions)."""
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    return str(n)


class Committee(models.Model):
    class Level(models.TextChoices):
        NATIONAL = "national", _("National")
        PROVINCE = "province", _("Province")
        CITY = "city", _("City")
        COUNTY = "county", _("County")

    name = CleanCharField(_("name"), max_length=100, unique=True)
    short_name = CleanCharField(_("short name"), max_length=50, blank=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.COUNTY)
    parent = models.ForeignKey(
        "self", verbose_name=_("higher committee"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ["pk"]

    def __str__(self):
        return self.name


class Term(models.Model):
    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="terms")
    number = models.PositiveSmallIntegerField(_("term number"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["committee", "-number"]
        constraints = [models.UniqueConstraint(fields=["committee", "number"], name="term_unique_number")]

    def __str__(self):
        return f"第{chinese_number(self.number)}届"

    @property
    def short_label(self):
        return chinese_number(self.number)


class Session(models.Model):
    """A plenary session (次会议) of a term: counts, filing window and case numbering are per session."""

    DEFAULT_CASE_FORMAT = "{term_cn}届{session_cn}次第{seq:04d}号"

    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="sessions")
    term = models.ForeignKey(Term, verbose_name=_("term"), on_delete=models.PROTECT, related_name="sessions")
    number = models.PositiveSmallIntegerField(_("session number"))
    plenary_start = models.DateField(_("plenary opens"))
    plenary_end = models.DateField(_("plenary closes"))
    filing_opens = models.DateField(_("proposal filing opens"))
    filing_deadline = models.DateField(_("proposal filing deadline"))
    case_number_format = models.CharField(
        _("case number format"), max_length=100, default=DEFAULT_CASE_FORMAT,
        help_text=_("Placeholders: {term} {term_cn} {session} {session_cn} {year} {seq}, e.g. {term}-{session}-{seq:04d}"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["committee", "-plenary_start"]
        constraints = [
            models.UniqueConstraint(fields=["term", "number"], name="session_unique_number"),
            models.CheckConstraint(condition=Q(plenary_end__gte=models.F("plenary_start")), name="session_plenary_order"),
            models.CheckConstraint(condition=Q(filing_deadline__gte=models.F("filing_opens")), name="session_filing_order"),
        ]

    def __str__(self):
        return f"{chinese_number(self.term.number)}届{chinese_number(self.number)}次"

    def clean(self):
        if self.term_id and self.committee_id and self.term.committee_id != self.committee_id:
            raise ValidationError({"term": _("The term belongs to another committee.")})
        try:
            self.case_number(1)
        except (KeyError, ValueError, IndexError):
            raise ValidationError({"case_number_format": _("Unknown placeholder or bad format.")})

    def case_number(self, seq: int) -> str:
        return self.case_number_format.format(
            term=self.term.number, term_cn=chinese_number(self.term.number), session=self.number,
            session_cn=chinese_number(self.number), year=self.plenary_start.year, seq=seq,
        )


class OrderedNamed(models.Model):
    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="+")
    name = CleanCharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        abstract = True
        ordering = ["committee", "order", "pk"]

    def __str__(self):
        return self.name


class Sector(OrderedNamed):
    """界别: kept per term membership, because a member's sector can change between terms."""

    history = HistoricalRecords()

    class Meta(OrderedNamed.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        constraints = [models.UniqueConstraint(fields=["committee", "name"], name="sector_unique_name")]


class Party(OrderedNamed):
    """A political party or people's organisation (党派团体): a member's affiliation, or a collective proposer."""

    class Kind(models.TextChoices):
        CPC = "cpc", _("Communist Party of China")
        DEMOCRATIC = "democratic", _("Democratic party")
        NON_PARTY = "non_party", _("Non-party")
        ORGANISATION = "organisation", _("People's organisation")
        MASSES = "masses", _("Masses (no affiliation)")

    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    history = HistoricalRecords()

    class Meta(OrderedNamed.Meta):
        verbose_name = _("party or organisation")
        verbose_name_plural = _("parties and organisations")
        constraints = [models.UniqueConstraint(fields=["committee", "name"], name="party_unique_name")]


class SpecialCommittee(OrderedNamed):
    """专门委员会, e.g. 提案委员会."""

    is_proposal_committee = models.BooleanField(_("proposal committee"), default=False)
    history = HistoricalRecords()

    class Meta(OrderedNamed.Meta):
        verbose_name = _("special committee")
        verbose_name_plural = _("special committees")
        constraints = [models.UniqueConstraint(fields=["committee", "name"], name="specialcommittee_unique_name")]


class ActivityGroup(OrderedNamed):
    """活动小组 or 委员工作室."""

    class Kind(models.TextChoices):
        GROUP = "group", _("Activity group")
        STUDIO = "studio", _("Member studio")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.GROUP)
    members = models.ManyToManyField("members.Member", verbose_name=_("members"), blank=True, related_name="activity_groups")
    history = HistoricalRecords(m2m_fields=[members])

    class Meta(OrderedNamed.Meta):
        verbose_name = _("activity group")
        verbose_name_plural = _("activity groups")
        constraints = [models.UniqueConstraint(fields=["committee", "name"], name="activitygroup_unique_name")]


class BodyQuerySet(models.QuerySet):
    def valid_on(self, day):
        """Bodies that existed on `day` (units merge and rename; old figures stay true)."""
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def handling_units(self):
        return self.filter(is_handling_unit=True)


class Body(models.Model):
    """A handling unit (承办单位) or another government body invited to meetings."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government department")
        PARTY = "party", _("Party organ")
        CONGRESS = "congress", _("People's congress")
        JUDICIAL = "judicial", _("Court or procuratorate")
        MASS = "mass", _("People's organisation")
        ENTERPRISE = "enterprise", _("Enterprise or institution")
        TOWNSHIP = "township", _("Town or township")
        OTHER = "other", _("Other")

    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="bodies")
    code = models.CharField(_("code"), max_length=30)
    name = CleanCharField(_("name"), max_length=100)
    short_name = CleanCharField(_("short name"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices, default=Kind.GOVERNMENT)
    is_handling_unit = models.BooleanField(_("handling unit"), default=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    successor = models.ForeignKey(
        "self", verbose_name=_("successor"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="predecessors", help_text=_("The body that took over after a merger or renaming."),
    )
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = BodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("handling unit or body")
        verbose_name_plural = _("handling units and bodies")
        ordering = ["committee", "code"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "code"], name="body_unique_code"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="body_validity_order",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.successor_id and self.successor_id == self.pk:
            raise ValidationError({"successor": _("A body cannot succeed itself.")})
        if self.successor_id and not self.valid_to:
            raise ValidationError({"valid_to": _("A body with a successor needs an end date.")})
