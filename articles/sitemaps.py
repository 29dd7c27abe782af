"""Sitemaps: every public story in each language it is written in, sections, and a Google News sitemap.

Served by ``newsroom.urls`` as an index (``/sitemap.xml``) and one sitemap per key of ``SITEMAPS``
(``/sitemap-stories.xml`` …; ``/sitemap-news.xml`` uses the Google News template). Hook names
are those of ``django.contrib.sitemaps.Sitemap``; with ``i18n`` on, items are ``(story, language)``
pairs, here only for the languages the story is written in, and each URL lists its translations as
``xhtml:link`` hreflang alternates plus ``x-default`` (the Kyrgyz version, else the first one).
Rules: https://www.sitemaps.org/protocol.html and Google's news sitemap documentation
(stories published in the last two days, at most 1,000 URLs).
"""

from datetime import timedelta
from functools import reduce
from operator import or_
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.db.models import OuterRef, Q, Subquery
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from .models import LANGUAGE_CODES, Article, Section


class SiteUrlMixin:
    """Absolute URLs on ``SITE_URL`` when it is set, else on the request's host and scheme."""

    def get_protocol(self, protocol=None):
        if settings.SITE_URL:
            return urlsplit(settings.SITE_URL).scheme
        return super().get_protocol(protocol)

    def get_domain(self, site=None):
        if settings.SITE_URL:
            return urlsplit(settings.SITE_URL).netloc
        return super().get_domain(site)


class TranslatedSitemap(SiteUrlMixin, Sitemap):
    """Items in the languages they exist in, with hreflang alternates and an ``x-default``."""

    i18n = True
    alternates = True

    def get_languages_for_item(self, item):
        return item.languages()

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            alternates = url["alternates"]
            if alternates:
                default = next((a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE), alternates[0])
                alternates.append({"location": default["location"], "lang_code": "x-default"})
        return urls


class StorySitemap(TranslatedSitemap):
    """Every public story, once per language it is written in; ``lastmod`` is ``updated_at``."""

    changefreq = "daily"
    limit = 5000

    def items(self):
        return Article.objects.published().only(*SITEMAP_FIELDS).order_by("-published_at", "-pk")

    def lastmod(self, item):
        return max(item.updated_at, item.published_at)


# What a sitemap entry needs: the URL in each language (headline and slug say which languages the
# story is written in), the dates. Not the bodies, which are most of a row's bytes.
SITEMAP_FIELDS = [
    "status",
    "published_at",
    "updated_at",
    *(f"{name}_{code}" for name in ("headline", "slug") for code in LANGUAGE_CODES),
]


class SectionSitemap(TranslatedSitemap):
    """Section pages in the editions where they list something; ``lastmod``: the newest public story.

    One query: each section with, per language, the time of its newest public story in that language
    (``newest_<lang>``, None when the edition's section page would be empty).
    """

    changefreq = "hourly"

    def items(self):
        def newest(code):
            stories = Article.objects.published().in_language(code).filter(section=OuterRef("pk"))
            return Subquery(stories.order_by("-published_at").values("published_at")[:1])

        sections = Section.objects.annotate(**{f"newest_{code}": newest(code) for code in LANGUAGE_CODES})
        return sections.filter(reduce(or_, (Q(**{f"newest_{code}__isnull": False}) for code in LANGUAGE_CODES)))

    def lastmod(self, item):
        return max(filter(None, (getattr(item, f"newest_{code}") for code in LANGUAGE_CODES)))

    def get_languages_for_item(self, item):
        return [code for code in LANGUAGE_CODES if getattr(item, f"newest_{code}") is not None]


class NewsSitemap(SiteUrlMixin, Sitemap):
    """Google News: the stories published in the last two days, one URL per language, newest first."""

    limit = 1000
    i18n = True

    def items(self):
        since = timezone.now() - timedelta(days=2)
        return (
            Article.objects.published()
            .filter(published_at__gte=since)
            .only(*SITEMAP_FIELDS)
            .order_by("-published_at", "-pk")[: self.limit]
        )

    def get_languages_for_item(self, item):
        return item.languages()

    def lastmod(self, item):
        return max(item.updated_at, item.published_at)


SITEMAPS = {"stories": StorySitemap, "sections": SectionSitemap, "news": NewsSitemap}


def site_base(request):
    """``https://host`` of the public site: ``SITE_URL`` when it is set, else the request's scheme and host."""
    return settings.SITE_URL or f"{request.scheme}://{request.get_host()}"


@x_robots_tag
def sitemap_index(request):
    """``/sitemap.xml``: the sitemap index, one entry per sitemap page of ``articles.sitemaps.SITEMAPS``."""
    entries = []
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        location = site_base(request) + reverse("sitemap", kwargs={"section": section})
        lastmod = sitemap.get_latest_lastmod()
        entries.append(SitemapIndexItem(location, lastmod))
        entries.extend(
            SitemapIndexItem(f"{location}?p={page}", lastmod) for page in range(2, sitemap.paginator.num_pages + 1)
        )
    return TemplateResponse(request, "sitemaps/index.xml", {"sitemaps": entries}, content_type="application/xml")


def sitemap_section(request, section):
    """``/sitemap-<section>.xml``: one sitemap of ``SITEMAPS`` (404 for an unknown one); news in Google's format."""
    template = "sitemaps/news.xml" if section == "news" else "sitemaps/urlset.xml"
    return sitemap_views.sitemap(request, SITEMAPS, section=section, template_name=template)


def robots_txt(request):
    """``/robots.txt``: keeps crawlers out of the admin and search, and names the sitemap index and the news sitemap."""
    return TemplateResponse(
        request,
        "robots.txt",
        {"base": site_base(request), "languages": LANGUAGE_CODES},
        content_type="text/plain; charset=utf-8",
    )
