#!/usr/bin/env bash
# Run deploy/nginx.conf with Debian's nginx, without Docker: listen on 127.0.0.1:$NGINX_PORT, proxy to
# the gunicorn instances in $UPSTREAMS, serve static and media from this checkout.
#   bench/nginx-local.sh start|stop
# Env: NGINX_PORT [8007]  UPSTREAMS ["127.0.0.1:8006"]  RUN_DIR [/tmp/newsroom-bench]
#      STATIC_ROOT [./staticfiles]  MEDIA_ROOT [./media]
set -euo pipefail
cd "$(dirname "$0")/.."
NGINX_PORT="${NGINX_PORT:-8007}"
UPSTREAMS="${UPSTREAMS:-127.0.0.1:8006}"
RUN_DIR="${RUN_DIR:-/tmp/newsroom-bench}"
STATIC_ROOT="${STATIC_ROOT:-$PWD/staticfiles}"
MEDIA_ROOT="${MEDIA_ROOT:-$PWD/media}"
NGX="$RUN_DIR/nginx"
# Debian installs nginx in /usr/sbin, which a normal user's PATH lacks.
PATH="$PATH:/usr/sbin:/sbin"
command -v nginx >/dev/null || { echo "nginx not found (apt-get install nginx)" >&2; exit 2; }

stop() {
  if [ -f "$NGX/nginx.pid" ] && kill -0 "$(cat "$NGX/nginx.pid")" 2>/dev/null; then
    kill -QUIT "$(cat "$NGX/nginx.pid")"
    for _ in $(seq 1 20); do kill -0 "$(cat "$NGX/nginx.pid" 2>/dev/null)" 2>/dev/null || break; sleep 0.25; done
  fi
}

case "${1:-start}" in
  start)
    stop
    mkdir -p "$NGX/tmp" "$NGX/cache"
    servers=""
    for u in $UPSTREAMS; do servers="$servers server $u;"; done
    # The same server block as production; only the lines marked "local:" change.
    sed -e "s|^proxy_cache_path /var/cache/nginx/micro |proxy_cache_path $NGX/cache |" \
        -e "s|server web:8000;  # local: upstreams|$servers|" \
        -e "s|listen 80;  # local: listen|listen 127.0.0.1:$NGINX_PORT;|" \
        -e "s|alias /srv/static/;  # local: static|alias $STATIC_ROOT/;|" \
        -e "s|alias /srv/media/;  # local: media|alias $MEDIA_ROOT/;|" \
        deploy/nginx.conf > "$NGX/site.conf"
    cat > "$NGX/nginx.conf" <<CONF
worker_processes 2;
pid $NGX/nginx.pid;
error_log $NGX/error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    client_body_temp_path $NGX/tmp/client;
    proxy_temp_path $NGX/tmp/proxy;
    fastcgi_temp_path $NGX/tmp/fastcgi;
    uwsgi_temp_path $NGX/tmp/uwsgi;
    scgi_temp_path $NGX/tmp/scgi;
    include $NGX/site.conf;
}
CONF
    nginx -t -q -p "$NGX" -c "$NGX/nginx.conf" -e "$NGX/error.log"
    nginx -p "$NGX" -c "$NGX/nginx.conf" -e "$NGX/error.log"
    echo "nginx http://127.0.0.1:$NGINX_PORT/ -> $UPSTREAMS (pid $(cat "$NGX/nginx.pid"))"
    ;;
  stop) stop ;;
  *) sed -n '2,6p' "$0"; exit 2 ;;
esac
