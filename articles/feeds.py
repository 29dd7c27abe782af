"""RSS 2.0 feeds of each edition: all stories, a section's, an author's and the exclusives.

The feeds live under the language prefix (``/ky/feed/``, ``/ru/section/<slug>/feed/``), so each
lists only the public stories written in that language. Hook names are those of
``django.contrib.syndication.views.Feed``. Each feed costs a fixed number of queries: its object,
the stories, their bylines with authors and their tags.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed
from django.utils.translation import gettext as _

from authors.models import Author

from .models import Article, Section
from .templatetags.newsroom import absolute_url
from .views import find_by_slug, has_public_stories

FEED_SIZE = 30


def site_link(path):
    """``path`` on ``SITE_URL`` when it is set; else ``path`` as is (the syndication view adds the request's host)."""
    return settings.SITE_URL + path if settings.SITE_URL else path


class StoriesFeed(Feed):
    """The newest public stories of the active edition."""

    feed_type = Rss201rev2Feed

    def title(self, obj=None):
        return settings.NEWSROOM_SITE_NAME

    def description(self, obj=None):
        return _("The latest stories from %(site)s.") % {"site": settings.NEWSROOM_SITE_NAME}

    def link(self, obj=None):
        return site_link(reverse("articles:home"))

    def stories(self, obj):
        """The queryset this feed lists (before the slice)."""
        return Article.objects.published().in_language()

    def items(self, obj=None):
        return self.stories(obj).with_page_data().prefetch_related("tags").order_by("-published_at", "-pk")[:FEED_SIZE]

    def get_feed(self, obj, request):
        """The feed, with enclosure URLs made absolute (Django does it for links only)."""
        feed = super().get_feed(obj, request)
        for entry in feed.items:
            entry["enclosures"] = [
                Enclosure(absolute_url(request, e.url) if e.url.startswith("/") else e.url, e.length, e.mime_type)
                for e in entry["enclosures"]
            ]
        return feed

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return site_link(item.get_absolute_url())

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.byline_authors()) or None

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return ([item.section.name] if item.section else []) + [tag.name for tag in item.tags.all()]

    def item_enclosures(self, item):
        """The hero photo's 1200×630 share crop (a JPEG) with its size in bytes, when there is one."""
        url = item.social_image_url
        if not url:
            return []
        return [Enclosure(url, str(item.hero_photo.social_bytes), "image/jpeg")]


class SectionFeed(StoriesFeed):
    """A section's newest public stories, at ``section/<slug>/feed/`` (the slug of the active language)."""

    def get_object(self, request, slug):
        section = find_by_slug(Section, slug)
        if section is None:
            raise Http404("No such section.")
        return section

    def title(self, obj=None):
        return f"{obj.name} — {settings.NEWSROOM_SITE_NAME}"

    def link(self, obj=None):
        return site_link(obj.get_absolute_url())

    def stories(self, obj):
        return super().stories(obj).filter(section=obj)

    def items(self, obj=None):
        items = list(super().items(obj))
        # Like the section's page: nothing public anywhere, no feed naming it (one more query,
        # for empty feeds only).
        if not items and not has_public_stories(obj):
            raise Http404("No such section.")
        return items


class AuthorFeed(StoriesFeed):
    """An author's newest public stories, at ``authors/<slug>/feed/``."""

    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def title(self, obj=None):
        return f"{obj.name} — {settings.NEWSROOM_SITE_NAME}"

    def link(self, obj=None):
        return site_link(obj.get_absolute_url())

    def stories(self, obj):
        return super().stories(obj).filter(bylines__author=obj)


class ExclusivesFeed(StoriesFeed):
    """The newest exclusives."""

    def title(self, obj=None):
        return f"{_('Exclusives')} — {settings.NEWSROOM_SITE_NAME}"

    def link(self, obj=None):
        return site_link(reverse("articles:exclusives"))

    def stories(self, obj):
        return super().stories(obj).filter(is_exclusive=True)
