"""On PostgreSQL the database itself keeps the audit log append-only: raw SQL cannot change or delete a
row; only the retention purge's transaction may delete, and only rows older than six months."""

import datetime

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from cppcc import audit
from cppcc.models import AuditAction, AuditEvent
from tests import factories

pytestmark = pytest.mark.integration


def _aged(days):
    return AuditEvent.objects.create(at=timezone.now() - datetime.timedelta(days=days), action=AuditAction.EXPORT,
                                     detail=f"{days} days old")


def _sql(statement, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, params)


@pytest.mark.django_db
def test_raw_sql_can_neither_update_nor_delete():
    event = _aged(400)
    with pytest.raises(DatabaseError, match="never changed"):
        _sql("UPDATE cppcc_auditevent SET detail = 'forged' WHERE id = %s", [event.pk])
    with pytest.raises(DatabaseError, match="retention purge"):
        _sql("DELETE FROM cppcc_auditevent WHERE id = %s", [event.pk])
    with pytest.raises(DatabaseError, match="never changed"):  # the actor cannot be swapped either
        _sql("UPDATE cppcc_auditevent SET actor_name = 'someone else' WHERE id = %s", [event.pk])
    event.refresh_from_db()
    assert event.detail == "400 days old"


@pytest.mark.django_db
def test_the_purge_flag_opens_delete_only_for_rows_older_than_six_months():
    young, old = _aged(100), _aged(400)
    with pytest.raises(DatabaseError, match="retention purge"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL cppcc.audit_purge = 'on'")
            cursor.execute("DELETE FROM cppcc_auditevent WHERE id = %s", [young.pk])
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL cppcc.audit_purge = 'on'")
        cursor.execute("DELETE FROM cppcc_auditevent WHERE id = %s", [old.pk])
    # SET LOCAL ended with its transaction: the next delete is refused again.
    with pytest.raises(DatabaseError, match="retention purge"):
        _sql("DELETE FROM cppcc_auditevent WHERE id = %s", [young.pk])
    assert list(AuditEvent.objects.filter(pk__in=[young.pk, old.pk]).values_list("pk", flat=True)) == [young.pk]


@pytest.mark.django_db
def test_the_purge_task_deletes_through_the_trigger(settings):
    settings.AUDIT_RETENTION_DAYS = 365
    young, old = _aged(300), _aged(400)
    assert audit.purge() == 1
    assert AuditEvent.objects.filter(pk=young.pk).exists() and not AuditEvent.objects.filter(pk=old.pk).exists()


@pytest.mark.django_db
def test_deleting_an_account_keeps_its_events_by_name():
    user = factories.user("leaving")
    event = audit.record(AuditAction.EXPORT, actor=user, detail="before leaving")
    user.delete()  # Django's SET_NULL empties the foreign key: the one update the trigger lets through
    event.refresh_from_db()
    assert (event.actor_id, event.actor_name, event.detail) == (None, "leaving", "before leaving")
