"""The proposals step of `manage.py load_demo`: the demo committee's rule lists (categories, reasons, codes).

The demo's proposals themselves (the 九届五次 ledger and the current session in progress) are built by the
statistics issue on top of these lists.
"""

from django.utils.translation import gettext as _

from members.demo.data import COMMITTEE
from members.models import Committee
from proposals.services import rules_install_defaults


def load(stdout=None, today=None) -> list:
    committee = Committee.objects.get(name=COMMITTEE["name"])
    rules_install_defaults(committee)
    if stdout:
        stdout.write("  " + _("rules: categories, reasons for not accepting and result codes in place"))
    return []
