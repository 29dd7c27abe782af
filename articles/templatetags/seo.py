"""Share previews and structured data: Open Graph image, JSON-LD ``NewsArticle``.

Rules from https://ogp.me/, https://developers.google.com/search/docs/appearance/structured-data/article
and schema.org's ``NewsArticle``.
"""

import json

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

from articles.models import language_code

from .newsroom import absolute_url

register = template.Library()

# The default share image and the publisher logo: static files committed under static/img/.
DEFAULT_SHARE_IMAGE = "img/share-default.png"
SHARE_IMAGE_SIZE = (1200, 630)
LOGO = "img/logo.png"
LOGO_SIZE = (600, 60)
OG_LOCALES = {"ky": "ky_KG", "ru": "ru_RU", "en": "en_US"}


@register.simple_tag(takes_context=True)
def share_image(context, article=None):
    """The absolute URL of ``article``'s 1200×630 share crop, or of the site's default share image."""
    path = getattr(article, "social_image_url", "") if article is not None else ""
    return absolute_url(context["request"], path or static(DEFAULT_SHARE_IMAGE))


@register.filter
def og_locale(code):
    """``ky`` → ``ky_KG``: the Open Graph locale of a language code."""
    return OG_LOCALES.get(code, code)


def article_data(article, request, canonical):
    """The JSON-LD ``NewsArticle`` of ``article`` (a dict), its URLs absolute, its dates ISO 8601 in Asia/Bishkek."""
    published = article.published_at
    modified = max(article.updated_at, published) if published and article.updated_at else published
    publisher = {
        "@type": "Organization",
        "name": settings.NEWSROOM_SITE_NAME,
        "url": absolute_url(request, "/"),
        "logo": {
            "@type": "ImageObject",
            "url": absolute_url(request, static(LOGO)),
            "width": LOGO_SIZE[0],
            "height": LOGO_SIZE[1],
        },
    }
    authors = [
        {"@type": "Person", "name": author.name, "url": absolute_url(request, author.get_absolute_url())}
        for author in article.byline_authors()
    ]
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
        "description": article.lead or "",
        "datePublished": iso(published) or None,
        "dateModified": iso(modified) or None,
        # A story with no byline is the newsroom's own: Google wants an author either way.
        "author": authors or [{"@type": "Organization", "name": settings.NEWSROOM_SITE_NAME}],
        "publisher": publisher,
        "image": [absolute_url(request, getattr(article, "social_image_url", "") or static(DEFAULT_SHARE_IMAGE))],
        "inLanguage": language_code(),
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "isAccessibleForFree": True,
    }
    if article.section:
        data["articleSection"] = article.section.name
    tags = [tag.name for tag in article.tags.all()]
    if tags:
        data["keywords"] = tags
    return data


@register.simple_tag(takes_context=True)
def article_jsonld(context, article, canonical):
    """``<script type="application/ld+json">`` with ``article``'s ``NewsArticle``; ``<``, ``>``, ``&`` escaped."""
    text = json.dumps(article_data(article, context["request"], canonical), ensure_ascii=False)
    return mark_safe(  # noqa: S308  # nosec B308 B703 - HTML-significant characters escaped, as json_script does
        '<script type="application/ld+json">' + text.translate(_json_script_escapes) + "</script>"
    )


@register.filter
def iso(value):
    """``{{ when|iso }}``: an aware datetime as ISO 8601 in Asia/Bishkek to the second, "2026-03-05T10:30:00+06:00".

    HTML's ``<time datetime>`` allows at most three digits of a second's fraction, so none are kept.
    Returns "" for None.
    """
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()
