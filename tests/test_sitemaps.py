"""A search engine crawls: robots.txt, the sitemap index, per-language story URLs with hreflang, Google News."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_section

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
    "n": "http://www.google.com/schemas/sitemap-news/0.9",
}
NOW = datetime(2026, 3, 10, 6, 0, tzinfo=ZoneInfo("UTC"))
BASE = "http://testserver"


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)  # noqa: S314 - our own response


@pytest.fixture
def stories():
    with time_machine.travel(NOW, tick=False):
        both = make_article(headline_ky="Мектеп", headline_ru="Школа", published_at=NOW - timedelta(hours=5))
        old = make_article(headline_ky="Эски кабар", published_at=NOW - timedelta(days=3))
        make_article(headline_ky="Долбоор", status=Article.Status.DRAFT)
        make_article(headline_ky="Келечек", published_at=NOW + timedelta(hours=5))
    return {"both": both, "old": old}


@pytest.mark.django_db
def test_robots_txt_names_the_index_and_the_news_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /ru/search/" in lines


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_index_lists_each_sitemap(client, stories):
    root = xml(client, "/sitemap.xml")
    assert [loc.text for loc in root.findall("s:sitemap/s:loc", NS)] == [
        f"{BASE}/sitemap-stories.xml",
        f"{BASE}/sitemap-sections.xml",
        f"{BASE}/sitemap-news.xml",
    ]


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_stories_in_each_language_with_hreflang_alternates_and_lastmod(client, stories):
    root = xml(client, "/sitemap-stories.xml")
    both, old = stories["both"], stories["old"]
    urls = {
        url.findtext("s:loc", namespaces=NS): (
            url.findtext("s:lastmod", namespaces=NS),
            [(link.get("hreflang"), link.get("href")) for link in url.findall("x:link", NS)],
        )
        for url in root.findall("s:url", NS)
    }
    ky, ru, old_ky = (
        BASE + both.get_absolute_url("ky"),
        BASE + both.get_absolute_url("ru"),
        BASE + old.get_absolute_url("ky"),
    )
    alternates = [("ky", ky), ("ru", ru), ("x-default", ky)]
    assert urls == {
        ky: ("2026-03-10T12:00:00+06:00", alternates),
        ru: ("2026-03-10T12:00:00+06:00", alternates),
        old_ky: ("2026-03-10T12:00:00+06:00", [("ky", old_ky), ("x-default", old_ky)]),
    }


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_google_news_lists_the_last_two_days(client, stories):
    root = xml(client, "/sitemap-news.xml")
    entries = [
        (
            url.findtext("s:loc", namespaces=NS),
            url.findtext("n:news/n:publication/n:name", namespaces=NS),
            url.findtext("n:news/n:publication/n:language", namespaces=NS),
            url.findtext("n:news/n:publication_date", namespaces=NS),
            url.findtext("n:news/n:title", namespaces=NS),
        )
        for url in root.findall("s:url", NS)
    ]
    both = stories["both"]
    assert entries == [
        (BASE + both.get_absolute_url("ky"), "Newsroom", "ky", "2026-03-10T07:00:00+06:00", "Мектеп"),
        (BASE + both.get_absolute_url("ru"), "Newsroom", "ru", "2026-03-10T07:00:00+06:00", "Школа"),
    ]


@pytest.mark.django_db
def test_section_sitemap_and_site_url(client, settings):
    settings.SITE_URL = "https://kabar.example.kg"
    society = make_section(
        name_ky="Коом", slug_ky="koom", name_ru="Общество", slug_ru="obshchestvo", name_en="Society", slug_en="society"
    )
    make_section(name_ky="Саясат", slug_ky="saiasat", name_en="Politics", slug_en="politics")
    make_article(section=society, headline_ky="Кабар", headline_ru="Новость")
    make_article(section=society, headline_en="Scheduled", published_at=timezone.now() + timedelta(hours=1))
    root = xml(client, "/sitemap-sections.xml")
    # Only the editions where the section page lists a public story: no English one (its only story
    # is scheduled), no empty Politics section.
    assert [u.findtext("s:loc", namespaces=NS) for u in root.findall("s:url", NS)] == [
        "https://kabar.example.kg/ky/section/koom/",
        "https://kabar.example.kg/ru/section/obshchestvo/",
    ]
    assert client.get("/robots.txt").content.decode().count("https://kabar.example.kg/sitemap") == 2
    assert client.get("/sitemap-nothing.xml").status_code == 404
