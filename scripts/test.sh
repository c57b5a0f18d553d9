#!/usr/bin/env bash
# Runs every test suite this machine can run (`make test` calls it after setting up .venv):
#   1. the whole suite on SQLite, tasks eager (tests/integration and tests/e2e aside);
#   2. where PostgreSQL and Redis answer: the same suite on PostgreSQL, then tests/integration/
#      on PostgreSQL with Redis and a real Celery worker;
#   3. where Chromium is installed: tests/e2e/ in Chromium (SQLite, live server).
# With CI=true a missing PostgreSQL, Redis or Chromium fails the run instead of skipping.
# Closes with one line "N passed, M failed" summed over the runs; exits non-zero if any run
# failed or no test ran. Extra arguments go to every pytest run.
#
# Environment:
#   CPPCC_TEST_DATABASE_URL  PostgreSQL URL; the role needs CREATEDB (pytest creates test_<name>)
#                            default postgres://cppcc:cppcc-test-pw@127.0.0.1:5432/cppcc
#   CPPCC_TEST_REDIS_URL     Redis for the integration run, default redis://127.0.0.1:6379/13
#   CPPCC_CHROMIUM           the browser for tests/e2e, default /usr/bin/chromium
#   CPPCC_TEST_WORKERS       pytest-xdist workers for the SQLite and PostgreSQL suites, default auto
#                            (one per CPU); 0 runs them in this process (easier to read a failure)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY=.venv/bin/python
if [ ! -x "$PY" ]; then
  echo "error: $PY is missing; run 'make test', which creates .venv first" >&2
  exit 2
fi

case "${CI:-}" in
  [Tt][Rr][Uu][Ee] | 1 | [Yy][Ee][Ss]) STRICT=1 ;;
  *) STRICT=0 ;;
esac

