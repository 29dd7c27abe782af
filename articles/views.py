from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView

from .models import Article, Section, Tag


class ArticleDetailView(DetailView):
    """A story's page in the active language; 404 unless the story is public and written in it."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.for_detail()

    def get_object(self, queryset=None):
        code = translation.get_language()
        queryset = self.get_queryset() if queryset is None else queryset
        try:
            return queryset.get(**{f"slug_{code}": self.kwargs["slug"]})
        except Article.DoesNotExist:
            raise Http404("No story here.") from None

    def get_context_data(self, **kwargs):
        article = self.object
        return super().get_context_data(
            related=article.related(),
            translations={code: article.get_absolute_url(code) for code in article.languages()},
            **kwargs,
        )


class HomeView(ListView):
    """The front page of the active language's edition: the newest public stories."""

    template_name = "articles/home.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        return Article.objects.for_listing()


class SectionView(ListView):
    """A section's public stories in the active language, newest first."""

    template_name = "articles/section.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return Article.objects.for_listing().filter(section=self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


class TagView(ListView):
    """A tag's public stories in the active language, newest first."""

    template_name = "articles/tag.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return Article.objects.for_listing().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


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
