"""Only editors set or clear the exclusive flag, and the flag records who and when."""

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article


def change_form_data(article, **changes):
    data = {
        "headline_ky": article.headline_ky,
        "slug_ky": article.slug_ky,
        "lead_ky": article.lead_ky,
        "body_ky": article.body_ky,
        "status": article.status,
        "base_version": article.version,
        "published_at_0": "",
        "published_at_1": "",
        "bylines-TOTAL_FORMS": "0",
        "bylines-INITIAL_FORMS": "0",
        "bylines-MIN_NUM_FORMS": "0",
        "bylines-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_a_journalists_forged_post_cannot_set_the_flag(client, journalist):
    article = make_article(status=Article.Status.DRAFT, published_at=None, created_by=journalist)
    client.force_login(journalist)
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert 'name="is_exclusive"' not in client.get(url).content.decode()
    response = client.post(url, change_form_data(article, is_exclusive="on", headline_ky="Жаңы аталыш"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline_ky == "Жаңы аталыш"
    assert (article.is_exclusive, article.exclusive_flagged_by, article.exclusive_flagged_at) == (False, None, None)


@pytest.mark.django_db
def test_an_editor_sets_and_clears_the_flag_and_is_recorded(client, editor):
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    before = timezone.now()
    assert client.post(url, change_form_data(article, is_exclusive="on")).status_code == 302
    article.refresh_from_db()
    assert article.is_exclusive and article.exclusive_flagged_by == editor
    assert before <= article.exclusive_flagged_at <= timezone.now()
    assert client.post(url, change_form_data(article)).status_code == 302
    article.refresh_from_db()
    assert (article.is_exclusive, article.exclusive_flagged_by, article.exclusive_flagged_at) == (False, None, None)


@pytest.mark.django_db
def test_groups_exist_with_the_flag_permission_for_editors_only(editor, journalist):
    assert editor.has_perm("articles.flag_exclusive")
    assert not journalist.has_perm("articles.flag_exclusive")


def test_published_survives_modeltranslation_registration():
    assert Article.objects.published().model is Article
    assert type(Article.objects).__name__ != "Manager"
