"""The duty ledger: append-only, idempotent writers, corrections that void and replace, readable as of a cut-off."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from members.models import DutyEntry
from members.models.ledger import DutyKind
from members.services import duty_record, duty_void
from tests import factories

DAY = datetime.date(2007, 3, 1)


@pytest.fixture
def person(committee):
    return factories.member(committee)


@pytest.fixture
def source(committee):
    # Any model row can be a source; a body stands in for a sitting or a proposal here.
    return factories.unit(committee)


def record(person, source, kind=DutyKind.ATTENDED, **kw):
    return duty_record(member=person, kind=kind, title="九届五次全体会议", duty_date=DAY, source=source, **kw)


def test_rerunning_a_writer_never_double_counts(person, source):
    first = record(person, source)
    again = record(person, source)
    assert first.pk == again.pk
    assert DutyEntry.objects.count() == 1
    assert first.kind_group == "attendance"
    assert first.recorded_at is not None and first.duty_date == DAY


def test_correction_voids_and_replaces_within_the_group(person, source, secretariat):
    excused = record(person, source, kind=DutyKind.EXCUSED)
    present = record(person, source, kind=DutyKind.ATTENDED, actor=secretariat, reason="补签到")
    excused.refresh_from_db()
    assert excused.voided_at is not None
    reversal = excused.reversal
    assert reversal.quantity == -excused.quantity and reversal.recorded_by == secretariat
    standing = DutyEntry.objects.filter(member=person).standing()
    assert list(standing) == [present]
    # Signed sum over every row equals the standing total: nothing is counted twice.
    total = sum(e.quantity for e in DutyEntry.objects.filter(member=person, kind=DutyKind.EXCUSED))
    assert total == 0


def test_ledger_reads_as_of_a_cutoff(person, source):
    before = timezone.now()
    excused = record(person, source, kind=DutyKind.EXCUSED)
    between = timezone.now()
    record(person, source, kind=DutyKind.ATTENDED)
    entries = DutyEntry.objects.filter(member=person)
    assert list(entries.as_of(before)) == []
    assert [e.kind for e in entries.as_of(between)] == [DutyKind.EXCUSED]
    assert [e.kind for e in entries.as_of(timezone.now())] == [DutyKind.ATTENDED]
    assert excused.pk in entries.values_list("pk", flat=True)  # nothing deleted


def test_different_groups_of_one_source_coexist(person, source):
    record(person, source, kind=DutyKind.ATTENDED)
    record(person, source, kind=DutyKind.SPEECH)
    assert DutyEntry.objects.standing().filter(member=person).count() == 2


def test_void_appends_a_reversal_and_is_idempotent(person, source):
    entry = duty_record(member=person, kind=DutyKind.PROPOSAL_FILED, title="关于茶叶产业的提案", duty_date=DAY,
                        source=source, quantity=Decimal("0.5"))
    reversal = duty_void(member=person, source=source, kind=DutyKind.PROPOSAL_FILED, reason="撤案")
    assert reversal.reverses == entry and reversal.quantity == Decimal("-0.5")
    assert duty_void(member=person, source=source, kind=DutyKind.PROPOSAL_FILED, reason="撤案") is None
    assert DutyEntry.objects.standing().count() == 0


def test_database_refuses_two_standing_entries_for_one_slot(person, source):
    entry = record(person, source)
    with pytest.raises(IntegrityError), transaction.atomic():
        DutyEntry.objects.create(
            committee=entry.committee, member=person, duty_date=DAY, kind=DutyKind.ABSENT,
            kind_group="attendance", title="x", source_type=entry.source_type, source_id=entry.source_id,
            recorded_at=timezone.now(),
        )


def test_ledger_admin_refuses_add_edit_delete_even_to_superusers(client, administrator, person, source):
    entry = record(person, source)
    client.force_login(administrator)
    assert client.get("/admin/duty_ledger/").status_code == 200
    assert client.get(f"/admin/duty_ledger/inspect/{entry.pk}/").status_code == 200
    for url in ("/admin/duty_ledger/new/", f"/admin/duty_ledger/edit/{entry.pk}/", f"/admin/duty_ledger/delete/{entry.pk}/"):
        assert client.get(url).status_code == 302, url
    response = client.post(f"/admin/duty_ledger/edit/{entry.pk}/", {"title": "changed"})
    entry.refresh_from_db()
    assert entry.title == "九届五次全体会议" and response.status_code == 302
