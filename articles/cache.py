"""The page cache: readers' pages from the shared cache, never stale, never an editor's page.

What is cached: anonymous GET (and HEAD) requests for public pages under a language prefix
(``/ky/``, ``/ru/``, ``/en/``: stories, home, section, tag and author pages, feeds) that answer
200 with no cookie, no session use and no ``private``/``no-cache``/``no-store``. The cache is
Django's default cache: Redis when ``REDIS_URL`` is set (shared by every web instance), local
memory otherwise.

Why it is never stale:

* A **generation counter** lives in the shared cache. Saving or deleting any row of an app in
  ``settings.PAGE_CACHE_APPS`` (stories, bylines, sections, tags, authors, photos) bumps it when
  the transaction commits (``articles/signals.py``); every entry records the generation it was
  rendered under and counts only while that generation is current. One round trip to the cache
  (``get_many``) fetches both the counter and the page, so a publish through one instance is seen
  by the next request on every other instance.
* **Scheduled stories**: an entry never outlives the next scheduled ``published_at`` (looked up
  once per generation, one query, kept in the cache beside the counter), so a story scheduled for
  09:00 is on the cached home page at 09:00, not one cache lifetime later.

Logged-in users (any session with an authenticated user: editors, the staff preview) neither read
nor fill the cache, and their pages are sent ``private, no-cache``.

Every public answer carries ``ETag`` and ``Last-Modified`` (a revisit gets 304) and
``Cache-Control: public, max-age=PAGE_CACHE_MAX_AGE`` (short, so nginx's micro-cache and browsers
keep a page only briefly). ``PAGE_CACHE_SECONDS = 0`` switches server-side storage off (for the
uncached benchmark); the validators and headers stay.
"""

import hashlib
import logging
import re
import time
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers, get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import http_date

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
NEXT_SCHEDULED_KEY = "pagecache:next-scheduled:{generation}"
PAGE_KEY = "pagecache:page:{digest}"
# How long the looked-up next scheduled time is kept; the generation key makes it stale anyway.
NEXT_SCHEDULED_TIMEOUT = 24 * 60 * 60
# Headers of the view's response that are stored with the page; the outer middleware (CSP,
# security, language) adds the rest on every response, hit or miss.
STORED_HEADERS = ("Content-Type", "Content-Language", "Link", "X-Robots-Tag")


def new_generation():
    """A fresh generation number (int): nanoseconds since the epoch.

    Used when the counter is missing (first start, cache flushed or evicted): being larger than any
    number counted up before, it can never match an old entry.
    """
    return time.time_ns()


def current_generation():
    """The current generation (int), creating the counter when the cache has none."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, new_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def bump_generation():
    """Make every cached page stale on every instance sharing this cache. Returns nothing.

    Atomic in Redis (INCR), so two instances bumping at once both count.
    """
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no counter yet (or evicted): any new number is newer than the old ones
        cache.add(GENERATION_KEY, new_generation(), timeout=None)


def next_scheduled(generation, now):
    """Seconds since the epoch (float) of the next scheduled story going live, or None.

    Read from the cache for ``generation``; looked up (one query) when missing or already passed,
    i.e. at most once per generation and once per scheduled time.
    """
    key = NEXT_SCHEDULED_KEY.format(generation=generation)
    value = cache.get(key)
    if value is None or (value and value <= now):
        from .models import Article

        upcoming = (
            Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=_aware(now))
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )
        value = upcoming.timestamp() if upcoming else 0
        cache.set(key, value, NEXT_SCHEDULED_TIMEOUT)
    return value or None


def _aware(timestamp):
    return datetime.fromtimestamp(timestamp, tz=UTC)


def page_key(request):
    """The cache key (str) of a request's page: scheme, host, path and query, hashed."""
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return PAGE_KEY.format(digest=hashlib.sha256(url.encode()).hexdigest()[:32])


