"""An operator runs the site in production: hardened settings, headers, /healthz, login throttling."""

import os
import re
import secrets
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.safestring import mark_safe

from articles.models import Article
from tests.factories import make_article

ROOT = Path(django_settings.BASE_DIR)


def manage(*args, **env):
    """Run manage.py in a fresh process with only ``env`` on top of a clean environment."""
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, "DATABASE_URL": "sqlite:////tmp/newsroom-deploy-check.sqlite3", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {"DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "news.example.kg"}


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_without_secret_key_or_hosts_production_refuses_to_start_naming_it(missing):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = manage("check", **env)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        f"django.core.exceptions.ImproperlyConfigured: {missing} must be set in the environment when DEBUG is off."
    )


@pytest.mark.parametrize(
    ("workers", "env", "refused"),
    [
        (2, {}, True),
        (3, {"WEB_CONCURRENCY": "1"}, True),  # -w 3 on the command line wins over the environment
        (2, {"REDIS_URL": "redis://127.0.0.1:6379/0"}, False),
        (2, {"PAGE_CACHE_SECONDS": "0"}, False),
        (1, {}, False),
    ],
)
def test_gunicorn_refuses_several_workers_with_a_page_cache_each(monkeypatch, workers, env, refused):
    # Per-worker caches: a story unpublished through one worker would stay cached on the others.
    import runpy
    from types import SimpleNamespace

    for name in ("WEB_CONCURRENCY", "REDIS_URL", "PAGE_CACHE_SECONDS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    on_starting = runpy.run_path(str(Path(django_settings.BASE_DIR) / "gunicorn.conf.py"))["on_starting"]
    server = SimpleNamespace(cfg=SimpleNamespace(workers=workers))
    if refused:
        with pytest.raises(SystemExit, match="set REDIS_URL to share it"):
            on_starting(server)
    else:
        assert on_starting(server) is None


def test_production_refuses_to_serve_without_collected_static_files(settings, tmp_path):
    # collectstatic run with DEBUG on writes no manifest: with DEBUG off every page would be a 500.
    from django.core.exceptions import ImproperlyConfigured

    from newsroom.storage import require_collected_static

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "newsroom.storage.StaticFilesStorage"}}
    settings.DEBUG = False
    with pytest.raises(ImproperlyConfigured, match=r"staticfiles\.json is missing: run `DEBUG=0 python manage\.py"):
        require_collected_static()
    (tmp_path / "staticfiles.json").write_text('{"paths": {}, "version": "1.1"}')
    assert require_collected_static() is None
    settings.DEBUG = True
    (tmp_path / "staticfiles.json").unlink()
    assert require_collected_static() is None


@pytest.mark.django_db
def test_public_pages_carry_csp_without_inline_scripts_and_the_privacy_headers(client):
    response = client.get(make_article().get_absolute_url("ky"))
    directives = dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in response["Content-Security-Policy"].split(";")
    )
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Permissions-Policy"] == ("camera=(), microphone=(), geolocation=(), payment=(), usb=()")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "<script>" not in response.content.decode()


def test_a_template_that_asks_for_a_nonce_gets_it_in_script_src_only_then():
    from csp.middleware import CSPMiddleware

    def admin_view(request):
        return HttpResponse(f'<script type="importmap" nonce="{request.csp_nonce}">{{}}</script>')

    request = RequestFactory().get("/admin/")
    response = CSPMiddleware(admin_view)(request)
    nonce = str(request.csp_nonce)
    assert f"script-src 'self' 'nonce-{nonce}'" in response["Content-Security-Policy"]
    plain = CSPMiddleware(lambda request: HttpResponse("<p>story</p>"))(RequestFactory().get("/ky/"))
    assert "nonce-" not in plain["Content-Security-Policy"]


@pytest.mark.django_db
def test_healthz_answers_200_when_database_and_cache_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_503_when_the_cache_is_down(client, settings):
    # Nothing listens on port 1: every cache call fails.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "down", "database": "ok", "cache": "down"}


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_is_down(client, monkeypatch):
    from django.db import OperationalError

    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "down", "database": "down", "cache": "ok"}


