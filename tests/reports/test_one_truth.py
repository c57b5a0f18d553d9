"""One truth: the 总览 proposal figures of the workbook, recomputed here with plain SQL on the same data.

The SQL reads only the stored facts (submission times, the dated proposal events, assignments and
replies) and the definitions of docs/domain.md#statistics, independently of proposals.statistics and of reports/.
"""

import datetime
import io

import pytest
from django.db import connection
from openpyxl import load_workbook

from cppcc import clock
from cppcc.rates import rate
from members.periods import cutoff_moment
from proposals.models import Assignment, Proposal, ProposalEvent, Reply
from proposals.workflow import PROPOSAL, TRANSITIONS
from reports.services import write_summary

pytestmark = pytest.mark.django_db

STATE_ACTIONS = sorted(k for k, t in TRANSITIONS.items() if t.subject == PROPOSAL and t.target is not None)
BUCKETS = {
    "accepted": "proposals.accepted", "merged": "proposals.merged", "converted_opinion": "proposals.converted_opinion",
    "converted_social": "proposals.converted_social", "converted_letter": "proposals.converted_letter",
    "rejected": "proposals.rejected", "withdrawn": "proposals.withdrawn",
    "submitted": "proposals.reviewing", "under_review": "proposals.reviewing", "returned": "proposals.reviewing",
}


def sql_figures(session_id, as_of: datetime.date) -> dict:
    moment = connection.ops.adapt_datetimefield_value(cutoff_moment(as_of))
    p, e = Proposal._meta.db_table, ProposalEvent._meta.db_table
    a, r = Assignment._meta.db_table, Reply._meta.db_table
    actions = ", ".join(f"'{x}'" for x in STATE_ACTIONS)
    states = f"""
        SELECT p.id AS id,
               (SELECT e.to_status FROM {e} e
                 WHERE e.proposal_id = p.id AND e.action IN ({actions}) AND e.at <= %s
                 ORDER BY e.at DESC, e.id DESC LIMIT 1) AS state
          FROM {p} p
         WHERE p.session_id = %s AND p.submitted_at IS NOT NULL AND p.submitted_at <= %s
    """
    active_primary = f"""
        FROM {a} a WHERE a.proposal_id = s.id AND a.round = 1 AND a.role IN ('single', 'lead', 'split')
         AND a.assigned_at <= %s
         AND NOT (COALESCE(a.return_accepted, FALSE) AND COALESCE(a.return_decided_at <= %s, FALSE))
    """
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT s.state, COUNT(*) FROM ({states}) s GROUP BY s.state", [moment, session_id, moment])
        by_state = dict(cursor.fetchall())
        cursor.execute(
            f"""SELECT COUNT(*) FROM ({states}) s WHERE s.state = 'accepted'
                  AND EXISTS (SELECT 1 {active_primary})
                  AND NOT EXISTS (SELECT 1 {active_primary}
                        AND NOT EXISTS (SELECT 1 FROM {r} r WHERE r.assignment_id = a.id AND r.round = a.round
                                          AND r.status = 'sent' AND r.sent_at <= %s))""",
            [moment, session_id, moment, moment, moment, moment, moment, moment],
        )
        replied = cursor.fetchone()[0]
    figures = {key: 0 for key in set(BUCKETS.values())}
    for state, n in by_state.items():
        figures[BUCKETS[state]] += n
    figures["proposals.received"] = sum(by_state.values())
    figures["proposals.replied"] = replied
    figures["proposals.acceptance_rate"] = rate(figures["proposals.accepted"], figures["proposals.received"]).fraction
    figures["proposals.reply_rate"] = rate(replied, figures["proposals.accepted"]).fraction
    return figures


def workbook_overview(workbook) -> dict:
    ws = load_workbook(io.BytesIO(workbook))["总览"]
    return {row[2].value: row[1].value for row in ws.iter_rows(min_row=4)}


def test_overview_equals_plain_sql_at_two_cutoffs(scenario):
    world = scenario.world
    today = world.today
    tomorrow = today + datetime.timedelta(days=1)
    with clock.acting_at(datetime.datetime.combine(tomorrow, datetime.time(9))):
        world.sent_reply(scenario.a_open, code="A")
        from proposals import services

        services.proposal_withdraw(proposal=scenario.p_reviewing, actor=world.proposer.user, reason="不再需要")
    for as_of in (today, tomorrow):
        expected = sql_figures(world.session.pk, as_of)
        cells = workbook_overview(write_summary(scenario.period, as_of)[1])
        assert {k: cells[k] for k in expected} == expected, as_of
    # and the figures are the ones counted by hand
    assert sql_figures(world.session.pk, today)["proposals.replied"] == 1
    assert sql_figures(world.session.pk, tomorrow)["proposals.replied"] == 2
    assert sql_figures(world.session.pk, tomorrow)["proposals.withdrawn"] == 1
    assert sql_figures(world.session.pk, tomorrow)["proposals.reviewing"] == 0
