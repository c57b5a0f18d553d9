"""The duty ledger (履职档案): append-only entries written only by members.services.

A correction never edits an entry: it appends a reversing entry and stamps the original as voided,
so the ledger reads as of any cut-off and re-running a writer never double-counts.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cppcc.text import CleanCharField

from .organisation import Committee
from .people import Member


class DutyKind(models.TextChoices):
    """What a member did. The group is the slot a source fills once per member (see KIND_GROUPS)."""

    PROPOSAL_FILED = "proposal_filed", _("Proposal filed (first proposer)")
    PROPOSAL_COSIGNED = "proposal_cosigned", _("Proposal co-signed")
    PROPOSAL_ACCEPTED = "proposal_accepted", _("Proposal accepted as a case")
    ATTENDED = "attended", _("Attended")
    EXCUSED = "excused", _("Excused absence")
    ABSENT = "absent", _("Absent without leave")
    LATE = "late", _("Late or left early")
    SPEECH = "speech", _("Speech")
    WRITTEN_SPEECH = "written_speech", _("Written speech")
    ACTIVITY = "activity", _("Took part in an activity")
    OPINION_REPORT = "opinion_report", _("Public-opinion report")
    OPINION_ADOPTED = "opinion_adopted", _("Public-opinion report adopted")
    TRAINING = "training", _("Training")
    SERVICE = "service", _("Public service")
    ANNUAL_REPORT = "annual_report", _("Annual duty report")
    OTHER = "other", _("Other")


KIND_GROUPS = {
    DutyKind.PROPOSAL_FILED: "proposal_signer",
    DutyKind.PROPOSAL_COSIGNED: "proposal_signer",
    DutyKind.PROPOSAL_ACCEPTED: "proposal_outcome",
    DutyKind.ATTENDED: "attendance",
    DutyKind.EXCUSED: "attendance",
    DutyKind.ABSENT: "attendance",
    DutyKind.LATE: "attendance",
    DutyKind.SPEECH: "speech",
    DutyKind.WRITTEN_SPEECH: "speech",
    DutyKind.OPINION_REPORT: "opinion",
    DutyKind.OPINION_ADOPTED: "opinion_outcome",
}


def kind_group(kind) -> str:
    return KIND_GROUPS.get(kind, str(kind))


class DutyEntryQuerySet(models.QuerySet):
    def as_of(self, moment):
        """Entries a reader at `moment` would have seen as standing (recorded, not yet voided)."""
        return self.filter(reverses__isnull=True, recorded_at__lte=moment).filter(
            Q(voided_at__isnull=True) | Q(voided_at__gt=moment)
        )

    def standing(self):
        return self.filter(reverses__isnull=True, voided_at__isnull=True)


class DutyEntry(models.Model):
    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="duty_entries")
    duty_date = models.DateField(_("date of the duty"), db_index=True)
    kind = models.CharField(_("kind"), max_length=30, choices=DutyKind.choices)
    kind_group = models.CharField(_("kind group"), max_length=30, editable=False)
    title = CleanCharField(_("title"), max_length=300)
    quantity = models.DecimalField(
        _("points basis"), max_digits=8, decimal_places=2, default=1,
        help_text=_("The quantity scoring multiplies, e.g. 1 for an attendance, 0.5 for a shared proposal."),
    )
    basis = models.CharField(_("basis"), max_length=200, blank=True)
    source_type = models.ForeignKey(ContentType, verbose_name=_("source type"), null=True, blank=True, on_delete=models.PROTECT)
    source_id = models.CharField(_("source id"), max_length=64, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    recorded_at = models.DateTimeField(_("recorded at"), db_index=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    reverses = models.OneToOneField(
        "self", verbose_name=_("reverses"), null=True, blank=True, on_delete=models.PROTECT, related_name="reversal",
    )
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)

    objects = DutyEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("duty entry")
        verbose_name_plural = _("duty ledger")
        ordering = ["-duty_date", "-recorded_at"]
        indexes = [models.Index(fields=["member", "duty_date"]), models.Index(fields=["source_type", "source_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "source_type", "source_id", "kind_group"],
                condition=Q(voided_at__isnull=True, reverses__isnull=True),
                name="duty_one_standing_entry",
            ),
        ]

    def __str__(self):
        return f"{self.member.name} · {self.get_kind_display()} · {self.title}"

    @property
    def is_reversal(self):
        return self.reverses_id is not None
