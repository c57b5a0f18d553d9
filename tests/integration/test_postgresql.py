"""PostgreSQL-specific behaviour the services rely on: row locks serialise concurrent writers."""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from cppcc.models import Job

pytestmark = pytest.mark.integration


def test_the_database_is_postgresql():
    assert connection.vendor == "postgresql"


def _two_writers(pk, *, lock):
    """Two threads each add 1 to the row's counter at the same moment; returns the final value."""
    barrier = threading.Barrier(2, timeout=10)
    errors = []

    def add_one():
        try:
            if lock:
                barrier.wait()  # both ask for the lock together; one waits for the other's commit
            with transaction.atomic():
                rows = Job.objects.select_for_update() if lock else Job.objects.all()
                job = rows.get(pk=pk)
                if not lock:
                    barrier.wait()  # both have read the same value before either writes
                time.sleep(0.2)
                job.done += 1
                job.save(update_fields=["done"])
        except Exception as exc:  # reported by the test below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=add_one) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors, errors
    return Job.objects.get(pk=pk).done


@pytest.mark.django_db(transaction=True)
def test_select_for_update_keeps_both_increments():
    job = Job.objects.create(kind="cppcc.selftest", title="lock")
    assert _two_writers(job.pk, lock=True) == 2


@pytest.mark.django_db(transaction=True)
def test_without_the_lock_one_increment_is_lost():
    # Shows the test above can fail: the same race without FOR UPDATE loses an update.
    job = Job.objects.create(kind="cppcc.selftest", title="no lock")
    assert _two_writers(job.pk, lock=False) == 1
