"""Scheduled stories go live by themselves; staff preview what readers will see; corrections show on the page."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from articles.models import Article
from tests.admin_forms import change_form_data
from tests.factories import make_article, make_author, make_section, make_tag

NOON = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)  # 12:00 in Bishkek


def public_url(article, code="ky"):
    return article.get_absolute_url(code)


def preview_url(article, code="ky"):
    with translation.override(code):
        return reverse("articles:preview", kwargs={"pk": article.pk})


@pytest.mark.django_db
def test_a_scheduled_story_is_404_before_its_time_and_live_after_with_no_worker(client):
    with time_machine.travel(NOON - timedelta(hours=1), tick=False):
        article = make_article(headline_ky="Түштө чыгат", published_at=NOON)
        assert article.is_scheduled
        assert client.get(public_url(article)).status_code == 404
        assert list(Article.objects.published()) == []
    with time_machine.travel(NOON - timedelta(seconds=1), tick=False):
        assert client.get(public_url(article)).status_code == 404
    with time_machine.travel(NOON, tick=False):
        assert client.get(public_url(article)).status_code == 200
        assert list(Article.objects.published()) == [article]


@pytest.mark.django_db
def test_the_admin_list_shows_a_scheduled_story_with_its_bishkek_time(english_client, editor):
    with time_machine.travel(NOON - timedelta(days=1), tick=False):
        make_article(headline_ky="Эртең чыгат", published_at=NOON)
        english_client.force_login(editor)
        page = english_client.get(reverse("admin:articles_article_changelist")).content.decode()
        assert '<span class="status status--scheduled">Scheduled for 01.12.2026 12:00 (Bishkek)</span>' in page
        scheduled = english_client.get(reverse("admin:articles_article_changelist"), {"publication": "scheduled"})
        assert [a.headline_ky for a in scheduled.context["cl"].result_list] == ["Эртең чыгат"]
        live = english_client.get(reverse("admin:articles_article_changelist"), {"publication": "live"})
        assert list(live.context["cl"].result_list) == []


@pytest.mark.django_db
def test_staff_preview_a_draft_marked_as_a_preview_and_noindex(client, journalist, other_journalist):
    article = make_article(headline_ky="Али даяр эмес", status=Article.Status.DRAFT, published_at=None)
    assert client.get(public_url(article)).status_code == 404
    client.force_login(other_journalist)
    response = client.get(preview_url(article))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert '<p class="preview-banner" role="status">' in page
    assert page.count("<h1") == 1 and "Али даяр эмес</h1>" in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    # Never published: no date line (no stray "· Updated" with nothing before it).
    assert 'class="story__dates"' not in page
    # Previewing changes nothing for the public.
    client.logout()
    assert client.get(public_url(article)).status_code == 404


@pytest.mark.django_db
def test_the_preview_is_not_for_the_public(client, django_user_model):
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    url = preview_url(article)
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (302, f"/admin/login/?next={url}")
    reader = django_user_model.objects.create_user("reader", "r@example.test", "pw")
    client.force_login(reader)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_the_preview_follows_the_languages_the_story_is_written_in(client, editor):
    article = make_article(status=Article.Status.DRAFT, published_at=None, headline_ru="Только по-русски")
    client.force_login(editor)
    assert client.get(preview_url(article, "ru")).status_code == 200
    response = client.get(preview_url(article, "en"))
    assert (response.status_code, response["Location"]) == (302, preview_url(article, "ky"))


@pytest.mark.django_db
def test_the_change_form_links_to_the_preview_in_each_written_language(client, journalist):
    article = make_article(
        status=Article.Status.DRAFT, published_at=None, created_by=journalist, headline_ru="Черновик"
    )
    client.force_login(journalist)
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert f'<a href="/ky/preview/{article.pk}/" target="_blank" rel="noopener" hreflang="ky">' in page
    assert f'<a href="/ru/preview/{article.pk}/" target="_blank" rel="noopener" hreflang="ru">' in page
    assert f"/en/preview/{article.pk}/" not in page


@pytest.mark.django_db
def test_an_editors_correction_shows_dated_in_its_language_only_and_moves_updated_at(client, editor):
    article = make_article(headline_ru="Новость", slug_ru="novost", lead_ru="Лид.", body_ru="<p>Текст.</p>")
    updated = article.updated_at
    client.force_login(editor)
    moment = datetime(2026, 12, 2, 8, 30, tzinfo=UTC)  # 14:30 in Bishkek
    with time_machine.travel(moment, tick=False):
        data = change_form_data(article, correction_ky="Макаланын биринчи вариантында ысым туура эмес жазылган.")
        assert client.post(reverse("admin:articles_article_change", args=[article.pk]), data).status_code == 302
    article.refresh_from_db()
    assert (article.corrected_at, article.updated_at) == (moment, moment)
    assert updated < moment
    client.logout()
    page = client.get(public_url(article, "ky")).content.decode()
    assert '<aside class="story__correction" role="note">' in page
    # Dated in Bishkek time, in the same words as the story's own date.
    assert '<time datetime="2026-12-02T14:30:00+06:00">2-декабрь 2026-ж., 14:30</time>' in page
    assert "Макаланын биринчи вариантында ысым туура эмес жазылган." in page
    # Not the Kyrgyz note on the Russian page: a note belongs to its language.
    assert "story__correction" not in client.get(public_url(article, "ru")).content.decode()


@pytest.mark.django_db
def test_a_status_change_alone_does_not_move_updated_at(client, editor):
    article = make_article(status=Article.Status.REVIEW, published_at=None)
    updated = article.updated_at
    client.force_login(editor)
    data = change_form_data(article, status=Article.Status.PUBLISHED)
    assert client.post(reverse("admin:articles_article_change", args=[article.pk]), data).status_code == 302
    article.refresh_from_db()
    assert (article.status, article.updated_at, article.corrected_at) == ("published", updated, None)


@pytest.mark.django_db
def test_a_correction_adds_no_query_to_the_story_page(client):
    section, tag = make_section(), make_tag()
    plain = make_article(section=section, tags=[tag], authors=[make_author()])
    corrected = make_article(section=section, tags=[tag], authors=[make_author()], correction_ky="Оңдоо.")
    counts = []
    for article in (plain, corrected):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(public_url(article)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
