from django.conf import settings
from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from .models import Section


def nav_sections(request):
    """The sections shown in the header: those with a public story in the active edition, in menu order.

    A list of ``Section``; one query, made once per request (the home page's section blocks reuse it).
    """
    if not hasattr(request, "_nav_sections"):
        request._nav_sections = list(Section.objects.in_menu())
    return request._nav_sections


# The header's and footer's fixed links depend only on the URLconf, the language and the script
# prefix, none of which changes while a process runs: reversed once per process, not on every page.
_site_urls = {}


def site_urls(language=None):
    """``{"home", "search", "exclusives", "feed"}``: paths of the fixed pages in ``language`` (default: active)."""
    code = language or translation.get_language() or settings.LANGUAGE_CODE
    key = (code, get_script_prefix())
    urls = _site_urls.get(key)
    if urls is None:
        with translation.override(code):
            urls = {name: reverse(f"articles:{name}") for name in ("home", "search", "exclusives", "feed")}
        _site_urls[key] = urls
    return urls


def site(request):
    """Site-wide template values: ``SITE_NAME``, ``nav_sections`` (lazy: no query unless a page shows it)
    and ``site_urls`` (see ``site_urls()``)."""
    return {
        "SITE_NAME": settings.NEWSROOM_SITE_NAME,
        "nav_sections": SimpleLazyObject(lambda: nav_sections(request)),
        "site_urls": site_urls(),
    }
