#!/usr/bin/env bash
# Production smoke (`make prod-smoke`; not part of `make test`): the production settings on loopback.
# A fresh PostgreSQL database (migrate, the demo, collectstatic), gunicorn, a Celery worker and beat
# against Redis; then a bounded burst over real HTTP (members × filings through the portal forms,
# listings, one summary export through the worker); asserts no 5xx/errors, every filing stored,
# receipt numbers gap-free and the export SUCCEEDED, and prints the figures; then, with the servers
# stopped, backup -> drop the schema and the files -> restore, and the statistics, rows per table and
# file checksums must be equal. Everything it started
# is stopped by PID and the smoke database dropped, whatever happens.
#
# Environment (defaults in brackets):
#   SMOKE_DATABASE_URL  [postgres://cppcc:cppcc-test-pw@127.0.0.1:5432/cppcc_smoke] dropped and re-created
#   SMOKE_REDIS_URL     [redis://127.0.0.1:6379/12]
#   SMOKE_MEMBERS [20]  SMOKE_FILINGS [5] per member   SMOKE_CONCURRENCY [8]   SMOKE_WORKERS [2] gunicorn
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY=$PWD/.venv/bin/python

DB_URL=${SMOKE_DATABASE_URL:-postgres://cppcc:cppcc-test-pw@127.0.0.1:5432/cppcc_smoke}
REDIS_URL=${SMOKE_REDIS_URL:-redis://127.0.0.1:6379/12}
MEMBERS=${SMOKE_MEMBERS:-20}
FILINGS=${SMOKE_FILINGS:-5}
CONCURRENCY=${SMOKE_CONCURRENCY:-8}
WORKERS=${SMOKE_WORKERS:-2}
VAR=$PWD/var/smoke
rm -rf "$VAR" && mkdir -p "$VAR"
DB_NAME=${DB_URL##*/}
ADMIN_URL=${DB_URL%/*}/postgres
PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

export DJANGO_SETTINGS_MODULE=cppcc.settings.production
export DJANGO_SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(64))')
export DJANGO_ALLOWED_HOSTS=127.0.0.1
export DATABASE_URL=$DB_URL
export CELERY_BROKER_URL=$REDIS_URL CELERY_RESULT_BACKEND= CELERY_TASK_ALWAYS_EAGER=false
export PRIVATE_STORAGE_ROOT=$VAR/private DJANGO_STATIC_ROOT=$VAR/static DJANGO_MEDIA_ROOT=$VAR/media
export WAGTAILADMIN_BASE_URL=http://127.0.0.1:$PORT SMOKE_STATE=$VAR/state.json PYTHONUNBUFFERED=1

PIDS=()
cleanup() {
  local rc=$?
  for pid in "${PIDS[@]+"${PIDS[@]}"}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]+"${PIDS[@]}"}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
  "$PY" - "$ADMIN_URL" "$DB_NAME" <<'PYEOF' || true
import sys, psycopg
with psycopg.connect(sys.argv[1], autocommit=True) as c:
    c.execute(f'DROP DATABASE IF EXISTS "{sys.argv[2]}" WITH (FORCE)')
PYEOF
  echo "prod-smoke: stopped ${#PIDS[@]} processes, dropped $DB_NAME (exit $rc)"
  exit $rc
}
trap cleanup EXIT INT TERM

step() { echo "==== $(date +%H:%M:%S) $*"; }

step "fresh database $DB_NAME"
"$PY" - "$ADMIN_URL" "$DB_NAME" <<'PYEOF'
import sys, psycopg
with psycopg.connect(sys.argv[1], autocommit=True) as c:
    c.execute(f'DROP DATABASE IF EXISTS "{sys.argv[2]}" WITH (FORCE)')
    c.execute(f'CREATE DATABASE "{sys.argv[2]}"')
PYEOF
"$PY" -c "import redis, sys; redis.Redis.from_url(sys.argv[1]).flushdb()" "$REDIS_URL"
step "check --deploy, migrate, load_demo, collectstatic"
"$PY" manage.py check --deploy --fail-level WARNING
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py load_demo --quiet
"$PY" manage.py collectstatic --noinput -v0
"$PY" scripts/prod_smoke.py prepare "$MEMBERS"

step "gunicorn on 127.0.0.1:$PORT ($WORKERS workers), Celery worker and beat"
.venv/bin/gunicorn cppcc.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" --threads 4 \
  --timeout 120 --access-logfile "$VAR/access.log" --error-logfile "$VAR/gunicorn.log" &
PIDS+=($!)
"$PY" -m celery -A cppcc worker --pool=prefork --concurrency=2 -l info --without-gossip --without-mingle \
  -n "smoke-$$@%h" >"$VAR/worker.log" 2>&1 &
PIDS+=($!)
"$PY" -m celery -A cppcc beat -l info --schedule "$VAR/beat-schedule" --pidfile= >"$VAR/beat.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 120); do
  if "$PY" -c "import urllib.request, sys; urllib.request.urlopen(urllib.request.Request(sys.argv[1], headers={'X-Forwarded-Proto': 'https'}), timeout=5)" "http://127.0.0.1:$PORT/accounts/login/" 2>/dev/null; then break; fi
  sleep 0.5
done

step "burst: $MEMBERS members x $FILINGS filings, $CONCURRENCY at a time, plus listings and one export"
rc=0
"$PY" scripts/prod_smoke.py burst "http://127.0.0.1:$PORT" "$FILINGS" "$CONCURRENCY" || rc=1
step "verify"
"$PY" scripts/prod_smoke.py verify "$((MEMBERS * FILINGS))" 240 || rc=1
fives=$(awk '$9 ~ /^5/' "$VAR/access.log" | wc -l)
worker_errors=$(grep -c -E "ERROR|Traceback" "$VAR/worker.log" || true)
beat_ok=$(grep -c "beat: Starting" "$VAR/beat.log" || true)
worker_jobs=$(grep -c "cppcc.tasks.run_job\[.*\] succeeded" "$VAR/worker.log" || true)  # the export, on the worker
worker_tasks=$(grep -c "\] succeeded in" "$VAR/worker.log" || true)
echo "prod-smoke: $(wc -l <"$VAR/access.log") requests logged by gunicorn, $fives answered 5xx; worker: $worker_tasks tasks succeeded ($worker_jobs export job), $worker_errors errors; beat started: $beat_ok"
if [ "$fives" -ne 0 ] || [ "$worker_errors" -ne 0 ] || [ "$beat_ok" -eq 0 ] || [ "$worker_jobs" -ne 1 ]; then rc=1; fi

step "backup -> wipe -> restore of the smoke's data (gunicorn and the workers stopped first)"
for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
for pid in "${PIDS[@]}"; do while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done; done
"$PY" scripts/prod_smoke.py figures "$VAR/before.json"
"$PY" manage.py backup "$VAR/backup.tar.gz"
"$PY" - "$DB_URL" <<'PYEOF'
import sys, psycopg
with psycopg.connect(sys.argv[1], autocommit=True) as c:
    c.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
PYEOF
rm -rf "$PRIVATE_STORAGE_ROOT"
echo "wiped: schema public dropped, $PRIVATE_STORAGE_ROOT deleted"
"$PY" manage.py restore "$VAR/backup.tar.gz" --yes
"$PY" scripts/prod_smoke.py figures "$VAR/after.json"
if cmp -s "$VAR/before.json" "$VAR/after.json"; then
  echo "backup round trip: statistics, rows per table and file checksums equal"
else
  echo "backup round trip: figures DIFFER"; diff <(tr ',' '\n' <"$VAR/before.json") <(tr ',' '\n' <"$VAR/after.json") | head -20; rc=1
fi

if [ "$rc" -ne 0 ]; then
  echo "prod-smoke: FAILED (logs in $VAR)"; tail -n 20 "$VAR/gunicorn.log" "$VAR/worker.log" || true
else
  echo "prod-smoke: passed"
fi
exit $rc
