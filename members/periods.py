"""The period a report covers: one session (次会议) or one calendar year, as of a cut-off.

docs/domain.md#which-proposals-a-period-holds: a session report counts that session's proposals; a
year report counts the plenary proposals of the sessions whose plenary falls in that year plus the
between-session proposals filed in that year (a proposal setting can switch to plain submission
date). Each app turns a Period into its own filter; this module only names the period and its dates.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Committee, Session


@dataclass(frozen=True)
class Period:
    committee: Committee
    session: Session | None = None
    year: int | None = None

    def __post_init__(self):
        if (self.session is None) == (self.year is None):
            raise ValueError("A period is one session or one year.")
        if self.session is not None and self.session.committee_id != self.committee.pk:
            raise ValueError("The session belongs to another committee.")

    @classmethod
    def of_session(cls, session: Session) -> "Period":
        return cls(committee=session.committee, session=session)

    @classmethod
    def of_year(cls, committee: Committee, year: int) -> "Period":
        return cls(committee=committee, year=int(year))

    @property
    def is_session(self) -> bool:
        return self.session is not None

    @property
    def label(self) -> str:
        """How the summary names it: 九届五次 or 2007年."""
        if self.session is not None:
            return str(self.session)
        return _("%(year)s年") % {"year": self.year}

    @property
    def start(self) -> datetime.date:
        """First day of the period (a session runs from its filing window to the next session)."""
        if self.session is not None:
            return min(self.session.filing_opens, self.session.plenary_start)
        return datetime.date(self.year, 1, 1)

    @property
    def end(self) -> datetime.date:
        """Last day of the period: the day before the next session opens, or 31 December."""
        if self.session is not None:
            following = self.following_session()
            if following is not None:
                return min(following.filing_opens, following.plenary_start) - datetime.timedelta(days=1)
            return datetime.date.max
        return datetime.date(self.year, 12, 31)

    def sessions(self):
        """The sessions the period holds: itself, or those whose plenary opens in the year."""
        if self.session is not None:
            return Session.objects.filter(pk=self.session.pk)
        return Session.objects.filter(committee=self.committee, plenary_start__year=self.year)

    def following_session(self) -> Session | None:
        assert self.session is not None
        return (
            Session.objects.filter(committee_id=self.committee.pk, plenary_start__gt=self.session.plenary_start)
            .order_by("plenary_start").first()
        )

    def previous(self) -> "Period | None":
        """The period before: last year, or the session before (None when there is none)."""
        if self.year is not None:
            return Period.of_year(self.committee, self.year - 1)
        earlier = (
            Session.objects.filter(committee_id=self.committee.pk, plenary_start__lt=self.session.plenary_start)
            .select_related("term", "committee").order_by("-plenary_start").first()
        )
        return Period.of_session(earlier) if earlier else None


def cutoff_moment(as_of: datetime.date | datetime.datetime | None) -> datetime.datetime:
    """The aware instant a cut-off means: a date is the end of that day in Asia/Shanghai; None is now."""
    if as_of is None:
        return timezone.now()
    if isinstance(as_of, datetime.datetime):
        return as_of if timezone.is_aware(as_of) else timezone.make_aware(as_of)
    end_of_day = datetime.datetime.combine(as_of + datetime.timedelta(days=1), datetime.time.min)
    return timezone.make_aware(end_of_day) - datetime.timedelta(microseconds=1)


def local_today() -> datetime.date:
    """Today in Asia/Shanghai (the project's TIME_ZONE), computed in Python and passed to queries."""
    return timezone.localdate()


def check_cutoff(as_of: datetime.date | None) -> None:
    """A cut-off is today or a day past: figures "as of" a day still to come would pass off today's as final."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    today = local_today()
    if as_of is not None and as_of > today:
        raise ValidationError(_("The cut-off date cannot be later than today (%(today)s)."),
                              code="future_cutoff", params={"today": today.isoformat()})
