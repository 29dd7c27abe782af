"""How long after a publish commits do readers see it through nginx's micro-cache and the page cache?

    .venv/bin/python bench/publish_latency.py http://127.0.0.1:8007/ky/ [ROUNDS]

Run with the same DATABASE_URL / REDIS_URL / settings as the server (bench/README.md). Each round
publishes a new story (its own transaction, like the admin's save), then polls the home page
through nginx every 20 ms until the headline shows; prints each delay and the worst, in ms.
"""

import http.client
import os
import random
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

from articles.models import Article  # noqa: E402


def fetch(url):
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=5)
    try:
        connection.request("GET", parts.path or "/")
        return connection.getresponse().read().decode()
    finally:
        connection.close()


def main(url, rounds=5):
    if not url.startswith(("http://127.", "http://localhost")):
        sys.exit("loopback URLs only")
    delays = []
    for n in range(rounds):
        fetch(url)  # the old page is in both caches now
        headline = f"Шашылыш кабар {time.time_ns()}"
        Article.objects.create(
            headline_ky=headline, lead_ky="Лид.", status=Article.Status.PUBLISHED, published_at=timezone.now()
        )
        start = time.monotonic()
        while headline not in fetch(url):
            if time.monotonic() - start > 10:
                sys.exit(f"round {n + 1}: not visible after 10 s")
            time.sleep(0.02)
        delays.append((time.monotonic() - start) * 1000)
        print(f"round {n + 1}: visible after {delays[-1]:.0f} ms")
        # A random pause, so that publishes fall at every phase of the micro-cache's half-second slots.
        time.sleep(1.2 + random.random())  # noqa: S311  # nosec B311 - timing jitter, not security
    print(f"worst {max(delays):.0f} ms, median {sorted(delays)[len(delays) // 2]:.0f} ms over {rounds} publishes")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5)
