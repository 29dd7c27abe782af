"""Plain helpers that make rows for tests: ``make_article(**overrides)`` and friends."""

import io
import itertools
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, Byline, Section, Tag
from authors.models import Author
from images.models import Photo

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


def jpeg_bytes(width=600, height=400, color=(200, 30, 30), **save_options):
    """A plain JPEG made here (never downloaded); ``save_options`` go to Pillow (``exif=``…)."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "JPEG", **save_options)
    return buffer.getvalue()


def make_photo(width=600, height=400, **overrides):
    """A photo in the library from a generated JPEG, with Kyrgyz alt text and a credit."""
    values = {"alt_text_ky": "Тоолор", "caption_ky": "Ала-Тоо", "credit": "Айгүл Сыдыкова"}
    values.update(overrides)
    values.setdefault("image", ContentFile(jpeg_bytes(width, height), name="photo.jpg"))
    return Photo.objects.create(**values)
