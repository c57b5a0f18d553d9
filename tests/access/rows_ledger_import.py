"""Access rows for the ledger import (proposals/ledger/admin.py): the committee's secretariat only.

The administrator is refused like every other role: importing a ledger records workflow steps, which
belong to the secretariat (separation of duties, as in proposals/). The template needs a session of the
user's committee: the access world gives each committee one.
"""

from tests.access.table import outcome

SECRETARIAT = ("secretariat",)


def rows():
    return [
        ("ledger_import", None, outcome(SECRETARIAT)),
        ("ledger_import_template", None, outcome(SECRETARIAT)),
    ]
