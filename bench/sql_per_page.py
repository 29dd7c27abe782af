"""Print the SQL queries each public page costs, cold page cache, at the database's current size.

    DATABASE_URL=sqlite:////tmp/newsroom-bench/bench.sqlite3 .venv/bin/python bench/sql_per_page.py

Uses Django's test client in-process with the page cache off (PAGE_CACHE_SECONDS=0).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ["PAGE_CACHE_SECONDS"] = "0"
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.models import Article  # noqa: E402

client = Client(HTTP_HOST="127.0.0.1")
story = Article.objects.published().filter(slug_ky__startswith="bench-").order_by("-published_at").first()
pages = {
    "story": story.get_absolute_url("ky"),
    "home": "/ky/",
    "section": "/ky/section/bench-section-1/",
    "tag": "/ky/tag/bench-tag-1/",
    "author": "/ky/authors/bench-author-1/",
    "feed": "/ky/feed/",
}
print(f"{Article.objects.published().count()} public stories")
for name, path in pages.items():
    client.get(path)  # per-process caches (templates, content types) warm, as on a running server
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    print(f"{name:8} {status} {len(queries):2} queries  {path}")
