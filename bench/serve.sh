#!/usr/bin/env bash
# Our side of ../shared/perf/compare.sh, with the peer's parity rules: gunicorn with 2 sync workers,
# DEBUG off, SQLite, CONN_MAX_AGE=60, the reference story imported and N generated stories.
#   bench/serve.sh start [N]   # fresh database with N bench stories (default 10) + the reference story
#   bench/serve.sh stop
# Env: GUNICORN_PORT [8006]  PAGE_CACHE_SECONDS [0: uncached]  RUN_DIR [/tmp/newsroom-bench]
#      DATABASE_URL [sqlite:///$RUN_DIR/bench.sqlite3]  REDIS_URL [unset: local-memory cache]
# Prints the reference story's URL last.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
RUN_DIR="${RUN_DIR:-/tmp/newsroom-bench}"
GUNICORN_PORT="${GUNICORN_PORT:-8006}"
SEED="${SEED:-../shared/fixtures/collegium-report.txt}"
mkdir -p "$RUN_DIR"
export DEBUG=0 SECRET_KEY="${SECRET_KEY:-bench-only-not-a-secret-$(hostname)-0123456789abcdefghij}"
export ALLOWED_HOSTS="127.0.0.1,localhost" SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 CONN_MAX_AGE=60
export DATABASE_URL="${DATABASE_URL:-sqlite:///$RUN_DIR/bench.sqlite3}"
export PAGE_CACHE_SECONDS="${PAGE_CACHE_SECONDS:-0}" WEB_CONCURRENCY=2
export GUNICORN_ACCESS_LOG="${GUNICORN_ACCESS_LOG:-$RUN_DIR/access.log}"

stop() {
  local f="$RUN_DIR/gunicorn.pid"
  if [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; then
    kill -TERM "$(cat "$f")"
    for _ in $(seq 1 40); do kill -0 "$(cat "$f" 2>/dev/null)" 2>/dev/null || break; sleep 0.25; done
  fi
  rm -f "$f"
}

case "${1:-start}" in
  start)
    stop
    if [[ "$DATABASE_URL" == sqlite:///* ]]; then rm -f "${DATABASE_URL#sqlite:///}"; fi
    "$PY" manage.py migrate --noinput -v 0
    "$PY" manage.py collectstatic --noinput -v 0
    "$PY" manage.py bench_fill "${2:-10}" >&2
    url="$("$PY" manage.py import_story "$SEED" --language ky --publish | tail -1)"
    GUNICORN_BIND="127.0.0.1:$GUNICORN_PORT" .venv/bin/gunicorn newsroom.wsgi:application --config gunicorn.conf.py \
      --daemon --pid "$RUN_DIR/gunicorn.pid" --error-logfile "$RUN_DIR/error.log"
    for _ in $(seq 1 80); do
      [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$GUNICORN_PORT$url" || true)" = 200 ] && break
      sleep 0.25
    done
    echo "http://127.0.0.1:$GUNICORN_PORT$url"
    ;;
  stop) stop ;;
  *) sed -n '2,9p' "$0"; exit 2 ;;
esac
