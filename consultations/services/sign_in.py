"""A member's own sign-in at a sitting: with the code shown in the room (or its QR code), in the window
the committee's settings set, once."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from consultations import permissions
from consultations.models import Attendance, Sitting

from .attendance import mark
from .base import Status, local, now
from .rules import settings_for, sign_in_window


@transaction.atomic
def sign_in(*, sitting, actor, code, method=Attendance.Method.CODE) -> Attendance:
    """A member signs in at a sitting with its code (or QR code) during the window; once only."""
    member = permissions.member_of(actor)
    if member is None:
        raise ValidationError(_("Only members sign in."))
    sitting = Sitting.objects.select_related("activity__kind").get(pk=sitting.pk)
    attendance = (Attendance.objects.select_for_update().select_related("member", "sitting__activity__kind")
                  .filter(sitting=sitting, member=member).first())
    if attendance is None:
        raise ValidationError(_("You are not invited to this activity, so you cannot sign in."))
    if attendance.status in (Status.PRESENT, Status.LATE, Status.LEFT_EARLY):
        if attendance.signed_in_at:
            raise ValidationError(_("You have already signed in (at %(time)s).")
                                  % {"time": local(attendance.signed_in_at).strftime("%H:%M")})
        raise ValidationError(_("Your attendance is already recorded as present."))
    moment = now()
    rules = settings_for(sitting.committee_id)
    opens, closes = sign_in_window(sitting, rules)
    if not opens <= moment <= closes:
        raise ValidationError(
            _("Sign-in is not open now: it is open from %(opens)s to %(closes)s.")
            % {"opens": local(opens).strftime("%Y-%m-%d %H:%M"), "closes": local(closes).strftime("%H:%M")})
    if not constant_time_compare((code or "").strip(), sitting.sign_in_code):
        raise ValidationError({"code": _("The sign-in code is wrong. Check the code shown in the meeting room.")})
    if moment <= sitting.starts_at:
        status, minutes = Status.PRESENT, None
    else:
        status = Status.LATE
        minutes = max(0, int((sitting.ends_at - moment).total_seconds() // 60))
    return mark(attendance, status=status, actor=actor, method=method, minutes_attended=minutes,
                signed_in_at=moment)
