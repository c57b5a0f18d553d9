"""The members step of `manage.py load_demo`: the county committee of the seed documents.

政协紫阳县委员会 with its ninth and tenth terms (九届五次 and 十届一次 both met in 2007, the tenth has the
seed's 158 members) and a current term whose session is in progress on the day the demo is loaded;
sectors, parties, special committees, activity groups, handling units (with the 2019 merger into
县市场监督管理局) and one login per role. Idempotent: a second run finds everything as it left it.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from cppcc.demo_kit import DemoError, Tally

from . import accounts, organisation, people
from .accounts import DEMO_PASSWORD, Login  # noqa: F401  (the command and the tests read them here)


def refuse():
    """The demo rewrites demo-keyed records (usernames such as admin): never on a live committee."""
    from members.models import Committee

    from .data import COMMITTEE

    others = Committee.objects.exclude(name=COMMITTEE["name"])
    if others.exists():
        raise DemoError(
            _("This database holds other committees (%(names)s); the demo only loads into an empty one.")
            % {"names": ", ".join(others.values_list("name", flat=True)[:3])}
        )


def load(stdout=None, today: datetime.date | None = None) -> list[Login]:
    today = today or timezone.localdate()
    tally = Tally()
    org = organisation.build(today=today, tally=tally)
    roster = people.write(org, tally=tally)
    logins = accounts.build(org, roster, tally=tally)
    if stdout is not None:
        session = org.current_session
        line = _("%(committee)s, current session %(session)s: filing since %(opens)s, plenary %(start)s to %(end)s")
        stdout.write("  " + line % {
            "committee": org.committee, "session": session, "opens": session.filing_opens,
            "start": session.plenary_start, "end": session.plenary_end,
        })
    tally.write(stdout)
    return logins
