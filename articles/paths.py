"""Paths of slugged pages (stories, sections, tags, authors) without running ``reverse()`` for each link.

A story page links to about twenty slugged pages; ``reverse()`` costs about 0.1 ms each (it walks the
URLconf, quotes and re-checks the arguments against the pattern). The part of such a path around the
slug depends only on the URLconf, the language and the script prefix, which do not change while a
process runs, so it is reversed once per process and the slug put in between.
"""

import re

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation

# What Django's ``slug`` path converter accepts: such a slug needs no quoting, so the path built
# here is the one ``reverse()`` returns. Anything else goes through ``reverse()`` (and its errors).
SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")
# A placeholder slug, valid for the converter, that no URL prefix contains.
MARK = "0slug0mark0"

_around_slug = {}


def slug_path(view_name, slug, language=None):
    """``reverse(view_name, kwargs={"slug": slug})`` with ``language`` active (default: the active one).

    Returns a str path such as ``/ky/news/<slug>/``; raises ``NoReverseMatch`` as ``reverse()`` does.
    """
    code = language or translation.get_language()
    if not code or not SLUG.match(slug or ""):
        with translation.override(code):
            return reverse(view_name, kwargs={"slug": slug})
    key = (view_name, code, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    around = _around_slug.get(key)
    if around is None:
        with translation.override(code):
            head, _mark, tail = reverse(view_name, kwargs={"slug": MARK}).partition(MARK)
        around = _around_slug[key] = (head, tail)
    return around[0] + slug + around[1]
