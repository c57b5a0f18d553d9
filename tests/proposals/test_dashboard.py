"""The secretariat's statistics dashboard (/admin/proposals/dashboard/) and the home panel's rates.

The figures come from proposals.statistics (tested by hand-count in test_statistics.py); here: what the
page shows and links to, the cut-off picker, who may see it and for which committee, the reply listing's
evaluation filter, and a query count that does not grow with the number of cases.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cppcc.clock import acting_at
from members.models import Session
from members.models.roles import Role
from proposals import services
from proposals.models import Assignment, Reply

pytestmark = pytest.mark.django_db

URL = "/admin/proposals/dashboard/"


@pytest.fixture
def clerk(client, secretariat):
    client.force_login(secretariat)
    return client


def _past(world, day):
    return acting_at(timezone.make_aware(datetime.datetime.combine(day, datetime.time(10))))


def _session_2025(world):
    return Session.objects.create(
        committee=world.committee, term=world.term, number=5, plenary_start=datetime.date(2025, 2, 25),
        plenary_end=datetime.date(2025, 2, 28), filing_opens=datetime.date(2025, 1, 1),
        filing_deadline=datetime.date(2025, 2, 20),
    )


def _cases_2025(world):
    """Four cases of 2025: replied and rated; replied, never rated (未表态 after 30 days); a reply awaiting
    the leader's signature; one with no reply at all (overdue at 县财政局 from 06-04)."""
    s = _session_2025(world)
    with _past(world, datetime.date(2025, 1, 10)):
        cases = [world.submitted(session=s, title=f"案{i}") for i in range(4)]
    with _past(world, datetime.date(2025, 3, 1)):
        cases = [services.proposal_accept(proposal=p, actor=world.reviewer) for p in cases]
    with _past(world, datetime.date(2025, 3, 3)):
        (a0,) = services.assignment_create(proposal=cases[0], actor=world.secretariat, units=[(world.unit, "single")])
        (a1,) = services.assignment_create(proposal=cases[1], actor=world.secretariat, units=[(world.unit, "single")])
        (a2,) = services.assignment_create(proposal=cases[2], actor=world.secretariat, units=[(world.unit, "single")])
        (a3,) = services.assignment_create(proposal=cases[3], actor=world.secretariat, units=[(world.unit2, "single")])
    with _past(world, datetime.date(2025, 4, 1)):
        r0 = world.sent_reply(a0)
        world.sent_reply(a1)
    with _past(world, datetime.date(2025, 4, 5)):
        services.evaluation_submit(reply=r0, actor=world.proposer.user, overall="satisfied")
    with _past(world, datetime.date(2025, 5, 1)):
        draft = world.reply_draft(a2)
        services.reply_submit_for_signature(reply=draft, actor=world.liaison)
    return s, cases, (a0, a1, a2, a3)


def test_dashboard_shows_the_figures_as_of_the_date_chosen(clerk, world):
    s, cases, (_a0, _a1, _a2, a3) = _cases_2025(world)
    response = clerk.get(URL, {"session": s.pk, "as_of": "2025-07-15"})
    assert response.status_code == 200
    html = response.content.decode()
    o = response.context["overview"]
    assert (o.received, o.accepted, o.replied, str(o.reply_rate), o.overdue) == (4, 4, 2, "50.0%", 2)
    assert (o.satisfied, o.no_response) == (1, 1)
    assert re.search(r'data-figure="reply_rate"><span class="value">50.0%</span>', html)
    # The overdue list: 县财政局's case (due 06-03) is 42 days overdue; the unsigned reply's case too.
    overdue = {a.pk: a.days_overdue for a in response.context["overdue"]}
    assert overdue[a3.pk] == 42 and len(overdue) == 2
    assert f"overdue=true&amp;unit={world.unit2.pk}&amp;session={s.pk}" in html
    # The reply waiting for the leader since 05-01.
    (waiting,) = response.context["awaiting"]
    assert waiting.assignment.proposal_id == cases[2].pk and waiting.days_waiting == 75
    # Evaluations: case 1's reply (04-01) was never rated: 未表态 since 05-02.
    assert (response.context["pending_count"], response.context["no_response_count"]) == (0, 1)
    assert f"evaluation=no_response&amp;session={s.pk}" in html
    # As of 04-20 the same reply is still awaited, and nothing is overdue yet.
    earlier = clerk.get(URL, {"session": s.pk, "as_of": "2025-04-20"}).context
    assert (earlier["pending_count"], earlier["no_response_count"], earlier["overview"].overdue) == (1, 0, 0)
    assert earlier["awaiting"] == []  # submitted for signature only on 05-01
    # A year works too.
    year = clerk.get(URL, {"committee": world.committee.pk, "year": 2025, "as_of": "2025-07-15"}).context
    assert year["overview"].received == 4 and year["period"].year == 2025