class PageCacheMiddleware:
    """Serve anonymous readers' public pages from the cache; see the module docstring.

    Goes after ``AuthenticationMiddleware`` (it needs ``request.user``) and inside the CSP, security
    and session middleware (their headers are added to cached pages too).
    """

    # The query strings a cacheable page may have: none, or a page number written the one way our
    # links write it. The key is built from the raw query string, so anything else (a search,
    # ?page=abc1, ?page=007, ?page=1&&, ?pag%65=1) would let anyone fill the cache with copies of
    # a page; such requests are answered uncached.
    CACHEABLE_QUERY = re.compile(r"(page=[1-9][0-9]{0,4})?")

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)

    def __call__(self, request):
        if not self.applies(request):
            return self.get_response(request)
        if self.logged_in(request):
            response = self.get_response(request)
            add_never_cache_headers(response)
            response["X-Page-Cache"] = "bypass"
            return response

        seconds = settings.PAGE_CACHE_SECONDS
        now = time.time()
        if seconds <= 0:
            response = self.get_response(request)
            if self.cacheable(request, response):
                self.add_validators(response, now, now + settings.PAGE_CACHE_MAX_AGE, "off")
                return get_conditional_response(
                    request, etag=response["ETag"], last_modified=int(now), response=response
                )
            return response

        key = page_key(request)
        try:
            found = cache.get_many([GENERATION_KEY, key])
            generation = found.get(GENERATION_KEY)
            if generation is None:
                generation = current_generation()
        except Exception:  # the cache is down: readers still get pages, /healthz reports it
            logger.warning("page cache unavailable", exc_info=True)
            return self.get_response(request)
        entry = found.get(key)
        if entry and entry["generation"] == generation and entry["valid_until"] > now:
            response = HttpResponse(entry["content"], status=entry["status"])
            for name, value in entry["headers"].items():
                response[name] = value
            response["ETag"] = entry["etag"]
            self.add_validators(response, entry["rendered_at"], entry["valid_until"], "hit", now=now)
            return get_conditional_response(
                request, etag=response["ETag"], last_modified=int(entry["rendered_at"]), response=response
            )

        response = self.get_response(request)
        if not self.cacheable(request, response):
            return response
        valid_until = now + seconds
        try:
            upcoming = next_scheduled(generation, now)
        except Exception:  # the cache went away mid-request: serve the page, keep nothing
            logger.warning("page cache unavailable", exc_info=True)
            return response
        if upcoming:
            valid_until = min(valid_until, upcoming)
        self.add_validators(response, now, valid_until, "miss", now=now)
        if request.method == "GET" and valid_until > time.time():
            self.store(
                key,
                {
                    "generation": generation,
                    "valid_until": valid_until,
                    "rendered_at": now,
                    "status": response.status_code,
                    "headers": {name: response[name] for name in STORED_HEADERS if name in response},
                    "etag": response["ETag"],
                    "content": response.content,
                },
                max(1, int(valid_until - now) + 1),
            )
        return get_conditional_response(request, etag=response["ETag"], last_modified=int(now), response=response)

    @staticmethod
    def store(key, entry, timeout):
        try:
            cache.set(key, entry, timeout)
        except Exception:  # a page not kept is only a slower next request
            logger.warning("page cache unavailable", exc_info=True)

    def applies(self, request):
        """True for a GET/HEAD of a language-prefixed public page with at most one ``page`` number (1–99999)."""
        return (
            request.method in ("GET", "HEAD")
            and request.path.startswith(self.prefixes)
            and self.CACHEABLE_QUERY.fullmatch(request.META.get("QUERY_STRING", "")) is not None
        )

    @staticmethod
    def logged_in(request):
        """True when the request comes from an authenticated user (reads the session only if there is one)."""
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return False
        user = getattr(request, "user", None)
        return bool(user and user.is_authenticated)

    @staticmethod
    def cacheable(request, response):
        """True when the response is the same for every anonymous reader and may be kept."""
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False  # the page holds a CSRF token: it belongs to one visitor
        session = getattr(request, "session", None)
        if session is not None and session.accessed:
            return False  # the view read the session: the page may differ per visitor
        control = response.get("Cache-Control", "").lower()
        return not any(word in control for word in ("private", "no-cache", "no-store"))

    @staticmethod
    def add_validators(response, rendered_at, valid_until, state, now=None):
        """Set ETag (content hash), Last-Modified, a short public Cache-Control and X-Page-Cache."""
        if not response.has_header("ETag"):
            set_response_etag(response)
        response["Last-Modified"] = http_date(rendered_at)
        now = rendered_at if now is None else now
        max_age = max(0, min(settings.PAGE_CACHE_MAX_AGE, int(valid_until - now)))
        patch_cache_control(response, public=True, max_age=max_age)
        response["X-Page-Cache"] = state
