"""Story addresses are readable Latin slugs derived from Kyrgyz and Russian headlines."""

import pytest

from articles.text import latin_slug
from tests.factories import make_article


@pytest.mark.parametrize(
    "headline, slug",
    [
        ("Өкмөт жаңы мыйзам кабыл алды", "okmot-zhangy-myizam-kabyl-aldy"),
        (
            "Үй-бүлөлүк ишкерлер Ош шаарында жарманке өткөрүштү",
            "ui-buloluk-ishkerler-osh-shaarynda-zharmanke-otkorushtu",
        ),
        (
            "Щедрый урожай: цены на хлеб в Чуйской области снизились",
            "shchedryi-urozhai-tseny-na-khleb-v-chuiskoi-oblasti-snizilis",
        ),
        ("Съезд объявил «Безопасную страну» приоритетом", "sezd-obiavil-bezopasnuiu-stranu-prioritetom"),
        ("ЁЖ, ЭХО и ЮГ", "ezh-ekho-i-iug"),
    ],
)
def test_transliteration(headline, slug):
    assert latin_slug(headline) == slug


def test_long_headlines_are_cut_at_a_word_boundary_within_80_characters():
    slug = latin_slug(
        "Кыргызстандын Ички иштер министрлигинде 2025-жылдагы ишмердүүлүктүн жыйынтыктары боюнча коллегия өтүүдө"
    )
    assert slug == "kyrgyzstandyn-ichki-ishter-ministrliginde-2025-zhyldagy-ishmerduuluktun"
    assert len(latin_slug("сөз " * 60)) <= 80


@pytest.mark.django_db
def test_slugs_are_unique_per_language():
    first = make_article(headline_ky="Бишкекте кар жаады", headline_ru="В Бишкеке выпал снег")
    second = make_article(headline_ky="Бишкекте кар жаады")
    assert (first.slug_ky, first.slug_ru) == ("bishkekte-kar-zhaady", "v-bishkeke-vypal-sneg")
    assert second.slug_ky == "bishkekte-kar-zhaady-2"
    assert second.slug_ru is None


@pytest.mark.django_db
def test_the_admin_add_forms_leave_the_slug_to_the_server(client, editor):
    from articles.models import Article, Section, Tag
    from authors.models import Author
    from tests.admin_forms import read_form

    client.force_login(editor)
    for url, changes in [
        ("/admin/articles/article/add/", {"headline_ky": "Өкмөт жаңы мыйзам кабыл алды", "status": "draft"}),
        ("/admin/articles/section/add/", {"name_ky": "Саясат", "name_ru": "Политика"}),
        ("/admin/articles/tag/add/", {"name_ky": "Коопсуз өлкө"}),
        ("/admin/authors/author/add/", {"name_ky": "Айгүл Сыдыкова"}),
    ]:
        page = client.get(url).content.decode()
        assert 'data-prepopulated-fields="[]"' in page
        data = read_form(page)
        data.update(changes)
        assert client.post(url, data).status_code == 302, url
    assert Article.objects.get().slug_ky == "okmot-zhangy-myizam-kabyl-aldy"
    assert (Section.objects.get().slug_ky, Section.objects.get().slug_ru) == ("saiasat", "politika")
    assert Tag.objects.get().slug_ky == "koopsuz-olko"
    assert Author.objects.get().slug == "aigul-sydykova"
