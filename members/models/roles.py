"""Roles are (user, role, scope) assignments: one person may be a member and the head of a unit."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .organisation import Body, Committee, Party, Sector, SpecialCommittee


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    COLLECTIVE = "collective", _("Collective proposer")
    SECRETARIAT = "secretariat", _("Secretariat")
    REVIEWER = "reviewer", _("Reviewer")
    SPECIAL_STAFF = "special_staff", _("Special-committee staff")
    UNIT_LIAISON = "unit_liaison", _("Handling-unit liaison")
    UNIT_LEADER = "unit_leader", _("Handling-unit leader")
    SUPERVISION = "supervision", _("Government supervision office")
    CHAIR = "chair", _("Chair")
    AUDITOR = "auditor", _("Auditor")
    ADMIN = "admin", _("Administrator")
    # 三员分立 (等保): the system administrator (ADMIN) runs the system, the security administrator grants
    # roles and manages accounts, the auditor reads the audit log; none can do the others' work.
    SECURITY_ADMIN = "security_admin", _("Security administrator")


UNIT_ROLES = {Role.UNIT_LIAISON, Role.UNIT_LEADER}


class RoleAssignmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class RoleAssignment(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="role_assignments")
    unit = models.ForeignKey(Body, verbose_name=_("handling unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="role_assignments")
    party = models.ForeignKey(Party, verbose_name=_("party or organisation"), null=True, blank=True, on_delete=models.PROTECT, related_name="role_assignments")
    sector = models.ForeignKey(Sector, verbose_name=_("sector"), null=True, blank=True, on_delete=models.PROTECT, related_name="role_assignments")
    special_committee = models.ForeignKey(SpecialCommittee, verbose_name=_("special committee"), null=True, blank=True, on_delete=models.PROTECT, related_name="role_assignments")
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("granted by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["user", "role"]
        constraints = [
            models.CheckConstraint(
                name="role_unit_scope",
                condition=~Q(role__in=["unit_liaison", "unit_leader"]) | Q(unit__isnull=False),
            ),
            models.CheckConstraint(
                name="role_collective_scope",
                condition=~Q(role="collective")
                | Q(party__isnull=False) | Q(sector__isnull=False) | Q(special_committee__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "committee", "unit", "party", "sector", "special_committee"],
                condition=Q(revoked_at__isnull=True),
                name="role_unique_active",
            ),
        ]

    def __str__(self):
        scope = self.unit or self.party or self.sector or self.special_committee or self.committee
        return f"{self.user} · {self.get_role_display()} · {scope}"
