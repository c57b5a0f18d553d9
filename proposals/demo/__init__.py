"""The proposals step of `manage.py load_demo`: the committee's rule lists, the public list page, and its proposals.

- 九届五次 (January 2007), the seed's "收到委员提案101件，立案80件，作参考案21件，办复率100%", replayed
  through the services at 2007 dates (proposals.demo.history);
- the current session in progress, every state of the workflow (proposals.demo.current).

Idempotent: a session that already has proposals is left as it is, so a second run changes nothing.
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from cppcc import clock
from cppcc.demo_kit import DemoError, Tally
from members.demo.data import COMMITTEE
from members.models import Committee, Party, Term
from proposals.services import rules_install_defaults

from . import current, history


class DemoOrganisation:
    """What the proposal demo needs of members.demo's organisation, read back by natural key."""

    def __init__(self, committee, today):
        self.committee = committee
        self.terms = {t.number: t for t in Term.objects.filter(committee=committee)}
        current = [t for t in self.terms.values() if t.start_date <= today and (t.end_date is None or t.end_date >= today)]
        if 9 not in self.terms or not current:
            raise DemoError("members.demo must run first: the ninth term and the current term are missing.")
        self.current_term = max(current, key=lambda t: t.number)
        self.current_session = self.current_term.sessions.order_by("-plenary_start").first()
        self.parties = {p.name: p for p in Party.objects.filter(committee=committee)}


def load(stdout=None, today=None) -> list:
    committee = Committee.objects.get(name=COMMITTEE["name"])
    rules_install_defaults(committee)
    from proposals.public import ensure_public_pages

    ensure_public_pages(committee)  # the public list of the committee's published cases (提案公开)
    if stdout:
        stdout.write("  " + _("rules: categories, reasons for not accepting and result codes in place"))
    today = today or clock.today()
    org = DemoOrganisation(committee, today)
    clerk = get_user_model().objects.filter(username="secretariat").first()
    if clerk is None:
        raise DemoError("members.demo must run first: the secretariat account is missing.")
    tally = Tally()
    history.build(org, clerk, tally)
    current.build(org, today, tally)
    tally.write(stdout)
    return []


__all__ = ["load", "DemoOrganisation"]
