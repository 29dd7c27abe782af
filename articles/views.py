"""The reader's pages. Each language is an edition: every list starts from ``Article.objects.for_cards()``
(public stories written in the active language), every story from ``for_detail()``.

Query budget (cold): the story page 5 (story with section, bylines, tags, read-also, header
sections); lists a fixed number whatever the number of stories, authors or sections.
"""

from itertools import groupby

from django.contrib.auth.views import redirect_to_login
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from . import search as search_engine
from .context_processors import nav_sections
from .models import LANGUAGE_CODES, Article, Section, Tag, language_code
from .templatetags.newsroom import absolute_url, share_links
from .templatetags.seo import DEFAULT_SHARE_IMAGE

# Stories per page of every list, and per block on the home page.
PAGE_SIZE = 20
SECTION_BLOCK_SIZE = 3
EXCLUSIVES_BLOCK_SIZE = 4


def active_language():
    """The active language code without region (``ky``, ``ru``, ``en``)."""
    return language_code()


def translated_paths(obj):
    """``{code: path}`` of ``obj``'s page in each language (names and slugs fall back to Kyrgyz)."""
    paths = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            paths[code] = obj.get_absolute_url()
    return paths


def find_by_slug(model, slug):
    """The ``Section`` or ``Tag`` (``model``) whose slug in any language is ``slug``, or None. One query.

    The active language's slug wins when two rows share the text in different languages.
    """
    any_language = Q()
    for code in LANGUAGE_CODES:
        any_language |= Q(**{f"slug_{code}": slug})
    found = list(model.objects.filter(any_language)[: len(LANGUAGE_CODES)])
    code = active_language()
    return next((o for o in found if getattr(o, f"slug_{code}") == slug), found[0] if found else None)


# The Article lookup that selects the stories of a section or a tag.
STORY_FIELD = {Section: "section", Tag: "tags"}


def has_public_stories(obj):
    """True when a public story in any language is in ``obj`` (a ``Section``) or has it (a ``Tag``).
    One query. A section or tag without one is not shown to readers anywhere: a tag made for an
    embargoed story must not give away its name, nor its slugs, before the story is out."""
    return Article.objects.published().filter(**{STORY_FIELD[type(obj)]: obj}).exists()


class EditionListView(ListView):
    """A paginated list of the active edition's public stories, newest first."""

    context_object_name = "articles"
    paginate_by = PAGE_SIZE
    feed_url = None

    def get_queryset(self):
        return Article.objects.for_cards()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("page_feed", self.get_feed())
        return context

    def get_feed(self):
        """``(title, path)`` of the RSS feed of this list, or None: advertised in the page's head."""
        return None


class HomeView(EditionListView):
    """The front page of the active edition: the top story, the latest, exclusives, a block per section.

    Page 1 has every block; later pages (``?page=2``) continue the list of latest stories.
    Queries: the stories of the page, their count, the exclusives, the section blocks (one query,
    a window function) and the header's sections.
    """

    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        stories = list(context["articles"])
        context["top"] = stories[0] if page.number == 1 and stories else None
        context["latest"] = stories[1:] if context["top"] else stories
        if page.number == 1:
            context["exclusives"] = list(Article.objects.for_cards().filter(is_exclusive=True)[:EXCLUSIVES_BLOCK_SIZE])
            context["section_blocks"] = self.section_blocks()
        return context

    def section_blocks(self):
        """``[(section, [story, …]), …]``: the newest stories of each section, in menu order. One query."""
        ranked = (
            Article.objects.for_cards()
            .filter(section__isnull=False)
            .annotate(
                row=Window(
                    RowNumber(), partition_by=[F("section_id")], order_by=[F("published_at").desc(), F("pk").desc()]
                )
            )
            .filter(row__lte=SECTION_BLOCK_SIZE)
        )
        by_section = {
            section_id: list(stories)
            for section_id, stories in groupby(
                sorted(ranked, key=lambda a: (a.section_id, a.row)), key=lambda a: a.section_id
            )
        }
        return [(s, by_section[s.pk]) for s in nav_sections(self.request) if s.pk in by_section]