PG_URL=${CPPCC_TEST_DATABASE_URL:-postgres://cppcc:cppcc-test-pw@127.0.0.1:5432/cppcc}
REDIS_URL=${CPPCC_TEST_REDIS_URL:-redis://127.0.0.1:6379/13}
CHROMIUM=${CPPCC_CHROMIUM:-/usr/bin/chromium}
RESULTS=var/test-results
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

# Every run starts from the embedded default whatever the shell or a .env says (settings read .env
# without overwriting variables that are set, even to ""; empty means unset there).
BASE_ENV=(
  DJANGO_SETTINGS_MODULE=cppcc.settings.test
  DATABASE_URL=
  CELERY_BROKER_URL=
  CELERY_RESULT_BACKEND=
  CELERY_TASK_ALWAYS_EAGER=true
  DJANGO_ALLOW_ASYNC_UNSAFE=true
  PYTHONDONTWRITEBYTECODE=1
)

FAILED_RUNS=()
NOTES=()
TIMINGS=()

# run_suite NAME [VAR=value ...] -- pytest arguments
run_suite() {
  local name=$1
  shift
  local extra_env=()
  while [ "$1" != "--" ]; do
    extra_env+=("$1")
    shift
  done
  shift
  echo
  echo "==== $name: pytest $*"
  local start=$SECONDS rc=0
  env "${BASE_ENV[@]}" "${extra_env[@]}" "$PY" -m pytest -q --junitxml="$RESULTS/$name.xml" "$@" "${EXTRA_ARGS[@]}" || rc=$?
  local took=$((SECONDS - start))
  TIMINGS+=("$name: ${took}s (exit $rc)")
  if [ "$rc" -eq 5 ]; then
    echo "==== $name: FAILED: no test was collected"
    FAILED_RUNS+=("$name (no tests collected)")
  elif [ "$rc" -ne 0 ]; then
    echo "==== $name: FAILED (pytest exit $rc) in ${took}s"
    FAILED_RUNS+=("$name (exit $rc)")
  else
    echo "==== $name: passed in ${took}s"
  fi
}

# missing WHAT: a service or browser is absent; fatal under CI, a skip otherwise.
missing() {
  if [ "$STRICT" -eq 1 ]; then
    echo "==== FAILED: $1 (CI=true: the suites that need it must run)"
    FAILED_RUNS+=("$1")
  else
    echo "==== skipped: $1"
    NOTES+=("skipped: $1")
  fi
}

EXTRA_ARGS=("$@")
UNIT_ARGS=(--ignore=tests/integration --ignore=tests/e2e -n "${CPPCC_TEST_WORKERS:-auto}")

# 1. SQLite, tasks eager.
run_suite sqlite -- "${UNIT_ARGS[@]}"

# 2. PostgreSQL + Redis.
pg_problem=$("$PY" - "$PG_URL" <<'EOF' || true
import socket, sys
from urllib.parse import urlsplit
url = urlsplit(sys.argv[1])
host, port = url.hostname or "127.0.0.1", url.port or 5432
try:
    socket.create_connection((host, port), timeout=3).close()
except OSError as exc:
    print(f"PostgreSQL not reachable at {host}:{port} ({exc.strerror or exc})")
    sys.exit(0)
import psycopg
hint = ("create it as .ci/run does: CREATE ROLE cppcc WITH LOGIN CREATEDB PASSWORD 'cppcc-test-pw'; "
        "CREATE DATABASE cppcc OWNER cppcc; or set CPPCC_TEST_DATABASE_URL")
try:
    # pytest-django creates test_<name> from the "postgres" maintenance database, as Django does.
    with psycopg.connect(sys.argv[1], dbname="postgres", connect_timeout=5) as conn:
        can_create = conn.execute("SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()[0]
except Exception as exc:
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    print(f"PostgreSQL at {host}:{port} refuses the test role ({first}); {hint}")
else:
    if not can_create:
        print(f"the PostgreSQL role of {url.username}@{host}:{port} lacks CREATEDB (pytest creates test_<name>); {hint}")
EOF
)
redis_problem=$("$PY" - "$REDIS_URL" <<'EOF' || true
import sys
import redis
try:
    redis.Redis.from_url(sys.argv[1], socket_connect_timeout=3, socket_timeout=3).ping()
except Exception as exc:
    print(f"Redis not reachable at {sys.argv[1]} ({exc})")
EOF
)
if [ -z "$pg_problem" ] && [ -z "$redis_problem" ]; then
  run_suite postgresql DATABASE_URL="$PG_URL" -- "${UNIT_ARGS[@]}"
  run_suite integration DATABASE_URL="$PG_URL" CELERY_BROKER_URL="$REDIS_URL" \
    CELERY_RESULT_BACKEND="$REDIS_URL" CELERY_TASK_ALWAYS_EAGER=false CPPCC_REQUIRE_SERVICES=1 \
    -- tests/integration
else
  if [ -n "$pg_problem" ]; then missing "$pg_problem: the PostgreSQL and integration suites did not run"; fi
  if [ -n "$redis_problem" ]; then missing "$redis_problem: the PostgreSQL and integration suites did not run"; fi
fi

# 3. Chromium.
if [ -x "$CHROMIUM" ]; then
  run_suite e2e CPPCC_CHROMIUM="$CHROMIUM" CPPCC_REQUIRE_BROWSER=1 -- tests/e2e
else
  missing "Chromium not found at $CHROMIUM (apt-get install chromium fonts-wqy-microhei): tests/e2e did not run"
fi

echo
echo "==== timings"
printf '  %s\n' "${TIMINGS[@]}"
for note in "${NOTES[@]+"${NOTES[@]}"}"; do echo "  $note"; done

# Sum the JUnit reports of the runs; a run that wrote none (pytest crashed) counts as one failure.
read -r passed failed skipped <<<"$("$PY" - "$RESULTS" <<'EOF'
import pathlib, sys
import xml.etree.ElementTree as ET
passed = failed = skipped = 0
for report in sorted(pathlib.Path(sys.argv[1]).glob("*.xml")):
    root = ET.parse(report).getroot()
    suites = [root] if root.tag == "testsuite" else root.iter("testsuite")
    for s in suites:
        tests, fails, errors, skips = (int(s.get(k, 0)) for k in ("tests", "failures", "errors", "skipped"))
        passed += tests - fails - errors - skips
        failed += fails + errors
        skipped += skips
print(passed, failed, skipped)
EOF
)"
for name in "${TIMINGS[@]}"; do
  name=${name%%:*}
  [ -f "$RESULTS/$name.xml" ] || failed=$((failed + 1))
done

status=0
if [ "${#FAILED_RUNS[@]}" -gt 0 ]; then
  echo "==== failed: $(IFS=';'; echo "${FAILED_RUNS[*]}" | sed 's/;/; /g')"
  status=1
fi
if [ "$passed" -eq 0 ]; then
  echo "==== FAILED: no test passed"
  status=1
fi
if [ "$skipped" -gt 0 ]; then echo "==== $skipped tests skipped"; fi
echo "$passed passed, $failed failed"
exit "$status"
