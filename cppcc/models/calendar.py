from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cppcc.text import CleanCharField


class CalendarDay(models.Model):
    """A day that breaks the Monday-Friday rule: a public holiday on a weekday, or a make-up workday (调休).

    National, not per committee: every committee in China keeps the State Council's holiday schedule.
    Seeded from the `holidays` package; the secretariat corrects it when the schedule is published.
    """

    date = models.DateField(_("date"), unique=True)
    is_workday = models.BooleanField(_("working day"))
    name = CleanCharField(_("name"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("working-day calendar")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}"
