"""PostgreSQL, Redis and a real Celery worker (scripts/test.sh runs this directory with all three).

Without them (a bare `pytest`) these tests skip; CPPCC_REQUIRE_SERVICES=1 turns the skip into a
failure, so CI cannot pass by skipping. The worker is a separate process started once per session,
pointed at the test database pytest-django created, and stopped by its PID at the end.
"""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
LOG = ROOT / "var" / "test-results" / "celery-worker.log"
READY_TIMEOUT = 60


def _problems():
    from django.db import connection

    problems = []
    if connection.vendor != "postgresql":
        problems.append(f"the database is {connection.vendor}, not PostgreSQL (set DATABASE_URL)")
    if not (settings.CELERY_BROKER_URL or "").startswith("redis://"):
        problems.append("CELERY_BROKER_URL is not a Redis URL")
    if not settings.CELERY_RESULT_BACKEND:
        problems.append("CELERY_RESULT_BACKEND is not set (the ping round trip reads it)")
    if settings.CELERY_TASK_ALWAYS_EAGER:
        problems.append("CELERY_TASK_ALWAYS_EAGER is on")
    return problems


@pytest.fixture(autouse=True)
def _needs_services():
    problems = _problems()
    if problems:
        message = "integration tests need PostgreSQL, Redis and a worker: " + "; ".join(problems)
        if os.environ.get("CPPCC_REQUIRE_SERVICES") == "1":
            pytest.fail(message)
        pytest.skip(message)


def stop_process(proc):
    """Terminate a worker we started, then kill it if it does not go within 20 s."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _database_url(settings_dict):
    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(settings_dict.get("PASSWORD") or "", safe="")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or ""
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{auth}{host}{port}/{quote(settings_dict['NAME'], safe='')}"


def _log_tail(lines=40):
    try:
        return "\n".join(LOG.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no worker log)"


@pytest.fixture(scope="session")
def celery_worker(django_db_setup, django_db_blocker):
    """A real Celery worker (`--pool=solo`) on the test database; yields its Popen.

    It runs cppcc's app through tests/integration/worker_app.py, which forgets cached content types
    before each task (the tests' flushes recreate them under new ids)."""
    if _problems():
        pytest.skip("no PostgreSQL/Redis")  # _needs_services reports the reason
    from django.db import connection

    from cppcc.celery import app
    from cppcc.tasks import ping

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cppcc.settings.test",
        # The database pytest-django created (test_<name>), not the one DATABASE_URL names.
        "DATABASE_URL": _database_url(connection.settings_dict),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "CELERY_RESULT_BACKEND": settings.CELERY_RESULT_BACKEND,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "PYTHONUNBUFFERED": "1",
    }
    app.control.purge()  # tasks left in the queue by an interrupted run would refer to nothing
    LOG.parent.mkdir(parents=True, exist_ok=True)
    log = LOG.open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "tests.integration.worker_app", "worker", "--pool=solo", "-l", "info",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"cppcc-test-{os.getpid()}@%h"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
    )
    try:
        started = time.monotonic()
        result = ping.apply_async(("ready",), ignore_result=False)
        while not result.ready():
            if proc.poll() is not None:
                pytest.fail(f"the Celery worker exited with {proc.returncode}:\n{_log_tail()}")
            if time.monotonic() - started > READY_TIMEOUT:
                pytest.fail(f"the Celery worker did not answer a ping in {READY_TIMEOUT}s:\n{_log_tail()}")
            time.sleep(0.2)
        assert result.get(timeout=5) == "ready"
        sys.stderr.write(f"\nCelery worker {proc.pid} ready in {time.monotonic() - started:.1f}s\n")
        yield proc
    finally:
        stop_process(proc)
        log.close()
        # pytest-django drops the test database next; PostgreSQL refuses while a session is open.
        with django_db_blocker.unblock():
            deadline = time.monotonic() + 10
            with connection.cursor() as cursor:
                while time.monotonic() < deadline:
                    cursor.execute(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                        "AND pid <> pg_backend_pid()"
                    )
                    if cursor.fetchone()[0] == 0:
                        break
                    time.sleep(0.2)
