"""Plain helpers that make rows for tests: ``make_article(**overrides)`` and friends."""

import itertools
from datetime import timedelta

from django.utils import timezone

from articles.models import Article, Byline, Section, Tag
from authors.models import Author

_n = itertools.count(1)


def make_section(**overrides):
    n = next(_n)
    values = {"name_ky": f"Бөлүм {n}", "slug_ky": f"bolum-{n}", "name_ru": f"Раздел {n}", "slug_ru": f"razdel-{n}"}
    values.update(overrides)
    return Section.objects.create(**values)


def make_tag(**overrides):
    n = next(_n)
    values = {"name_ky": f"Тег {n}", "slug_ky": f"teg-{n}", "name_ru": f"Тег {n}", "slug_ru": f"teg-{n}"}
    values.update(overrides)
    return Tag.objects.create(**values)


def make_author(**overrides):
    n = next(_n)
    values = {"name_ky": f"Автор {n}", "slug": f"author-{n}", "position_ky": "Кабарчы"}
    values.update(overrides)
    return Author.objects.create(**values)


def make_article(authors=(), tags=(), **overrides):
    """A public Kyrgyz story published an hour ago, unless ``overrides`` say otherwise."""
    n = next(_n)
    values = {
        "headline_ky": f"Жаңылык {n}",
        "lead_ky": f"Лид {n}.",
        "body_ky": f"<p>Текст {n}.</p>",
        "status": Article.Status.PUBLISHED,
        "published_at": timezone.now() - timedelta(hours=1),
    }
    values.update(overrides)
    article = Article.objects.create(**values)
    for position, author in enumerate(authors):
        Byline.objects.create(article=article, author=author, position=position)
    if tags:
        article.tags.set(tags)
    return article
