#!/usr/bin/env bash
# Two web instances on two loopback ports sharing one PostgreSQL and one Redis: the docker-compose
# topology (web scaled to 2) without Docker. Each instance is gunicorn with WEB_CONCURRENCY workers.
#
#   scripts/two_instances.sh start   # migrate once, then start both; prints their URLs
#   scripts/two_instances.sh status
#   scripts/two_instances.sh stop    # stops only the two gunicorns it started (by PID file)
#
# Environment (defaults in brackets):
#   DATABASE_URL  [postgres://postgres@127.0.0.1:5432/newsroom]   REDIS_URL [redis://127.0.0.1:6379/0]
#   PORTS ["8004 8005"]   WEB_CONCURRENCY [2]   RUN_DIR [/tmp/newsroom-instances]
#   DEBUG [0]  SECRET_KEY [a random one, shared by both]  ALLOWED_HOSTS [127.0.0.1,localhost]
# Plain HTTP on loopback: SSL redirect and secure cookies are off unless set.
set -euo pipefail
cd "$(dirname "$0")/.."

PY="${PYTHON:-.venv/bin/python}"
GUNICORN="${GUNICORN:-$(dirname "$PY")/gunicorn}"
RUN_DIR="${RUN_DIR:-/tmp/newsroom-instances}"
PORTS="${PORTS:-8004 8005}"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/newsroom}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export DEBUG="${DEBUG:-0}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
export SECURE_SSL_REDIRECT="${SECURE_SSL_REDIRECT:-0}" SECURE_COOKIES="${SECURE_COOKIES:-0}"
export WEB_CONCURRENCY="${WEB_CONCURRENCY:-2}"
mkdir -p "$RUN_DIR"
if [ -z "${SECRET_KEY:-}" ]; then
  [ -f "$RUN_DIR/secret" ] || "$PY" -c "import secrets; print(secrets.token_urlsafe(50))" > "$RUN_DIR/secret"
  SECRET_KEY="$(cat "$RUN_DIR/secret")"
fi
export SECRET_KEY

stop_one() {
  local f="$RUN_DIR/web-$1.pid" pid
  [ -f "$f" ] || return 0
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  fi
  rm -f "$f"
}

wait_up() {
  for _ in $(seq 1 80); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$1/healthz" || true)" = 200 ] && return 0
    sleep 0.25
  done
  return 1
}

case "${1:-start}" in
  start)
    "$PY" manage.py migrate --noinput -v 0   # once, before any instance serves
    [ "$DEBUG" = 0 ] && "$PY" manage.py collectstatic --noinput -v 0
    for port in $PORTS; do
      stop_one "$port"
      GUNICORN_BIND="127.0.0.1:$port" "$GUNICORN" newsroom.wsgi:application --config gunicorn.conf.py \
        --daemon --pid "$RUN_DIR/web-$port.pid" \
        --access-logfile "$RUN_DIR/web-$port.access.log" --error-logfile "$RUN_DIR/web-$port.error.log"
    done
    for port in $PORTS; do
      wait_up "$port" || { echo "instance on $port did not become healthy; see $RUN_DIR/web-$port.error.log" >&2; exit 1; }
      echo "http://127.0.0.1:$port/  (pid $(cat "$RUN_DIR/web-$port.pid"), logs $RUN_DIR/web-$port.*.log)"
    done
    ;;
  stop)
    for port in $PORTS; do stop_one "$port"; done
    ;;
  status)
    for port in $PORTS; do
      f="$RUN_DIR/web-$port.pid"
      if [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; then echo "$port: running, pid $(cat "$f")"; else echo "$port: stopped"; fi
    done
    ;;
  *) sed -n '2,14p' "$0"; exit 2 ;;
esac