@pytest.fixture
def throttled(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5


def _login(client, username, password, ip="10.0.0.7"):
    return client.post(reverse("admin:login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_five_failed_logins_lock_that_login_from_that_address(english_client, django_user_model, throttled):
    client = english_client
    django_user_model.objects.create_superuser("aida", "aida@example.test", "correct-horse-42")
    for attempt in range(4):
        assert _login(client, "aida", f"wrong-{attempt}").status_code == 200
    locked = _login(client, "aida", "wrong-5")
    assert locked.status_code == 429
    refused = _login(client, "aida", "correct-horse-42")
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "Too many failed logins" in page
    assert "This login has been locked after 5 failed attempts." in page
    assert "Try again in 15 minutes, or ask an editor to lift the lock." in page
    # The same person from another address is not locked out.
    assert _login(client, "aida", "correct-horse-42", ip="10.0.0.8").status_code == 302


@pytest.mark.django_db
def test_behind_nginx_the_readers_address_comes_from_x_real_ip(client, django_user_model, throttled, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    django_user_model.objects.create_superuser("aida", "aida@example.test", "correct-horse-42")
    for attempt in range(5):
        client.post(
            reverse("admin:login"),
            {"username": "aida", "password": f"wrong-{attempt}"},
            REMOTE_ADDR="172.18.0.5",
            HTTP_X_REAL_IP="203.0.113.9",
        )
    from axes.models import AccessAttempt

    assert list(AccessAttempt.objects.values_list("ip_address", "failures_since_start")) == [("203.0.113.9", 5)]


@pytest.mark.django_db
def test_editors_see_lockouts_in_the_admin_and_lift_them(client, django_user_model, editor, throttled):
    from axes.models import AccessAttempt

    django_user_model.objects.create_user("jyldyz2", "j@example.test", "correct-horse-42", is_staff=True)
    for attempt in range(5):
        _login(client, "jyldyz2", f"wrong-{attempt}")
    attempt = AccessAttempt.objects.get(username="jyldyz2")
    client.force_login(editor)
    changelist = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert changelist.status_code == 200
    assert "jyldyz2" in changelist.content.decode()
    response = client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    client.logout()
    assert _login(client, "jyldyz2", "correct-horse-42").status_code == 302


@pytest.mark.django_db
def test_bench_fill_adds_stories_and_pages_cost_the_same_sql_at_any_size(client):
    out = StringIO()
    call_command("bench_fill", "10", stdout=out)
    assert out.getvalue() == "Added 10 stories (10 bench stories in all).\n"
    story = Article.objects.published().get(slug_ky="bench-3")
    assert [a.slug for a in story.byline_authors()] == ["bench-author-3", "bench-author-4"]
    assert story.tags.count() == 1
    paths = [
        story.get_absolute_url("ky"),
        "/ky/",
        "/ky/section/bench-section-1/",
        "/ky/tag/bench-tag-1/",
        "/ky/authors/bench-author-1/",
    ]

    def queries():
        counts = []
        for path in paths:
            with CaptureQueriesContext(connection) as context:
                assert client.get(path).status_code == 200
            counts.append(len(context))
        return counts

    small = queries()
    call_command("bench_fill", "300", stdout=StringIO())
    assert Article.objects.published().count() == 310
    assert queries() == small
    assert max(small) <= 5


@pytest.mark.django_db
def test_bench_fill_dry_run_writes_nothing_and_bad_counts_are_refused():
    out = StringIO()
    call_command("bench_fill", "1000", "--dry-run", stdout=out)
    assert out.getvalue() == "Would add 1000 stories, 30 authors, 20 tags, 5 sections.\n"
    assert not Article.objects.exists()
    for count in ("-1", "100001", "99999999999999999999"):
        with pytest.raises(CommandError, match="count must be from 0 to 100,000"):
            call_command("bench_fill", count, stdout=StringIO())


@pytest.mark.django_db
def test_bench_fill_clears_only_its_own_stories_and_never_reuses_a_slug():
    real = make_article(headline_ky="Bench press", slug_ky="bench-press-kyrgyz-lifter-sets-record")
    call_command("bench_fill", "3", stdout=StringIO())
    Article.objects.get(slug_ky="bench-1").delete()
    call_command("bench_fill", "2", stdout=StringIO())  # bench-3 and bench-4, not bench-2 again
    slugs = set(Article.objects.values_list("slug_ky", flat=True))
    assert slugs == {real.slug_ky, "bench-0", "bench-2", "bench-3", "bench-4"}
    call_command("bench_fill", "1", "--clear", stdout=StringIO())
    assert set(Article.objects.values_list("slug_ky", flat=True)) == {real.slug_ky, "bench-0"}


def test_admin_media_with_an_import_map_carries_the_request_nonce(monkeypatch):
    import types

    from csp.middleware import CSPMiddleware
    from django.template import engines

    class Media:  # what django-js-asset's Media does with a nonce, reduced to the import map
        def __init__(self, nonce=""):
            self.nonce = nonce

        @classmethod
        def from_media(cls, media):
            return cls()

        def with_nonce(self, nonce):
            return Media(nonce)

        def render(self):
            return mark_safe(f'<script type="importmap" nonce="{self.nonce}">{{}}</script>')  # noqa: S308

    monkeypatch.setitem(sys.modules, "js_asset", types.SimpleNamespace(Media=Media))
    page = engines["django"].from_string("{% load csp_media %}{% media_with_nonce media %}")

    def admin_view(request):
        return HttpResponse(page.render({"media": object()}, request))

    request = RequestFactory().get("/admin/articles/article/add/")
    response = CSPMiddleware(admin_view)(request)
    nonce = str(request.csp_nonce)
    assert response.content.decode() == f'<script type="importmap" nonce="{nonce}">{{}}</script>'
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_the_admin_loads_every_script_from_our_own_static_files(client, editor):
    client.force_login(editor)
    html = client.get(reverse("admin:articles_article_add")).content.decode()
    sources = re.findall(r'<script[^>]* src="([^"]+)"', html)
    assert "/static/jquery-ui/jquery-ui.min.js" in sources
    assert [src for src in sources if not src.startswith("/static/")] == ["/admin/jsi18n/"]


@pytest.mark.django_db
def test_admin_pages_allow_the_editors_import_map_by_its_hash(client, editor, monkeypatch):
    import types

    editor_module = types.SimpleNamespace(importmap_csp_source=lambda: "'sha256-AbCd='")
    monkeypatch.setitem(sys.modules, "articles.editor", editor_module)
    client.force_login(editor)
    admin_csp = client.get(reverse("admin:articles_article_add"))["Content-Security-Policy"]
    assert "script-src 'self' 'sha256-AbCd='" in admin_csp
    public_csp = client.get(make_article().get_absolute_url("ky"))["Content-Security-Policy"]
    assert "sha256" not in public_csp


def test_without_the_editor_module_no_hash_is_added(monkeypatch):
    from newsroom.middleware import AdminImportMapCSPMiddleware

    monkeypatch.setitem(sys.modules, "articles.editor", None)  # import fails
    assert AdminImportMapCSPMiddleware(lambda request: HttpResponse()).importmap_source() == ""


def test_the_favicon_is_ours(client):
    response = client.get("/favicon.ico")
    assert (response.status_code, response["Location"]) == (301, "/static/img/favicon.png")
