"""What the Article model keeps true on every save, whatever loaded it."""

import pytest

from tests.factories import make_article


@pytest.mark.django_db
def test_a_story_loaded_with_only_some_fields_saves_without_moving_updated_at():
    from articles.models import Article

    article = make_article(headline_ky="Кыска")
    before = Article.objects.get(pk=article.pk).updated_at
    partial = Article.objects.only("pk", "status").get(pk=article.pk)
    partial.status = Article.Status.DRAFT
    partial.save(update_fields=["status"])
    reloaded = Article.objects.get(pk=article.pk)
    assert (reloaded.status, reloaded.updated_at, reloaded.headline_ky) == ("draft", before, "Кыска")
