"""Access rows of the secretariat's day (proposals/admin/secretariat.py): bulk assignment, the selected
forms printed as one file, saved filters and 催办.

Objects: an overdue assignment in each committee (a fourth split unit added to rows_admin's case,
which rows_admin.extend builds first: the plugins run in file-name order), and a saved filter of our
secretariat and of someone in the other committee.

The selection travels in the query string, which this table does not build: the bare URLs are
checked here (nothing selected: the secretariat gets the empty form; print sends readers back to the
list), the selections per role in tests/proposals/test_secretariat_day.py.
"""

import datetime

from django.utils import timezone

from members.models.roles import Role
from proposals import services
from proposals.models import Assignment, SavedFilter
from tests import factories
from tests.access.table import outcome

SECRETARIAT = ("secretariat",)  # the superuser is not the committee's secretariat
NOBODY = ()


def _overdue(objects, clerk, tag):
    case = objects["admin_case"]
    unit = factories.unit(case.committee, name=f"县催办局{tag}")
    (assignment,) = services.assignment_create(proposal=case, actor=clerk, units=[(unit, "split")])
    Assignment.objects.filter(pk=assignment.pk).update(due_date=timezone.localdate() - datetime.timedelta(days=3))
    return assignment


def extend(users, own, other):
    own["overdue_assignment"] = _overdue(own, users["secretariat"], "")
    other_clerk = factories.user_with_role(Role.SECRETARIAT, other["committees"], username="access_secr_other_clerk")
    other["overdue_assignment"] = _overdue(other, other_clerk, "乙")
    own["saved_filter"] = SavedFilter.objects.create(user=users["secretariat"], list_name="proposals", name="待审查",
                                                     querystring="status=submitted")
    other["saved_filter"] = SavedFilter.objects.create(user=other_clerk, list_name="proposals", name="别人的",
                                                       querystring="status=accepted")


def rows():
    return [
        ("proposal_admin:bulk_assign", None, outcome(SECRETARIAT)),
        ("proposal_admin:print_selected", None, outcome(NOBODY)),  # nothing selected: back to the list
        ("proposal_admin:save_filter", None, outcome(NOBODY)),  # POST only
        ("proposal_admin:delete_filter", "saved_filter:own", outcome(NOBODY)),  # POST only
        ("proposal_admin:delete_filter", "saved_filter:other", outcome(NOBODY)),
        ("assignments:remind", "overdue_assignment:own", outcome(SECRETARIAT)),
        ("assignments:remind", "overdue_assignment:other", outcome(NOBODY)),
        ("assignments:remind", "admin_assignment:own", outcome(NOBODY)),  # not overdue: back to the case
    ]
