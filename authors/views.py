from django.shortcuts import get_object_or_404
from django.urls import reverse

from articles.views import EditionListView

from .models import Author


class AuthorDetailView(EditionListView):
    """An author's page: photo, name, position, bio and their public stories in the active edition.

    The author page exists in every language (name, position and bio fall back to Kyrgyz); its
    list holds only the stories written in the page's language. 404 for an unknown slug.
    """

    template_name = "authors/author_detail.html"

    def get_queryset(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        return super().get_queryset().filter(bylines__author=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)

    def get_feed(self):
        return (self.author.name, reverse("authors:feed", kwargs={"slug": self.author.slug}))
