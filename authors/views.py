from django.shortcuts import get_object_or_404
from django.views.generic import ListView

from articles.models import Article

from .models import Author


class AuthorDetailView(ListView):
    """An author's page: name, position, bio and their published stories in the active language."""

    template_name = "authors/author_detail.html"
    paginate_by = 20

    def get_queryset(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        return Article.objects.for_listing().filter(bylines__author=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)
