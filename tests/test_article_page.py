"""A reader opens a story: headline, byline, date, lead, body, share buttons and «Дагы окуңуз»."""

from datetime import datetime, timedelta
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_author, make_section, make_tag


class Links(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.hrefs, self.h1, self.lang, self._in_h1 = [], [], None, False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a":
            self.hrefs.append(a.get("href"))
        elif tag == "h1":
            self._in_h1 = True
            self.h1.append("")
        elif tag == "html":
            self.lang = a.get("lang")

    def handle_endtag(self, tag):
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        if self._in_h1:
            self.h1[-1] += data


@pytest.fixture
def reference(fixture_path):
    call_command("import_story", str(fixture_path), "--language", "ky", "--publish", stdout=StringIO())
    return Article.objects.get()


@pytest.mark.django_db
def test_reference_story_page(client, reference):
    url = reference.get_absolute_url("ky")
    response = client.get(url)
    html = response.content.decode()
    page = Links(html)
    assert response.status_code == 200
    assert page.lang == "ky"
    assert page.h1 == [reference.headline_ky]
    assert "/ky/authors/iren-orlonskaia/" in page.hrefs
    assert '<span class="label-exclusive">Эксклюзив</span>' in html
    assert "«Биз коомдук тартипти камсыз кылууга" in html
    assert html.count("<p>") >= 8


@pytest.mark.django_db
def test_share_links_are_exact(client, reference):
    path = reference.get_absolute_url("ky")
    absolute = "http://testserver" + path
    u, t = quote(absolute, safe=""), quote(reference.headline_ky, safe="")
    html = client.get(path).content.decode()
    assert f'<link rel="canonical" href="{absolute}">' in html
    expected = [
        f"https://vk.com/share.php?url={u}&amp;title={t}",
        f"https://x.com/intent/post?url={u}&amp;text={t}",
        f"https://connect.ok.ru/offer?url={u}&amp;title={t}",
        f"https://api.whatsapp.com/send?text={t}%20{u}",
        f"https://t.me/share/url?url={u}&amp;text={t}",
    ]
    for href in expected:
        assert html.count(f'href="{href}"') == 2, href


@pytest.mark.django_db
def test_share_links_use_the_public_site_url(client, settings):
    settings.SITE_URL = "https://kabar.example.kg"
    article = make_article(headline_ky="Ош")
    html = client.get(article.get_absolute_url("ky")).content.decode()
    assert (
        'href="https://t.me/share/url?url=https%3A%2F%2Fkabar.example.kg%2Fky%2Fnews%2Fosh%2F&amp;text=%D0%9E%D1%88"'
        in html
    )


@pytest.mark.django_db
def test_date_is_in_bishkek_time_with_the_month_in_the_page_language(client):
    when = datetime(2026, 3, 5, 4, 30, tzinfo=ZoneInfo("UTC"))
    article = make_article(headline_ky="Нооруз", headline_ru="Навруз", published_at=when)
    ky = client.get(article.get_absolute_url("ky")).content.decode()
    ru = client.get(article.get_absolute_url("ru")).content.decode()
    assert '<time datetime="2026-03-05T10:30:00+06:00">' in ky
    # Kyrgyz writes the day as an ordinal and the month in lower case (newsroom/formats).
    assert "5-март 2026-ж., 10:30" in ky
    assert "5 марта 2026, 10:30" in ru


@pytest.mark.django_db
@pytest.mark.parametrize(
    "overrides",
    [
        {"status": Article.Status.DRAFT, "published_at": None},
        {"status": Article.Status.REVIEW, "published_at": None},
        {"status": Article.Status.PUBLISHED, "published_at": timezone.now() + timedelta(hours=2)},
    ],
)
def test_drafts_and_scheduled_stories_are_404_even_for_staff(client, editor, overrides):
    article = make_article(**overrides)
    assert client.get(article.get_absolute_url("ky")).status_code == 404
    client.force_login(editor)
    assert client.get(article.get_absolute_url("ky")).status_code == 404


@pytest.mark.django_db
def test_a_story_is_404_in_a_language_it_is_not_written_in(client):
    article = make_article(headline_ky="Кабар")
    assert client.get(article.get_absolute_url("ky")).status_code == 200
    assert client.get("/ru/news/kabar/").status_code == 404


@pytest.mark.django_db
def test_read_also_lists_same_section_or_tag_never_itself_nor_drafts(client):
    section, tag = make_section(), make_tag()
    story = make_article(section=section, tags=[tag])
    same_section = make_article(section=section)
    same_tag = make_article(tags=[tag])
    unrelated = make_article()
    draft = make_article(section=section, status=Article.Status.DRAFT)
    scheduled = make_article(section=section, published_at=timezone.now() + timedelta(days=1))
    response = client.get(story.get_absolute_url("ky"))
    assert [a.pk for a in response.context["related"]] == [same_tag.pk, same_section.pk]
    html = response.content.decode()
    assert "Дагы окуңуз" in html
    for hidden in (story, unrelated, draft, scheduled):
        assert f'<li><a href="{hidden.get_absolute_url("ky")}">' not in html


@pytest.mark.django_db
def test_no_read_also_block_when_there_is_nothing(client):
    story = make_article()
    assert "Дагы окуңуз" not in client.get(story.get_absolute_url("ky")).content.decode()


@pytest.mark.django_db
def test_labels_are_translated(client):
    section = make_section()
    story = make_article(
        headline_ru="Эксклюзивный материал", headline_en="An exclusive", is_exclusive=True, section=section
    )
    make_article(headline_ru="Другая новость", headline_en="Other news", section=section)
    ru = client.get(story.get_absolute_url("ru")).content.decode()
    en = client.get(story.get_absolute_url("en")).content.decode()
    assert "Эксклюзив</span>" in ru and "Читайте также" in ru
    assert "Exclusive</span>" in en and "Read also" in en
    assert '<html lang="ru">' in ru


def _story_with(n):
    section, tags = make_section(), [make_tag() for _ in range(n)]
    story = make_article(section=section, tags=tags, authors=[make_author() for _ in range(n)])
    for _ in range(n):
        make_article(section=section, tags=tags[:1], authors=[make_author()])
    return story


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 8])
def test_story_page_queries_do_not_grow(client, django_assert_num_queries, n):
    story = _story_with(n)
    # The story with its section, its bylines with authors, its tags, the read-also block, the
    # header's sections.
    with django_assert_num_queries(5):
        assert client.get(story.get_absolute_url("ky")).status_code == 200


@pytest.mark.django_db
def test_a_story_never_shows_another_languages_text(client):
    import feedparser

    make_article(
        headline_ky="Кыргызча", lead_ky="КЫРГЫЗЧА ЛИД", body_ky="<p>КЫРГЫЗЧА ТЕКСТ</p>", headline_ru="По-русски"
    )
    page = client.get("/ru/news/po-russki/").content.decode()
    assert "<h1" in page and "По-русски" in page
    assert "КЫРГЫЗЧА" not in page
    [entry] = feedparser.parse(client.get("/ru/feed/").content).entries
    assert entry.title == "По-русски" and "КЫРГЫЗЧА" not in entry.get("description", "")
    assert "По-русски" not in client.get("/ru/search/", {"q": "КЫРГЫЗЧА"}).content.decode()
