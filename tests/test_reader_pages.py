"""A reader browses an edition: home, sections, tags, authors, exclusives, the language switcher and 404."""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_author, make_section, make_tag


class Page(HTMLParser):
    """What the tests read from a page: h1 texts, links, the switcher, feed links, inline scripts."""

    def __init__(self, html):
        super().__init__()
        self.h1, self.hrefs, self.switcher, self.feeds, self.scripts = [], [], {}, [], []
        self._in_h1 = self._in_languages = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "h1":
            self._in_h1 = True
            self.h1.append("")
        elif tag == "nav" and "languages" in (a.get("class") or ""):
            self._in_languages = True
        elif tag == "a":
            self.hrefs.append(a.get("href"))
            if self._in_languages:
                self.switcher[a["hreflang"]] = a["href"]
        elif tag == "link" and a.get("type") == "application/rss+xml":
            self.feeds.append(a["href"])
        elif tag == "script":
            self.scripts.append(a.get("type"))

    def handle_endtag(self, tag):
        if tag == "h1":
            self._in_h1 = False
        elif tag == "nav":
            self._in_languages = False

    def handle_data(self, data):
        if self._in_h1:
            self.h1[-1] += data


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return Page(response.content.decode())


@pytest.fixture
def edition():
    """A small paper: two sections, a tag, an author, stories in ky and ru, one exclusive."""
    society = make_section(name_ky="Коом", slug_ky="koom", name_ru="Общество", slug_ru="obshchestvo", position=1)
    politics = make_section(name_ky="Саясат", slug_ky="saiasat", name_ru="Политика", slug_ru="politika", position=2)
    tag = make_tag(name_ky="Бишкек", slug_ky="bishkek", name_ru="Бишкек", slug_ru="bishkek-ru")
    author = make_author(name_ky="Айгүл Сыдыкова", slug="aigul", position_ky="Кабарчы", bio_ky="Коом бөлүмү.")
    now = timezone.now()
    stories = {
        "both": make_article(
            headline_ky="Жаңы мектеп",
            headline_ru="Новая школа",
            section=society,
            tags=[tag],
            authors=[author],
            published_at=now - timedelta(hours=1),
        ),
        "ky_only": make_article(headline_ky="Жаңы жол", section=politics, published_at=now - timedelta(hours=2)),
        "exclusive": make_article(
            headline_ky="Эксклюзив маек",
            headline_ru="Эксклюзивное интервью",
            section=politics,
            is_exclusive=True,
            authors=[author],
            published_at=now - timedelta(hours=3),
        ),
        "draft": make_article(
            headline_ky="Долбоор сыр", section=society, tags=[tag], authors=[author], status=Article.Status.DRAFT
        ),
        "scheduled": make_article(
            headline_ky="Келечек сыр",
            headline_ru="Будущее тайна",
            section=society,
            tags=[tag],
            authors=[author],
            is_exclusive=True,
            published_at=now + timedelta(days=1),
        ),
    }
    return {"society": society, "politics": politics, "tag": tag, "author": author, **stories}


def headlines(response):
    return [a.headline for a in response.context["articles"]]


@pytest.mark.django_db
def test_home_has_the_top_story_latest_exclusives_and_a_block_per_section(client, edition):
    response = client.get("/ky/")
    assert response.context["top"] == edition["both"]
    assert [a.headline for a in response.context["latest"]] == ["Жаңы жол", "Эксклюзив маек"]
    assert [a.headline for a in response.context["exclusives"]] == ["Эксклюзив маек"]
    blocks = [(s.name, [a.headline for a in stories]) for s, stories in response.context["section_blocks"]]
    assert blocks == [("Коом", ["Жаңы мектеп"]), ("Саясат", ["Жаңы жол", "Эксклюзив маек"])]


@pytest.mark.django_db
def test_each_language_is_an_edition(client, edition):
    ru = client.get("/ru/")
    assert [ru.context["top"].headline] + [a.headline for a in ru.context["latest"]] == [
        "Новая школа",
        "Эксклюзивное интервью",
    ]
    assert client.get("/en/").context["top"] is None
    assert headlines(client.get("/ru/section/politika/")) == ["Эксклюзивное интервью"]
    assert headlines(client.get("/ru/authors/aigul/")) == ["Новая школа", "Эксклюзивное интервью"]


@pytest.mark.django_db
def test_section_tag_author_and_exclusives_pages_list_public_stories_newest_first(client, edition):
    assert headlines(client.get("/ky/section/saiasat/")) == ["Жаңы жол", "Эксклюзив маек"]
    assert headlines(client.get("/ky/tag/bishkek/")) == ["Жаңы мектеп"]
    assert headlines(client.get("/ru/tag/bishkek-ru/")) == ["Новая школа"]
    assert headlines(client.get("/ky/authors/aigul/")) == ["Жаңы мектеп", "Эксклюзив маек"]
    assert headlines(client.get("/ky/exclusives/")) == ["Эксклюзив маек"]
    author_page = client.get("/ky/authors/aigul/").content.decode()
    assert '<p class="author__position">Кабарчы</p>' in author_page
    assert "<p>Коом бөлүмү.</p>" in author_page


