"""Readers get cached pages that are never stale; editors never see or leave a cached page."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone
from django.utils.http import http_date

from articles.cache import GENERATION_KEY, bump_generation
from articles.models import Article
from tests.factories import make_article, make_author, make_section, make_tag


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_MAX_AGE = 5


@pytest.mark.django_db
def test_a_reader_gets_the_second_visit_from_the_cache_with_no_query(client, django_assert_num_queries):
    story = make_article(headline_ky="Суу түтүгү оңдолду")
    url = story.get_absolute_url("ky")
    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Cache-Control"] == "public, max-age=5"
    assert second["Content-Type"] == "text/html; charset=utf-8"
    # Headers added outside the cache are on cached pages too.
    assert "script-src 'self'" in second["Content-Security-Policy"]
    assert second["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.django_db
@pytest.mark.parametrize("cache_seconds", [300, 0])
def test_a_revisit_with_the_validators_answers_304(client, settings, cache_seconds):
    settings.PAGE_CACHE_SECONDS = cache_seconds
    start = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False) as traveller:
        url = make_article().get_absolute_url("ky")
        response = client.get(url)
        traveller.move_to(start + timedelta(seconds=3))
        assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
        assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200
        # Without the server-side cache nobody knows when the page last changed: only the ETag
        # can prove it unchanged; Last-Modified is the time of rendering.
        by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
        assert by_date.status_code == (304 if cache_seconds else 200)


@pytest.mark.django_db
def test_an_old_validator_gets_the_new_page_after_an_edit(client):
    story = make_article()
    url = story.get_absolute_url("ky")
    with time_machine.travel(timezone.now() - timedelta(minutes=1), tick=False):
        old = client.get(url)
    story.headline_ky = "Оңдолгон баш сөз"
    story.save()
    response = client.get(url, HTTP_IF_NONE_MATCH=old["ETag"], HTTP_IF_MODIFIED_SINCE=old["Last-Modified"])
    assert response.status_code == 200
    assert "Оңдолгон баш сөз" in response.content.decode()


@pytest.mark.django_db
def test_an_editors_page_is_never_cached_nor_served_to_a_reader(client, editor, django_assert_num_queries):
    make_article(headline_ky="Биринчи кабар")
    client.force_login(editor)
    as_editor = client.get("/ky/")
    assert as_editor["X-Page-Cache"] == "bypass"
    assert "private" in as_editor["Cache-Control"] and "no-cache" in as_editor["Cache-Control"]
    assert "ETag" not in as_editor
    client.logout()
    reader = client.get("/ky/")
    assert reader["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_a_readers_cached_page_is_never_served_to_an_editor(client, editor):
    make_article(headline_ky="Биринчи кабар")
    assert client.get("/ky/")["X-Page-Cache"] == "miss"
    assert client.get("/ky/")["X-Page-Cache"] == "hit"
    client.force_login(editor)
    assert client.get("/ky/")["X-Page-Cache"] == "bypass"
    assert client.get("/ky/")["X-Page-Cache"] == "bypass"


@pytest.mark.django_db
def test_only_public_language_prefixed_pages_are_cached(client, editor):
    make_article()
    for path in ("/admin/login/", "/healthz"):
        assert "X-Page-Cache" not in client.get(path)
    # A search-like query string would let anyone fill the cache with junk keys.
    assert "X-Page-Cache" not in client.get("/ky/?q=anything")
    assert client.get("/ky/?page=1")["X-Page-Cache"] == "miss"
    # Nor may odd page numbers: each would be a full page kept under its own key.
    for query in (
        "?page=abc1",
        "?page=01",
        "?page=%201",
        "?page=1&page=2",
        "?page=123456",
        "?page=1&",
        "?&page=1",
        "?page=%31",
        "?pag%65=1",
    ):
        assert "X-Page-Cache" not in client.get("/ky/feed/" + query), query
        assert "X-Page-Cache" not in client.get("/ky/" + query), query
    # A 404 is not kept.
    assert "X-Page-Cache" not in client.get("/ky/news/no-such-story/")
    assert client.get("/ky/news/no-such-story/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    ["publish", "unpublish", "edit", "section", "author", "tag", "delete", "update", "bulk_update", "bulk_create"],
)
def test_every_change_readers_see_makes_cached_pages_fresh_at_once(client, change):
    section, author, tag = make_section(name_ky="Коом"), make_author(name_ky="Айгүл Асанова"), make_tag()
    story = make_article(headline_ky="Эски баш сөз", section=section, authors=[author], tags=[tag])
    draft = make_article(headline_ky="Жаңы кабар", status=Article.Status.DRAFT)
    story_url, home = story.get_absolute_url("ky"), "/ky/"
    client.get(home), client.get(story_url)
    assert client.get(home)["X-Page-Cache"] == "hit"

    if change == "publish":
        draft.status = Article.Status.PUBLISHED
        draft.published_at = timezone.now()
        draft.save()
        assert "Жаңы кабар" in client.get(home).content.decode()
    elif change == "unpublish":
        story.status = Article.Status.DRAFT
        story.save()
        assert client.get(story_url).status_code == 404
        assert "Эски баш сөз" not in client.get(home).content.decode()
    elif change == "edit":
        story.headline_ky = "Жаңы баш сөз"
        story.save()
        assert "Жаңы баш сөз" in client.get(story_url).content.decode()
    elif change == "section":
        section.name_ky = "Саясат"
        section.save()
        assert "Саясат" in client.get(story_url).content.decode()
    elif change == "author":
        author.name_ky = "Айгүл Токтогулова"
        author.save()
        assert "Айгүл Токтогулова" in client.get(story_url).content.decode()
    elif change == "tag":
        story.tags.clear()
        assert client.get(story_url)["X-Page-Cache"] == "miss"
    elif change == "delete":
        story.delete()
        assert client.get(story_url).status_code == 404
    # Bulk writes send no post_save signal: the querysets bump the generation themselves.
    elif change == "update":
        assert Article.objects.filter(pk=story.pk).update(status=Article.Status.DRAFT) == 1
        assert client.get(story_url).status_code == 404
    elif change == "bulk_update":
        author.name_ky = "Айгүл Токтогулова"
        assert type(author).objects.bulk_update([author], ["name_ky"]) == 1
        assert "Айгүл Токтогулова" in client.get(story_url).content.decode()
    elif change == "bulk_create":
        draft.status, draft.published_at = Article.Status.PUBLISHED, timezone.now()
        draft.pk = None
        draft.headline_ky, draft.slug_ky = "Экинчи жаңы кабар", "ekinchi-zhangy-kabar"
        Article.objects.bulk_create([draft])
        assert "Экинчи жаңы кабар" in client.get(home).content.decode()


@pytest.mark.django_db
def test_the_generation_is_bumped_again_when_the_transaction_commits(django_capture_on_commit_callbacks):
    from django.core.cache import cache

    bump_generation()
    before = cache.get(GENERATION_KEY)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        make_article()
    # Once at the save (inside the test's transaction), once per queued commit callback.
    assert len(callbacks) == 1
    assert cache.get(GENERATION_KEY) == before + 2


@pytest.mark.django_db
def test_a_scheduled_story_appears_on_cached_pages_at_its_time(client, settings):
    settings.PAGE_CACHE_SECONDS = 3600
    start = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False) as traveller:
        make_article(headline_ky="Эртеңки кабар", published_at=start + timedelta(minutes=10))
        make_article(headline_ky="Бүгүнкү кабар", published_at=start - timedelta(hours=1))
        first = client.get("/ky/")
        assert first["X-Page-Cache"] == "miss"
        assert "Эртеңки кабар" not in first.content.decode()
        traveller.move_to(start + timedelta(minutes=9, seconds=58))
        almost = client.get("/ky/")
        assert almost["X-Page-Cache"] == "hit"
        # Browsers and nginx may keep it only until the story goes live.
        assert almost["Cache-Control"] == "public, max-age=2"
        traveller.move_to(start + timedelta(minutes=10))
        on_time = client.get("/ky/")
        assert on_time["X-Page-Cache"] == "miss"
        assert "Эртеңки кабар" in on_time.content.decode()
        assert on_time["Last-Modified"] == http_date((start + timedelta(minutes=10)).timestamp())


@pytest.mark.django_db
def test_switched_off_nothing_is_stored_but_validators_stay(client, settings, django_assert_num_queries):
    settings.PAGE_CACHE_SECONDS = 0
    url = make_article().get_absolute_url("ky")
    client.get(url)
    response = client.get(url)
    assert response["X-Page-Cache"] == "off"
    assert response["Cache-Control"] == "public, max-age=5"
    assert response["ETag"]


@pytest.mark.django_db
def test_with_the_cache_down_readers_get_pages_and_editors_can_save(
    client, settings, django_capture_on_commit_callbacks
):
    # Nothing listens on port 1: every cache call fails (and /healthz says 503).
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }
    story = make_article(headline_ky="Суу түтүгү оңдолду")
    response = client.get(story.get_absolute_url("ky"))
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    story.headline_ky = "Суу түтүгү толук оңдолду"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        story.save()  # both bumps (now and on commit) fail, are logged, and the save stands
    assert len(callbacks) == 1
    assert Article.objects.get(pk=story.pk).headline_ky == "Суу түтүгү толук оңдолду"


@pytest.mark.django_db
def test_a_template_edit_under_runserver_makes_cached_pages_fresh(client, settings):
    from pathlib import Path

    from django.utils.autoreload import file_changed

    url = make_article().get_absolute_url("ky")
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    # What runserver's autoreloader sends when a watched file changes.
    results = file_changed.send(sender=None, file_path=Path(settings.BASE_DIR) / "templates" / "base.html")
    assert client.get(url)["X-Page-Cache"] == "miss"
    # Django's own receiver still decides that a template edit needs no restart.
    assert any(result for _receiver, result in results)
