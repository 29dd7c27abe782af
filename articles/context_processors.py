from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils.functional import SimpleLazyObject

from .models import Article, Section


def nav_sections(request):
    """The sections shown in the header: those with a public story in the active edition, in menu order.

    A list of ``Section``; one query, made once per request (the home page's section blocks reuse it).
    """
    if not hasattr(request, "_nav_sections"):
        public = Article.objects.published().in_language().filter(section=OuterRef("pk"))
        request._nav_sections = list(Section.objects.filter(Exists(public)))
    return request._nav_sections


def site(request):
    """Site-wide template values: ``SITE_NAME`` and ``nav_sections`` (lazy: no query unless a page shows it)."""
    return {
        "SITE_NAME": settings.NEWSROOM_SITE_NAME,
        "nav_sections": SimpleLazyObject(lambda: nav_sections(request)),
    }
