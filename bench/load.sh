#!/usr/bin/env bash
# Load every kind of public page of a running server with wrk and print req/s and latency per page.
#   bench/load.sh [BASE_URL]        (default http://127.0.0.1:8006, as started by bench/serve.sh)
# Env: THREADS [2] CONNS [32] DURATION [10] seconds per page. Loopback targets only.
set -euo pipefail
BASE="${1:-http://127.0.0.1:8006}"
THREADS="${THREADS:-2}" CONNS="${CONNS:-32}" DURATION="${DURATION:-10}"
[[ "$BASE" =~ ^http://(127\.[0-9.]+|localhost)(:[0-9]+)?$ ]] || { echo "loopback only: $BASE" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 2; }
story="$(curl -s "$BASE/ky/" | grep -o 'href="/ky/news/[^"]*"' | head -1 | cut -d'"' -f2)"
printf '%-45s %10s %9s %9s\n' page req/s p50 p99
for path in "$story" /ky/ /ky/section/bench-section-1/ /ky/tag/bench-tag-1/ /ky/authors/bench-author-1/ /ky/feed/; do
  code="$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path")"
  if [ "$code" != 200 ]; then printf '%-45s %10s\n' "$path" "HTTP $code"; continue; fi
  out="$(timeout $((DURATION + 30)) wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --latency "$BASE$path")"
  printf '%-45s %10s %9s %9s\n' "${path:0:45}" \
    "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    "$(awk '$1 == "50%" {print $2}' <<<"$out")" \
    "$(awk '$1 == "99%" {print $2}' <<<"$out")"
done