@pytest.mark.django_db
def test_section_and_tag_slugs_are_translated_and_a_foreign_slug_redirects(client, edition):
    assert edition["society"].get_absolute_url() == "/ky/section/koom/"
    response = client.get("/ru/section/koom/")
    assert response.status_code == 301
    assert response["Location"] == "/ru/section/obshchestvo/"
    assert client.get("/ky/section/obshchestvo/")["Location"] == "/ky/section/koom/"
    assert client.get("/ky/section/nothing-here/").status_code == 404
    assert client.get("/ru/tag/bishkek/")["Location"] == "/ru/tag/bishkek-ru/"
    # The page number survives the redirect.
    assert client.get("/ru/section/koom/?page=2")["Location"] == "/ru/section/obshchestvo/?page=2"


@pytest.mark.django_db
def test_a_tag_of_unpublished_stories_only_is_a_404_not_its_name(client):
    embargo = make_tag(name_ky="Шайлоо жыйынтыгы", slug_ky="shailoo-zhyiyntygy")
    story = make_article(tags=[embargo], status=Article.Status.DRAFT)
    make_article(tags=[embargo], published_at=timezone.now() + timedelta(hours=5))
    response = client.get("/ky/tag/shailoo-zhyiyntygy/")
    assert response.status_code == 404
    assert "Шайлоо жыйынтыгы" not in response.content.decode()
    # Nor may the redirect from its other slug give the slug away, nor a section's feed its name.
    assert client.get("/ru/tag/shailoo-zhyiyntygy/").status_code == 404
    secret_section = make_section(name_ky="Жашыруун бөлүм", slug_ky="zhashyruun")
    make_article(section=secret_section, status=Article.Status.DRAFT)
    assert client.get("/ky/section/zhashyruun/feed/").status_code == 404
    story.status = Article.Status.PUBLISHED
    story.save()
    assert client.get("/ky/tag/shailoo-zhyiyntygy/").status_code == 200
    # Published in Kyrgyz only: the Russian page exists (the switcher links it), and says so.
    response = client.get("/ru/tag/shailoo-zhyiyntygy/", follow=True)
    assert response.status_code == 200 and list(response.context["articles"]) == []


@pytest.mark.django_db
def test_a_section_without_a_slug_in_a_language_answers_under_its_kyrgyz_slug(client):
    section = make_section(name_ky="Спорт", slug_ky="sport", name_ru="", slug_ru="")
    make_article(headline_ru="Футбол", section=section)
    response = client.get("/ru/section/sport/")
    assert response.status_code == 200
    assert headlines(response) == ["Футбол"]


@pytest.mark.django_db
def test_the_language_switcher_goes_to_the_same_page_when_it_exists(client, edition):
    both, ky_only = edition["both"], edition["ky_only"]
    assert page(client, both.get_absolute_url("ky")).switcher == {
        "ky": both.get_absolute_url("ky"),
        "ru": both.get_absolute_url("ru"),
        "en": "/en/",
    }
    assert page(client, ky_only.get_absolute_url("ky")).switcher == {
        "ky": ky_only.get_absolute_url("ky"),
        "ru": "/ru/",
        "en": "/en/",
    }
    assert page(client, "/ky/section/koom/").switcher == {
        "ky": "/ky/section/koom/",
        "ru": "/ru/section/obshchestvo/",
        "en": "/en/section/koom/",
    }
    assert page(client, "/ru/tag/bishkek-ru/").switcher["ky"] == "/ky/tag/bishkek/"
    assert page(client, "/ky/authors/aigul/").switcher["ru"] == "/ru/authors/aigul/"
    assert page(client, "/ky/exclusives/").switcher == {
        "ky": "/ky/exclusives/",
        "ru": "/ru/exclusives/",
        "en": "/en/exclusives/",
    }


@pytest.mark.django_db
def test_every_page_has_exactly_one_h1_a_feed_link_and_no_inline_script(client, edition):
    urls = [
        "/ky/",
        "/ru/",
        "/ky/?page=1",
        edition["both"].get_absolute_url("ky"),
        edition["both"].get_absolute_url("ru"),
        "/ky/section/koom/",
        "/ky/tag/bishkek/",
        "/ky/authors/aigul/",
        "/ky/exclusives/",
        "/ky/search/",
        "/ky/search/?q=мектеп",
    ]
    for url in urls:
        parsed = page(client, url)
        assert len(parsed.h1) == 1, url
        assert "/ky/feed/" in parsed.feeds or "/ru/feed/" in parsed.feeds, url
        assert set(parsed.scripts) <= {"application/ld+json"}, url
    missing = page(client, "/ky/news/no-such-story/", status=404)
    assert missing.h1 == ["Барак табылган жок"]


