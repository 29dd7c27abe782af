"""A feed reader subscribes: RSS 2.0 per edition, section, author and for the exclusives, parsed by feedparser."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import feedparser
import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_author, make_photo, make_section, make_tag

WHEN = datetime(2026, 3, 5, 4, 30, tzinfo=ZoneInfo("UTC"))


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    return feed


@pytest.fixture
def stories():
    section = make_section(name_ky="Коом", slug_ky="koom", name_ru="Общество", slug_ru="obshchestvo")
    tag = make_tag(name_ky="Бишкек", slug_ky="bishkek", name_ru="Бишкек", slug_ru="bishkek")
    first, second = make_author(name_ky="Айгүл Сыдыкова", slug="aigul"), make_author(name_ky="Нурлан Ж.", slug="nurlan")
    school = make_article(
        headline_ky="Жаңы мектеп ачылды",
        lead_ky="Бишкекте 1200 окуучуга мектеп ачылды.",
        headline_ru="Открылась новая школа",
        lead_ru="В Бишкеке открылась школа на 1200 учеников.",
        section=section,
        tags=[tag],
        authors=[first, second],
        published_at=WHEN,
        is_exclusive=True,
    )
    road = make_article(
        headline_ky="Жол курулду", lead_ky="Жол бүттү.", authors=[second], published_at=WHEN - timedelta(days=1)
    )
    make_article(headline_ky="Долбоор", status=Article.Status.DRAFT, section=section, authors=[first])
    make_article(
        headline_ky="Эртең",
        headline_ru="Завтра",
        section=section,
        authors=[first],
        published_at=timezone.now() + timedelta(hours=1),
    )
    return {"school": school, "road": road}


@pytest.mark.django_db
def test_the_edition_feed_lists_public_stories_with_exact_entries(client, stories):
    feed = parse(client, "/ky/feed/")
    assert feed.feed.title == "Newsroom"
    assert feed.feed.link == "http://testserver/ky/"
    assert feed.feed.language == "ky"
    assert [e.title for e in feed.entries] == ["Жаңы мектеп ачылды", "Жол курулду"]
    school = feed.entries[0]
    assert school.link == "http://testserver" + stories["school"].get_absolute_url("ky")
    assert school.summary == "Бишкекте 1200 окуучуга мектеп ачылды."
    assert school.author == "Айгүл Сыдыкова, Нурлан Ж."
    assert [t.term for t in school.tags] == ["Коом", "Бишкек"]
    assert school.published == "Thu, 05 Mar 2026 04:30:00 +0000"
    assert school.id == school.link
    assert "enclosures" not in school or school.enclosures == []


@pytest.mark.django_db
def test_the_russian_feed_has_only_russian_stories(client, stories):
    feed = parse(client, "/ru/feed/")
    assert feed.feed.language == "ru"
    assert [(e.title, e.summary) for e in feed.entries] == [
        ("Открылась новая школа", "В Бишкеке открылась школа на 1200 учеников.")
    ]
    assert [t.term for t in feed.entries[0].tags] == ["Общество", "Бишкек"]


@pytest.mark.django_db
def test_section_author_and_exclusives_feeds(client, stories):
    assert [e.title for e in parse(client, "/ky/section/koom/feed/").entries] == ["Жаңы мектеп ачылды"]
    assert parse(client, "/ky/section/koom/feed/").feed.title == "Коом — Newsroom"
    assert [e.title for e in parse(client, "/ky/authors/nurlan/feed/").entries] == ["Жаңы мектеп ачылды", "Жол курулду"]
    assert [e.title for e in parse(client, "/ky/exclusives/feed/").entries] == ["Жаңы мектеп ачылды"]
    assert [e.title for e in parse(client, "/ru/section/obshchestvo/feed/").entries] == ["Открылась новая школа"]
    assert client.get("/ky/section/nothing/feed/").status_code == 404
    assert client.get("/ky/authors/nobody/feed/").status_code == 404


@pytest.mark.django_db
def test_an_entry_carries_the_hero_image_when_the_story_has_one(client, stories):
    photo = make_photo(1600, 1000)
    Article.objects.filter(pk=stories["school"].pk).update(hero_photo=photo)
    entry = parse(client, "/ky/feed/").entries[0]
    social = photo.renditions["social"]
    assert social["bytes"] > 0
    assert [(e.href, e.type, e.length) for e in entry.enclosures] == [
        (f"http://testserver/media/{social['name']}", "image/jpeg", str(social["bytes"]))
    ]


@pytest.mark.django_db
def test_the_feed_costs_the_same_queries_with_photos(client, stories, django_assert_num_queries):
    for article in Article.objects.all():
        Article.objects.filter(pk=article.pk).update(hero_photo=make_photo(300, 200))
    # The stories with sections and photos, their bylines, their tags.
    with django_assert_num_queries(3):
        assert client.get("/ky/feed/").status_code == 200


@pytest.mark.django_db
def test_feed_links_use_the_public_site_url(client, stories, settings):
    settings.SITE_URL = "https://kabar.example.kg"
    feed = parse(client, "/ky/feed/")
    assert feed.entries[0].link == "https://kabar.example.kg" + stories["school"].get_absolute_url("ky")
