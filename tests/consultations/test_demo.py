"""The consultations demo step: the seed's activities with their figures, a year of the current term, and a
second run that changes nothing."""

import datetime
import io

import pytest
from django.db import transaction
from django.test import TestCase

from consultations import demo, statistics
from consultations.models import Activity, ActivityEvent, Attendance, Suggestion
from members.models import Committee, DutyEntry
from members.periods import Period

TODAY = datetime.date(2026, 11, 26)


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    from members import demo as members_demo
    from proposals import demo as proposals_demo

    with django_db_blocker.unblock():
        with transaction.atomic():
            members_demo.load(today=TODAY)
            proposals_demo.load(today=TODAY)
            out = io.StringIO()
            # The notices the step queues run as after a commit (the transaction is rolled back at the end).
            with TestCase.captureOnCommitCallbacks(execute=True):
                demo.load(stdout=out, today=TODAY)
            yield out.getvalue()
            transaction.set_rollback(True)


@pytest.fixture
def committee(loaded, db):
    return Committee.objects.get(name="政协紫阳县委员会")


def test_the_seed_figures_come_out_of_the_data(committee):
    survey = Activity.objects.get(committee=committee, topic="全县医疗、医药市场情况调研")
    assert survey.places.filter(kind="town").count() == 8
    assert survey.places.filter(kind="village").count() == 15
    assert (survey.questionnaires, survey.problems_found, survey.suggestions.count()) == (220, 14, 6)
    assert survey.documents.filter(kind="report").count() == 1
    two_basics = Activity.objects.get(committee=committee, topic="“两基”攻坚达标视察")
    assert two_basics.suggestions.filter(adoption=Suggestion.Adoption.ADOPTED).count() == 5
    bribery = Activity.objects.get(committee=committee, topic="治理商业贿赂专项工作座谈会")
    assert bribery.invited_bodies.count() == 10
    joint = Activity.objects.get(committee=committee, topic="与县人大联合视察城市建设和村道硬化")
    assert [b.name for b in joint.partner_bodies.all()] == ["县人大常委会"]
    legal = Activity.objects.get(committee=committee, topic="“五五”普法专题座谈会")
    assert legal.suggestions.count() == 6

    year = {r.code: r for r in statistics.by_kind(Period.of_year(committee, 2007))}
    assert (year["research"].activities, year["research"].towns, year["research"].villages) == (1, 8, 15)
    assert year["research"].questionnaires == 220
    assert (year["inspection"].activities, year["inspection"].adopted) == (2, 5)
    assert year["forum"].suggestions == 9


def test_a_year_of_the_current_term_and_an_upcoming_invitation(committee):
    from django.contrib.auth import get_user_model

    plenary = Activity.objects.filter(committee=committee, kind__code="plenary").order_by("-starts_on").first()
    assert plenary.sittings.count() == 2 and plenary.invitations.count() > 100
    counted = set(Attendance.objects.filter(sitting__activity=plenary).values_list("counted", flat=True))
    assert counted <= {"present", "excused", "absent"} and "present" in counted and "excused" in counted
    member = get_user_model().objects.get(username="member").member
    upcoming = Activity.objects.get(committee=committee, topic="专委会对口协商：医疗市场秩序规范")
    assert upcoming.invitations.filter(member=member).exists()
    assert DutyEntry.objects.standing().filter(member=member, kind="attended").exists()
    totals = statistics.totals(Period.of_year(committee, TODAY.year), as_of=TODAY)
    assert totals.activities >= 5 and totals.present > 0 and totals.suggestions > 0


def test_a_second_run_changes_nothing(committee):
    counts = (Activity.objects.count(), ActivityEvent.objects.count(), DutyEntry.objects.count())
    out = io.StringIO()
    demo.load(stdout=out, today=TODAY)
    assert (Activity.objects.count(), ActivityEvent.objects.count(), DutyEntry.objects.count()) == counts
    assert "0 new" in out.getvalue() or "0 个新" in out.getvalue()


def test_only_what_lies_ahead_is_announced(committee):
    """The past is replayed without notices: nobody finds an invitation, dated today, to a meeting of 2007."""
    from cppcc.models import Message

    notices = Message.objects.filter(source_type__model="activity")
    announced = Activity.objects.filter(pk__in=[int(pk) for pk in notices.values_list("source_id", flat=True)])
    assert announced.exists()
    assert all(a.starts_on >= TODAY for a in announced), [(a.topic, a.starts_on) for a in announced]