def test_dashboard_defaults_to_the_current_session_and_today(clerk, world):
    world.accepted(title="本次会议的案")
    response = clerk.get(URL)
    assert response.status_code == 200
    assert response.context["period"].session == world.session
    assert response.context["day"] == timezone.localdate()
    assert response.context["overview"].accepted == 1


def test_dashboard_in_english(clerk, world):
    world.accepted()
    html = clerk.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Reply rate (办复率)" in html or "办复率" in html


@pytest.mark.parametrize("role, seen", [
    (Role.SECRETARIAT, True), (Role.REVIEWER, True), (Role.CHAIR, True), (Role.AUDITOR, False),
    (Role.SPECIAL_STAFF, False),
])
def test_who_sees_the_dashboard(client, role_user, world, role, seen):
    client.force_login(role_user(role))
    response = client.get(URL)
    assert (response.status_code == 200) is seen
    home = client.get("/admin/").content.decode()
    assert (reverse("proposal_dashboard") in home) is seen  # the menu item and the panel's link


def test_another_committees_session_is_not_found(clerk, world):
    from tests.proposals.test_admin import other_world

    other = other_world()
    assert clerk.get(URL, {"session": other.session.pk}).status_code == 404
    assert clerk.get(URL, {"committee": other.committee.pk}).status_code == 404
    assert clerk.get(URL, {"committee": world.committee.pk, "session": world.session.pk}).status_code == 200


def test_reply_listing_filters_by_evaluation_state(clerk, world):
    _p, (a,) = world.assigned(title="案甲已评价")
    rated = world.sent_reply(a)
    services.evaluation_submit(reply=rated, actor=world.proposer.user, overall="satisfied")
    _p, (b,) = world.assigned(title="案乙待评价")
    awaited = world.sent_reply(b)
    _p, (c,) = world.assigned(title="案丙未评价")
    silent = world.sent_reply(c)
    Reply.objects.filter(pk=silent.pk).update(sent_at=silent.sent_at - datetime.timedelta(days=31))

    def listed(state):
        html = clerk.get(reverse("replies:index"), {"evaluation": state}).content.decode()
        return {title for title in ("案甲已评价", "案乙待评价", "案丙未评价") if title in html}

    assert listed("pending") == {"案乙待评价"}
    assert listed("no_response") == {"案丙未评价"}
    assert listed("complete") == {"案甲已评价"}
    assert awaited and Assignment.objects.count() == 3


def test_home_panel_shows_the_rates_and_links_to_the_dashboard(clerk, world):
    _p, (a,) = world.assigned()
    world.sent_reply(a)
    world.accepted(title="未交办")
    html = clerk.get("/admin/").content.decode()
    assert re.search(r'class="proposal-rates">\s*\S+: <strong>50.0%</strong>', html) or "50.0%" in html
    assert f'{reverse("proposal_dashboard")}?session={world.session.pk}' in html


def _cases_now(world, n):
    """n accepted cases of the current session: assigned, a third replied and rated, a third awaiting signature."""
    for i in range(n):
        _p, (a,) = world.assigned(title=f"案{i}")
        if i % 3 == 0:
            reply = world.sent_reply(a)
            services.evaluation_submit(reply=reply, actor=world.proposer.user, overall="basic")
        elif i % 3 == 1:
            services.reply_submit_for_signature(reply=world.reply_draft(a), actor=world.staff(a)[0])
    Assignment.objects.filter(proposal__session=world.session, round=1).update(
        due_date=timezone.localdate() - datetime.timedelta(days=3))


def _count(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def test_dashboard_query_count_does_not_grow_with_the_cases(clerk, world):
    _cases_now(world, 10)
    _count(clerk)  # warms the process's caches (the first admin page of a process reads more: 47 against 43)
    small, response = _count(clerk)
    assert response.context["overview"].accepted == 10
    _cases_now(world, 50)
    large, response = _count(clerk)
    o = response.context["overview"]
    assert (o.accepted, o.replied) == (60, 4 + 17)  # every third case replied: 0,3,6,9 of 10 and 0,3,...,48 of 50
    assert o.overdue == 60 - 21
    assert large == small, (small, large)


def test_replies_awaiting_signature_have_their_own_filtered_list(clerk, world):
    _p, (a,) = world.assigned(title="案甲待签发")
    services.reply_submit_for_signature(reply=world.reply_draft(a), actor=world.staff(a)[0])
    _p, (b,) = world.assigned(title="案乙已发出")
    world.sent_reply(b)
    _p, (c,) = world.assigned(title="案丙草稿")
    world.reply_draft(c)

    def listed(**query):
        html = clerk.get(reverse("replies:index"), query).content.decode()
        return {title for title in ("案甲待签发", "案乙已发出", "案丙草稿") if title in html}

    assert listed() == {"案乙已发出"}  # the office's record of letters: sent replies
    assert listed(state="awaiting_signature") == {"案甲待签发"}  # drafts stay the unit's own work
    dashboard = clerk.get(URL, {"committee": world.committee.pk, "session": world.session.pk}).content.decode()
    assert "state=awaiting_signature" in dashboard
