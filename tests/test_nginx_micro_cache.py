"""nginx's micro-cache in front of Django (deploy/nginx.conf, run by bench/nginx-local.sh): readers
get a copy for half a second at most, so a publish shows in the next half-second slot; anyone with
a session (an editor) always goes to Django.

Needs Debian's nginx (``apt-get install nginx``); skips with that reason otherwise. Django is
pytest-django's live server, with the page cache off (tests/conftest.py), so every answer that
reaches Django is fresh: what these tests see is nginx's cache alone.
"""

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from tests.factories import make_article

ROOT = Path(django_settings.BASE_DIR)
SLOT_SECONDS = 0.5

# Debian installs nginx in /usr/sbin, which a normal user's PATH lacks (bench/nginx-local.sh adds it).
NGINX = shutil.which("nginx", path=os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"]))

pytestmark = [
    pytest.mark.skipif(NGINX is None, reason="needs nginx (apt-get install nginx)"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def nginx(live_server):
    """The production nginx file in front of the live server: yields its base URL."""
    # nginx's workers run as nobody: the cache directory's parents must be open to them, which
    # pytest's tmp_path (under a 0700 directory) is not.
    run_dir = Path(tempfile.mkdtemp(prefix="newsroom-nginx-"))
    run_dir.chmod(0o755)  # noqa: S103  # nosec B103 - nginx's workers (nobody) must reach the cache
    port = _free_port()
    env = {
        **os.environ,
        "RUN_DIR": str(run_dir),
        "NGINX_PORT": str(port),
        "UPSTREAMS": live_server.url.removeprefix("http://"),
    }
    script = ["bash", str(ROOT / "bench" / "nginx-local.sh")]
    subprocess.run([*script, "start"], cwd=ROOT, env=env, check=True, capture_output=True, timeout=30)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        subprocess.run([*script, "stop"], cwd=ROOT, env=env, capture_output=True, timeout=30)
        shutil.rmtree(run_dir, ignore_errors=True)


def _get(url, cookie=None):
    """GET ``url``: (the X-Micro-Cache header, the body)."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback only
        return response.headers["X-Micro-Cache"], response.read().decode()


def _slot(moment):
    return int(moment // SLOT_SECONDS)


def _start_of_next_slot():
    """Sleep until just after a half-second slot begins; return that slot's number."""
    now = time.time()
    time.sleep((_slot(now) + 1) * SLOT_SECONDS - now + 0.02)
    return _slot(time.time())


def test_a_publish_shows_through_nginx_in_the_next_half_second(nginx):
    make_article(headline_ky="Биринчи кабар")
    slot = _start_of_next_slot()
    assert _get(f"{nginx}/ky/")[0] == "MISS"
    status, body = _get(f"{nginx}/ky/")
    assert "Биринчи кабар" in body
    if _slot(time.time()) != slot:
        pytest.skip("the box was too slow to make two requests in one half-second")
    assert status == "HIT"

    make_article(headline_ky="Чүйдө суу түтүгү оңдолду")
    status, body = _get(f"{nginx}/ky/")
    if _slot(time.time()) == slot:
        # Within the same half second, nginx still answers with its copy...
        assert (status, "Чүйдө суу түтүгү оңдолду" in body) == ("HIT", False)
    # ...and the next half second asks Django again.
    _start_of_next_slot()
    status, body = _get(f"{nginx}/ky/")
    assert (status, "Чүйдө суу түтүгү оңдолду" in body) == ("MISS", True)


def test_a_reader_with_a_session_always_gets_a_page_from_django(nginx):
    make_article(headline_ky="Биринчи кабар")
    _start_of_next_slot()
    assert _get(f"{nginx}/ky/")[0] == "MISS"
    assert _get(f"{nginx}/ky/", cookie="sessionid=abc")[0] == "BYPASS"
    assert _get(f"{nginx}/ky/", cookie="csrftoken=x; sessionid=abc")[0] == "BYPASS"
    # Django reads "sessionid =abc" as the session cookie too.
    assert _get(f"{nginx}/ky/", cookie="csrftoken=x;sessionid =abc")[0] == "BYPASS"
    assert _get(f"{nginx}/ky/", cookie="SessionID=abc")[0] == "BYPASS"
    assert _get(f"{nginx}/ky/", cookie="csrftoken=x")[0] == "HIT"