class SluggedListView(EditionListView):
    """A list under a translated slug (a section's or a tag's): 404 for an unknown slug.

    A slug of another language (the switcher's or an old link's) redirects to this language's
    address, its query (``?page=2``) kept; an object with no slug in this language answers under
    its Kyrgyz one. A section or tag with no public story in any language is a 404
    (``has_public_stories``), redirect included.
    """

    model = None

    def get(self, request, *args, **kwargs):
        self.object = find_by_slug(self.model, kwargs["slug"])
        if self.object is None:
            raise Http404("No such page.")
        if self.object.get_absolute_url() != request.path:
            if not has_public_stories(self.object):  # the target would name it
                raise Http404("Nothing published here yet.")
            query = f"?{request.GET.urlencode()}" if request.GET else ""
            return redirect(self.object.get_absolute_url() + query, permanent=True)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return super().get_queryset().filter(**{STORY_FIELD[self.model]: self.object})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            **{self.model._meta.model_name: self.object}, translations=translated_paths(self.object), **kwargs
        )
        # Counted already to paginate; the one more query is for empty pages only.
        if not context["paginator"].count and not has_public_stories(self.object):
            raise Http404("Nothing published here yet.")
        return context


class SectionView(SluggedListView):
    """A section's public stories in the active edition, newest first."""

    model = Section
    template_name = "articles/section.html"

    def get_feed(self):
        return (self.object.name, reverse("articles:section_feed", kwargs={"slug": self.object.slug}))


class TagView(SluggedListView):
    """A tag's public stories in the active edition, newest first."""

    model = Tag
    template_name = "articles/tag.html"


class ExclusivesView(EditionListView):
    """The stories flagged exclusive, newest first."""

    template_name = "articles/exclusives.html"

    def get_queryset(self):
        return super().get_queryset().filter(is_exclusive=True)

    def get_feed(self):
        return (_("Exclusives"), reverse("articles:exclusives_feed"))


class SearchView(EditionListView):
    """Search the active edition (``?q=``); see ``articles.search`` for how, and for odd queries."""

    template_name = "articles/search.html"

    def get_queryset(self):
        self.query = (self.request.GET.get("q") or "")[: search_engine.MAX_QUERY_LENGTH].strip()
        self.words = search_engine.terms(self.query)
        return search_engine.search(super().get_queryset(), self.words, active_language())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(query=self.query, words=self.words, **kwargs)
        context["articles"] = search_engine.mark_results(list(context["articles"]), self.words)
        return context


class ArticleDetailView(DetailView):
    """A story's page in the active language; 404 unless the story is public and written in it."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.for_detail()

    def get_object(self, queryset=None):
        queryset = self.get_queryset() if queryset is None else queryset
        try:
            # The slug's unique index is partial (slug > ''): repeating its condition lets SQLite use
            # it, instead of scanning every story (28 ms at 10,000 stories, 6 ms with it).
            code = active_language()
            return queryset.get(**{f"slug_{code}": self.kwargs["slug"], f"slug_{code}__gt": ""})
        except Article.DoesNotExist:
            raise Http404("No story here.") from None

    def get_context_data(self, **kwargs):
        """The story plus what its template shows more than once, computed here once.

        ``canonical`` (absolute URL), ``share_links`` (both rows of share buttons), ``authors`` and
        ``tags`` (lists, from the prefetches), ``share_image`` (absolute URL), ``related`` and
        ``translations``.
        """
        article = self.object
        canonical = absolute_url(self.request, article.get_absolute_url())
        return super().get_context_data(
            related=article.related(),
            translations={code: article.get_absolute_url(code) for code in article.languages()},
            canonical=canonical,
            share_links=share_links(canonical, article.headline),
            share_image=absolute_url(self.request, article.social_image_url or static(DEFAULT_SHARE_IMAGE)),
            authors=article.byline_authors(),
            tags=list(article.tags.all()),
            **kwargs,
        )


class ArticlePreviewView(ArticleDetailView):
    """A story as readers will see it, whatever its status (drafts and scheduled stories too), for staff.

    Only active staff who may view stories get it; an anonymous visitor is sent to the admin login
    and anyone else gets a 404, as for a story that does not exist. The page is marked as a
    preview, carries ``noindex`` and is never cached. The story's public URL is untouched: it
    still answers 404 until the story is public.
    """

    template_name = "articles/article_preview.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (user.is_staff and user.has_perm("articles.view_article")):
            raise Http404("No story here.")
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def get_queryset(self):
        return Article.objects.with_page_data().prefetch_related("tags")

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_queryset() if queryset is None else queryset, pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        code = translation.get_language()
        written = self.object.languages()
        if written and code not in written:
            # Not written in this language: show it in one it is written in.
            with translation.override(written[0]):
                return redirect("articles:preview", pk=self.object.pk)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The switcher stays in the preview: a draft has no public page in any language yet.
        context["translations"] = {}
        for code in self.object.languages():
            with translation.override(code):
                context["translations"][code] = reverse("articles:preview", kwargs={"pk": self.object.pk})
        return context
