"""Two web instances share one Redis and one PostgreSQL: a publish through one is fresh on the other at once.

Instance A is this test process (Django's test client); instance B is a real gunicorn started on
127.0.0.1:8008 against the same test database and the same Redis database. Needs PostgreSQL
(DATABASE_URL=postgres://...) and Redis (REDIS_TEST_URL, default redis://127.0.0.1:6379/3);
skips with the reason otherwise. ``.ci/run`` provides both.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article

REDIS_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/3")
PORT = int(os.environ.get("SECOND_INSTANCE_PORT", "8008"))
HOST = "testserver"
ROOT = Path(django_settings.BASE_DIR)
BIN = Path(sys.executable).parent


def _redis_ready():
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
        return True
    except Exception:
        return False


pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="needs PostgreSQL shared by two processes: set DATABASE_URL=postgres://... (.ci/run does)",
    ),
    pytest.mark.skipif(not _redis_ready(), reason=f"needs Redis at {REDIS_URL} (.ci/run starts it)"),
    pytest.mark.skipif(
        shutil.which("gunicorn", path=str(Path(os.sys.executable).parent)) is None, reason="no gunicorn"
    ),
]


def _get(path):
    """GET through instance B: (status, headers, body)."""
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", headers={"Host": HOST})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback only
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@pytest.fixture
def shared_cache(settings):
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    settings.PAGE_CACHE_SECONDS = 300
    settings.ALLOWED_HOSTS = [HOST, "127.0.0.1"]
    yield
    redis.Redis.from_url(REDIS_URL).flushdb()


@pytest.fixture
def second_instance(shared_cache, tmp_path):
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", PORT)) == 0:
            pytest.skip(f"port {PORT} is busy")
    db = connection.settings_dict
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": REDIS_URL,
        "PAGE_CACHE_SECONDS": "300",
        "CONN_MAX_AGE": "0",
        "ALLOWED_HOSTS": f"{HOST},127.0.0.1",
    }
    log = tmp_path / "access.log"
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "newsroom.wsgi:application",
            "--config",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "1",
            "--access-logfile",
            str(log),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                if _get("/healthz")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        else:
            pytest.fail("the second instance did not answer /healthz")
        yield log
    finally:
        process.terminate()
        process.wait(timeout=10)


# Committed rows (the second process must see them); serialized_rollback restores the groups and
# content types afterwards, as the other transactional tests of the suite expect.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_publish_through_one_instance_is_fresh_on_the_other_at_once(client, second_instance):
    make_article(headline_ky="Биринчи кабар")
    draft = make_article(headline_ky="Чүйдө суу түтүгү оңдолду", status=Article.Status.DRAFT)

    # B renders and caches the home page; A then reads B's copy from the shared cache.
    status, headers, body = _get("/ky/")
    assert (status, headers["X-Page-Cache"]) == (200, "miss")
    assert _get("/ky/")[1]["X-Page-Cache"] == "hit"
    from_a = client.get("/ky/", HTTP_HOST=HOST)
    assert from_a["X-Page-Cache"] == "hit"
    assert "Чүйдө суу түтүгү" not in from_a.content.decode()

    # Publish through A (its own transaction commits): B's very next answer is fresh.
    draft.status = Article.Status.PUBLISHED
    draft.published_at = timezone.now()
    draft.save()
    status, headers, body = _get("/ky/")
    assert (status, headers["X-Page-Cache"]) == (200, "miss")
    assert "Чүйдө суу түтүгү оңдолду" in body
    story_status, _headers, _body = _get(draft.get_absolute_url("ky"))
    assert story_status == 200

    # Unpublish through A: B stops showing the story at once.
    draft.status = Article.Status.DRAFT
    draft.save()
    assert _get(draft.get_absolute_url("ky"))[0] == 404
    assert "Чүйдө суу түтүгү" not in _get("/ky/")[2]

    # One access-log line per request, with its status and time.
    lines = second_instance.read_text().splitlines()
    assert any('"GET /ky/ HTTP/1.1" 200 ' in line and line.endswith("ms") for line in lines)
