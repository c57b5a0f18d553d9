"""The moment services act at: now, unless a replay (the demo's past sessions, a ledger import) sets it.

Services date their rows and events with `clock.now()`; `acting_at(moment)` makes every service called
inside the block act at that moment, so a 2007 session replayed through the services carries 2007
dates and the statistics as of any cut-off come out as the ledger says. Context-local (contextvars),
so a replay in one request or task never leaks into another.
"""

import contextlib
import contextvars
import datetime

from django.utils import timezone

_moment: contextvars.ContextVar[datetime.datetime | None] = contextvars.ContextVar("cppcc_clock", default=None)
_quiet: contextvars.ContextVar[bool] = contextvars.ContextVar("cppcc_clock_quiet", default=False)


def now() -> datetime.datetime:
    return _moment.get() or timezone.now()


def today() -> datetime.date:
    """The local date (Asia/Shanghai) of `now()`."""
    return timezone.localdate(now())


@contextlib.contextmanager
def acting_at(moment: datetime.datetime | datetime.date):
    """Every service inside acts at `moment` (a date means 10:00 local time that day)."""
    if not isinstance(moment, datetime.datetime):
        moment = datetime.datetime.combine(moment, datetime.time(10, 0))
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    token = _moment.set(moment)
    try:
        yield moment
    finally:
        _moment.reset(token)


@contextlib.contextmanager
def replaying_history():
    """Inside, services record the past: nobody is notified (no inbox notice, e-mail or SMS about 2007)."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def notices_suppressed() -> bool:
    return _quiet.get()
