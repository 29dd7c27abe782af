"""A messenger or a search engine reads a story's head: title, description, canonical, hreflang, Open Graph, JSON-LD."""

import json
import re
from datetime import datetime
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest

from articles.models import Article
from tests.factories import make_article, make_author, make_photo, make_section, make_tag

WHEN = datetime(2026, 3, 5, 4, 30, tzinfo=ZoneInfo("UTC"))
BASE = "http://testserver"


class Head(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.meta, self.links, self.title, self._in_title = [], [], "", False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and "content" in a:
            self.meta.append((a.get("property") or a.get("name"), a["content"]))
        elif tag == "link":
            self.links.append(a)
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def values(self, name):
        return [content for key, content in self.meta if key == name]

    def alternates(self):
        return [(a["hreflang"], a["href"]) for a in self.links if a.get("rel") == "alternate" and a.get("hreflang")]


@pytest.fixture
def story():
    section = make_section(name_ky="Коом", slug_ky="koom", name_ru="Общество", slug_ru="obshchestvo")
    author = make_author(name_ky="Айгүл Сыдыкова", slug="aigul")
    article = make_article(
        headline_ky="Жаңы мектеп ачылды",
        lead_ky="Бишкекте 1200 окуучуга мектеп ачылды.",
        headline_ru="Открылась новая школа",
        lead_ru="В Бишкеке открылась школа.",
        section=section,
        tags=[make_tag(name_ky="Билим", slug_ky="bilim", name_ru="Образование", slug_ru="obrazovanie")],
        authors=[author],
        published_at=WHEN,
    )
    Article.objects.filter(pk=article.pk).update(updated_at=datetime(2026, 3, 6, 3, 0, tzinfo=ZoneInfo("UTC")))
    return Article.objects.get(pk=article.pk)


def head(client, url):
    html = client.get(url).content.decode()
    return Head(html), html


@pytest.mark.django_db
def test_title_description_canonical_and_hreflang(client, story):
    ky, ru = BASE + story.get_absolute_url("ky"), BASE + story.get_absolute_url("ru")
    parsed, _ = head(client, story.get_absolute_url("ky"))
    assert parsed.title == "Жаңы мектеп ачылды — Newsroom"
    assert parsed.values("description") == ["Бишкекте 1200 окуучуга мектеп ачылды."]
    assert [a["href"] for a in parsed.links if a.get("rel") == "canonical"] == [ky]
    assert parsed.alternates() == [("ky", ky), ("ru", ru), ("x-default", ky)]


@pytest.mark.django_db
def test_hreflang_lists_only_the_translations_there_are(client):
    lonely = make_article(headline_ky="", lead_ky="", body_ky="", headline_ru="Только по-русски")
    url = BASE + lonely.get_absolute_url("ru")
    assert head(client, lonely.get_absolute_url("ru"))[0].alternates() == [("ru", url), ("x-default", url)]


@pytest.mark.django_db
def test_open_graph_and_twitter_card(client, story):
    parsed, _ = head(client, story.get_absolute_url("ky"))
    og = {key: content for key, content in parsed.meta if key and key.startswith(("og:", "twitter:"))}
    assert og == {
        "og:type": "article",
        "og:site_name": "Newsroom",
        "og:title": "Жаңы мектеп ачылды",
        "og:description": "Бишкекте 1200 окуучуга мектеп ачылды.",
        "og:url": BASE + story.get_absolute_url("ky"),
        "og:image": BASE + "/static/img/share-default.png",
        "og:image:width": "1200",
        "og:image:height": "630",
        "og:image:alt": "Жаңы мектеп ачылды",
        "og:locale": "ky_KG",
        "twitter:card": "summary_large_image",
        "twitter:title": "Жаңы мектеп ачылды",
        "twitter:description": "Бишкекте 1200 окуучуга мектеп ачылды.",
        "twitter:image": BASE + "/static/img/share-default.png",
    }
    assert parsed.values("article:published_time") == ["2026-03-05T10:30:00+06:00"]
    assert parsed.values("article:modified_time") == ["2026-03-06T09:00:00+06:00"]
    assert parsed.values("article:author") == [BASE + "/ky/authors/aigul/"]
    assert parsed.values("article:section") == ["Коом"]
    assert parsed.values("article:tag") == ["Билим"]


@pytest.mark.django_db
def test_the_story_photo_is_the_share_image_when_there_is_one(client, story):
    photo = make_photo(1600, 1000)
    Article.objects.filter(pk=story.pk).update(hero_photo=photo)
    crop = BASE + "/media/" + photo.renditions["social"]["name"]
    parsed, html = head(client, story.get_absolute_url("ky"))
    assert parsed.values("og:image") == [crop]
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["image"] == [crop]


@pytest.mark.django_db
def test_json_ld_news_article_has_exact_values(client, story):
    _, html = head(client, story.get_absolute_url("ru"))
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    url = BASE + story.get_absolute_url("ru")
    assert json.loads(blocks[0]) == {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Открылась новая школа",
        "description": "В Бишкеке открылась школа.",
        "datePublished": "2026-03-05T10:30:00+06:00",
        "dateModified": "2026-03-06T09:00:00+06:00",
        "author": [{"@type": "Person", "name": "Айгүл Сыдыкова", "url": BASE + "/ru/authors/aigul/"}],
        "publisher": {
            "@type": "Organization",
            "name": "Newsroom",
            "url": BASE + "/",
            "logo": {"@type": "ImageObject", "url": BASE + "/static/img/logo.png", "width": 600, "height": 60},
        },
        "image": [BASE + "/static/img/share-default.png"],
        "inLanguage": "ru",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "isAccessibleForFree": True,
        "articleSection": "Общество",
        "keywords": ["Образование"],
    }


@pytest.mark.django_db
def test_json_ld_cannot_be_broken_out_of(client):
    story = make_article(headline_ky="</script><script>alert(1)</script>", lead_ky="a & b")
    _, html = head(client, story.get_absolute_url("ky"))
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "\\u003C/script\\u003E" in block
    assert json.loads(block)["headline"] == "</script><script>alert(1)</script>"


@pytest.mark.django_db
def test_list_pages_have_a_canonical_and_the_default_share_image(client, story):
    parsed, _ = head(client, "/ky/section/koom/")
    assert [a["href"] for a in parsed.links if a.get("rel") == "canonical"] == [BASE + "/ky/section/koom/"]
    assert parsed.values("og:image") == [BASE + "/static/img/share-default.png"]
    assert (
        parsed.values("og:description")
        == parsed.values("description")
        == ["Коом: Newsroom сайтынын акыркы материалдары."]
    )
    assert ("ru", BASE + "/ru/section/obshchestvo/") in parsed.alternates()
    tracked, _ = head(client, "/ky/section/koom/?utm_source=fb&page=1")
    assert [a["href"] for a in tracked.links if a.get("rel") == "canonical"] == [BASE + "/ky/section/koom/"]
    search, _ = head(client, "/ky/search/?q=мектеп")
    assert search.values("robots") == ["noindex, follow"]


def test_the_default_share_image_is_1200_by_630():
    from django.contrib.staticfiles import finders
    from PIL import Image

    with Image.open(finders.find("img/share-default.png")) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))


@pytest.mark.django_db
def test_a_story_without_a_byline_is_the_newsrooms_own_in_json_ld(client):
    story = make_article(headline_ky="Редакциядан")
    html = client.get(story.get_absolute_url("ky")).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["author"] == [{"@type": "Organization", "name": "Newsroom"}]


@pytest.mark.django_db
def test_an_edition_or_list_with_nothing_in_it_is_not_indexed(client):
    # An empty page (the English edition before its first story) must not enter search engines.
    make_article()
    assert '<meta name="robots" content="noindex, follow">' in client.get("/en/").content.decode()
    assert 'name="robots"' not in client.get("/ky/").content.decode()
