"""A reader follows links: every slugged page's path is the one Django's ``reverse()`` gives."""

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from articles.paths import slug_path


@pytest.mark.parametrize("view_name", ["articles:detail", "articles:section", "articles:tag", "authors:detail"])
@pytest.mark.parametrize("code", ["ky", "ru", "en"])
def test_slug_paths_are_what_reverse_gives(view_name, code):
    for slug in ["a", "kyrgyzstan-2025", "Mixed_Case-9"]:
        with translation.override(code):
            expected = reverse(view_name, kwargs={"slug": slug})
        assert slug_path(view_name, slug, code) == expected
        with translation.override(code):
            assert slug_path(view_name, slug) == expected


def test_exact_story_path_in_each_language():
    assert slug_path("articles:detail", "bishkek-news", "ky") == "/ky/news/bishkek-news/"
    assert slug_path("articles:detail", "bishkek-news", "ru") == "/ru/news/bishkek-news/"


def test_a_slug_the_url_pattern_refuses_is_refused_as_by_reverse():
    with pytest.raises(NoReverseMatch):
        slug_path("articles:detail", "", "ky")
    with pytest.raises(NoReverseMatch):
        slug_path("articles:detail", "кыргыз", "ky")
