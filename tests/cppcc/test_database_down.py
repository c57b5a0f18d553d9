"""A database that refuses connections: a Chinese 503 page and one clear log line, never a bare
"Server Error (500)"; any other crash: the plain Chinese 500 page. Both render without the database."""

import os
import socket
import subprocess
import sys
from pathlib import Path

from django.db import OperationalError
from django.test import RequestFactory

from cppcc.errors import database_failure, server_error

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import django
django.setup()
from django.test import Client
anonymous = Client(raise_request_exception=False)
signed_in = Client(raise_request_exception=False)
signed_in.cookies["sessionid"] = "s" * 32  # reading the session reads the database
for client, method, path in ((anonymous, "get", "/"), (signed_in, "get", "/portal/"),
                             (anonymous, "post", "/accounts/login/")):
    response = getattr(client, method)(path, {"username": "a", "password": "b"} if method == "post" else None)
    body = response.content.decode()
    print("RESULT", path, response.status_code, "数据库暂时无法连接" in body, response.get("Retry-After"), flush=True)
"""


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the socket closes: connections are refused


def test_a_refused_database_gives_a_chinese_503_page_and_one_log_line():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cppcc.settings.production",
        "DJANGO_SECRET_KEY": "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"postgres://cppcc:pw@127.0.0.1:{closed_port()}/cppcc",
        "CELERY_BROKER_URL": "redis://127.0.0.1:1/0",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "LOG_LEVEL": "INFO",
    }
    run = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    results = [line.split() for line in run.stdout.splitlines() if line.startswith("RESULT")]
    assert run.returncode == 0, run.stderr[-3000:]
    assert [r[1:] for r in results] == [
        [path, "503", "True", "60"] for path in ("/", "/portal/", "/accounts/login/")
    ]
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    down = [line for line in lines if line.startswith("database unavailable: ")]
    assert len(down) == 3 and "127.0.0.1" in down[0]
    assert "Traceback" not in run.stderr  # one line per request, not a traceback


def test_another_crash_gets_the_plain_chinese_500_page(rf: RequestFactory):
    request = rf.get("/")
    try:
        raise ValueError("boom")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500
    assert "系统出错了" in response.content.decode()


def test_a_database_error_wrapped_in_another_is_still_recognised():
    try:
        try:
            raise OperationalError("connection refused")
        except OperationalError as exc:
            raise RuntimeError("while rendering") from exc
    except RuntimeError as outer:
        assert isinstance(database_failure(outer), OperationalError)
    assert database_failure(ValueError("x")) is None
