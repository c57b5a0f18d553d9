"""Rules as data: a committee's consultation settings and forms of activity, the sign-in window they set
and what an attendance counts as in the figures."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from cppcc.history import save_audited
from consultations.defaults import DEFAULT_KINDS
from consultations.models import ActivityKind, ConsultationSettings

from .base import Counted, Status, now


def settings_for(committee) -> ConsultationSettings:
    committee_id = getattr(committee, "pk", committee)
    rules = ConsultationSettings.objects.filter(committee_id=committee_id).first()
    if rules is None:
        rules = ConsultationSettings(committee_id=committee_id)
        save_audited(rules, actor=None, reason=_("Default rules installed"))
    return rules


@transaction.atomic
def kinds_install_defaults(committee) -> int:
    """Install the default forms of activity and settings (docs/domain.md#rules-are-data); existing rows are left as edited."""
    settings_for(committee)
    existing = set(ActivityKind.objects.filter(committee=committee).values_list("code", flat=True))
    created = 0
    for order, (code, name, group, training, participation) in enumerate(DEFAULT_KINDS, 1):
        if code in existing:
            continue
        save_audited(ActivityKind(committee=committee, code=code, name=name, group=group, is_training=training,
                                  participation_entry=participation, order=order),
                     actor=None, reason=_("Default rules installed"))
        created += 1
    return created


def sign_in_window(sitting, rules=None) -> tuple[datetime.datetime, datetime.datetime]:
    rules = rules or settings_for(sitting.committee_id)
    return (sitting.starts_at - datetime.timedelta(minutes=rules.sign_in_opens_minutes),
            sitting.starts_at + datetime.timedelta(minutes=rules.sign_in_closes_minutes))


def sign_in_open(sitting, moment=None, rules=None) -> bool:
    opens, closes = sign_in_window(sitting, rules)
    return opens <= (moment or now()) <= closes


def counted_as(status, *, minutes_attended, sitting, rules) -> str:
    """What the figures count: late or left early counts as present, unless less than the threshold share of
    the sitting was attended and the settings say that is absent."""
    if status == Status.PRESENT:
        return Counted.PRESENT
    if status in (Status.LATE, Status.LEFT_EARLY):
        if rules.short_attendance_counts_absent and minutes_attended is not None:
            share = Decimal(minutes_attended) * 100 / Decimal(sitting.duration_minutes)
            if share < rules.attendance_threshold_percent:
                return Counted.ABSENT
        return Counted.PRESENT
    return {Status.EXCUSED: Counted.EXCUSED, Status.ABSENT: Counted.ABSENT}.get(status, Counted.UNMARKED)
