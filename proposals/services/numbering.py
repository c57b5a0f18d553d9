"""Gap-free numbering: receipt numbers (收文号) at submission, case numbers (立案号) at acceptance.

docs/stack-notes.md: select_for_update() with aggregate(Max) emits no FOR UPDATE, so "max + 1" races. Each
series has a counter row, created beforehand in its own savepoint and then locked with
select_for_update().get(); a rolled-back transaction gives its number back.
"""

from django.db import transaction

from cppcc.history import save_audited
from proposals.models import Counter
from proposals.models.rules import format_number


def next_value(*, session, series: str) -> int:
    """The next serial of `series` in `session`, under the counter row's lock until commit."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("numbering must run inside the transaction that uses the number")
    # get_or_create creates inside its own savepoint and falls back to get() if another
    # transaction created the row first, so the row exists before we lock it.
    Counter.objects.get_or_create(committee_id=session.committee_id, session=session, series=series)
    counter = Counter.objects.select_for_update().get(committee_id=session.committee_id, session=session, series=series)
    counter.value += 1
    save_audited(counter, actor=None, reason=Counter.Series(series).label, fields=["value"])
    return counter.value


def receipt_number(*, session, settings) -> tuple[int, str]:
    seq = next_value(session=session, series=Counter.Series.RECEIPT)
    return seq, format_number(settings.receipt_number_format, session, seq)


def case_number(*, session) -> tuple[int, str]:
    seq = next_value(session=session, series=Counter.Series.CASE)
    return seq, session.case_number(seq)