@pytest.mark.django_db
def test_list_pages_advertise_their_own_feed(client, edition):
    assert page(client, "/ky/section/koom/").feeds == ["/ky/feed/", "/ky/section/koom/feed/"]
    assert page(client, "/ky/authors/aigul/").feeds == ["/ky/feed/", "/ky/authors/aigul/feed/"]
    assert page(client, "/ky/exclusives/").feeds == ["/ky/feed/", "/ky/exclusives/feed/"]


@pytest.mark.django_db
def test_lists_are_paginated_and_a_bad_page_is_404(client):
    section = make_section()
    for _ in range(21):
        make_article(section=section)
    url = section.get_absolute_url()
    assert len(client.get(url).context["articles"]) == 20
    assert len(client.get(url + "?page=2").context["articles"]) == 1
    assert client.get(url + "?page=3").status_code == 404
    assert client.get(url + "?page=x").status_code == 404
    assert 'rel="next"' in client.get(url).content.decode()


@pytest.mark.django_db
def test_no_draft_or_scheduled_story_on_any_public_route(client, edition):
    """Walk every public page, feed and sitemap, following links, and find the hidden stories nowhere."""
    hidden = [edition["draft"], edition["scheduled"]]
    secrets = ["Долбоор сыр", "Келечек сыр", "Будущее тайна"] + [
        url for story in hidden for url in (story.get_absolute_url("ky"), story.get_absolute_url("ru")) if url
    ]
    for story in hidden:
        assert client.get(story.get_absolute_url("ky")).status_code == 404
    queue = [
        "/ky/",
        "/ru/",
        "/en/",
        "/robots.txt",
        "/sitemap.xml",
        "/sitemap-stories.xml",
        "/sitemap-news.xml",
        "/sitemap-sections.xml",
        "/ky/feed/",
        "/ru/feed/",
        "/ky/exclusives/feed/",
        "/ky/section/koom/feed/",
        "/ky/authors/aigul/feed/",
        "/ky/search/?q=сыр",
        "/ru/search/?q=тайна",
        "/ky/search/?q=Келечек",
    ]
    seen = set()
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code in (200, 301), url
        body = response.content.decode()
        for secret in secrets:
            if "search" in url and secret in ("Келечек сыр",):
                continue
            assert secret not in body.replace("q=", ""), (url, secret)
        for href in re.findall(r'(?:href|<loc>)="?(?:http://testserver)?(/[^"<\s]*)', body):
            if not href.startswith(("/static/", "/media/", "/admin/")) and href not in seen:
                queue.append(href.replace("&amp;", "&"))
    assert len(seen) > 20


def _fill(n):
    section, tag, author = make_section(), make_tag(), make_author()
    for i in range(n):
        make_article(section=section, tags=[tag], authors=[author], is_exclusive=i % 3 == 0, headline_ru=f"Новость {i}")
    return section, tag, author


@pytest.mark.django_db
@pytest.mark.parametrize("n", [5, 50])
def test_list_pages_run_a_fixed_number_of_queries(client, django_assert_num_queries, n):
    section, tag, author = _fill(n)
    # Home: the page of stories, their count, the exclusives, the section blocks, the header's sections.
    with django_assert_num_queries(5):
        client.get("/ky/")
    # Section and tag: the object, the count, the stories, the header's sections.
    for url in (section.get_absolute_url(), tag.get_absolute_url(), author.get_absolute_url()):
        with django_assert_num_queries(4):
            client.get(url)
    with django_assert_num_queries(3):
        client.get("/ky/exclusives/")
    with django_assert_num_queries(3):
        client.get("/ky/search/?q=Жаңылык")
    # Feeds: the stories, their bylines, their tags (and the section or author).
    with django_assert_num_queries(3):
        client.get("/ky/feed/")
    with django_assert_num_queries(4):
        client.get(section.get_absolute_url() + "feed/")
    with django_assert_num_queries(4):
        client.get(f"/ky/authors/{author.slug}/feed/")


@pytest.mark.django_db
@pytest.mark.parametrize("n", [5, 50])
def test_the_story_page_runs_at_most_five_queries(client, django_assert_max_num_queries, n):
    section, tag, author = _fill(n)
    story = Article.objects.filter(section=section).first()
    # The story with its section, its bylines, its tags, the read-also block, the header's sections.
    with django_assert_max_num_queries(5):
        assert client.get(story.get_absolute_url("ky")).status_code == 200


def test_the_500_page_is_in_the_site_design_and_language(rf):
    from django.utils import translation
    from django.views.defaults import server_error

    with translation.override("ru"):
        response = server_error(rf.get("/ru/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="ru">' in html
    assert '<link rel="stylesheet" href="/static/css/site.css">' in html
    assert Page(html).h1 == ["Ошибка сервера"]


@pytest.mark.django_db
def test_the_top_story_sits_beside_its_photo_only_when_it_has_one(client):
    from tests.factories import make_photo

    story = make_article(headline_ky="Сүрөтсүз кабар")
    page = client.get("/ky/").content.decode()
    assert '<article class="card card--big">' in page
    story.hero_photo = make_photo()
    story.save()
    page = client.get("/ky/").content.decode()
    assert '<article class="card card--big card--big-photo">' in page
