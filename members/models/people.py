"""Members (委员) and their membership of each term."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cppcc.text import CleanCharField

from .organisation import Committee, Party, Sector, SpecialCommittee, Term


def mask_id_number(value: str) -> str:
    """110101199003071234 -> 110101********1234."""
    if not value:
        return ""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value: str) -> str:
    """13812345678 -> 138****5678."""
    if not value:
        return ""
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


class Member(models.Model):
    """A person, keyed by the stable member number (names repeat, never key on them)."""

    class Gender(models.TextChoices):
        MALE = "M", _("Male")
        FEMALE = "F", _("Female")

    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="members")
    member_number = models.CharField(_("member number"), max_length=30)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user account"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="member",
    )
    name = CleanCharField(_("full name"), max_length=50)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    ethnicity = models.CharField(_("ethnicity"), max_length=20, default="汉族")
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    id_number = models.CharField(_("identity number"), max_length=18, blank=True)
    education = models.CharField(_("education"), max_length=30, blank=True)
    speciality = models.CharField(_("speciality"), max_length=100, blank=True)
    work_unit = models.CharField(_("work unit"), max_length=100, blank=True)
    position = models.CharField(_("position"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    history = HistoricalRecords(excluded_fields=[])

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["committee", "member_number"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "member_number"], name="member_unique_number"),
        ]

    def __str__(self):
        return f"{self.name}（{self.member_number}）"

    @property
    def id_number_masked(self):
        return mask_id_number(self.id_number)

    @property
    def phone_masked(self):
        return mask_phone(self.phone)


class TermMembership(models.Model):
    """A member's appointment in one term, with the sector and party of that term."""

    class Post(models.TextChoices):
        NONE = "", _("None")
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        SECRETARY_GENERAL = "secretary_general", _("Secretary-general")

    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="memberships")
    term = models.ForeignKey(Term, verbose_name=_("term"), on_delete=models.PROTECT, related_name="memberships")
    sector = models.ForeignKey(Sector, verbose_name=_("sector"), on_delete=models.PROTECT, related_name="memberships")
    party = models.ForeignKey(Party, verbose_name=_("party"), on_delete=models.PROTECT, related_name="memberships")
    is_standing = models.BooleanField(_("standing committee member"), default=False)
    post = models.CharField(_("leadership post"), max_length=20, choices=Post.choices, blank=True, default="")
    special_committees = models.ManyToManyField(
        SpecialCommittee, verbose_name=_("special committees"), blank=True, related_name="memberships"
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[special_committees])

    class Meta:
        verbose_name = _("term membership")
        verbose_name_plural = _("term memberships")
        ordering = ["term", "member__member_number"]
        constraints = [models.UniqueConstraint(fields=["member", "term"], name="membership_unique_term")]

    def __str__(self):
        return f"{self.member.name} · {self.term}"

    def clean(self):
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})
        committee_id = getattr(self.member, "committee_id", None) if self.member_id else None
        for field in ("term", "sector", "party"):
            obj = getattr(self, field, None) if getattr(self, f"{field}_id") else None
            if obj is not None and committee_id and obj.committee_id != committee_id:
                raise ValidationError({field: _("This belongs to another committee.")})
