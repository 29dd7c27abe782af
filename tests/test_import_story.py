"""A journalist or script imports a story from the plain-text form of a published page."""

import io
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from articles.text import parse_story_text


def fixture_parts(path):
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    chrome = "VK X OK WhatsApp Telegram"
    start = lines.index(chrome) + 1
    return lines[0], lines[start : lines.index(chrome, start)]


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("import_story", *args, stdout=out)
    return out.getvalue().strip().splitlines()[-1]


@pytest.mark.django_db
def test_the_reference_story_imports_exactly(fixture_path):
    headline, paragraphs = fixture_parts(fixture_path)
    path = run(str(fixture_path), "--language", "ky", "--publish")
    article = Article.objects.get()
    assert article.headline_ky == headline
    assert len(headline) == 103
    assert [author.name_ky for author in article.authors.all()] == ["Ирэн Орлонская"]
    assert article.is_exclusive is True
    assert article.exclusive_flagged_by is None and article.exclusive_flagged_at is not None
    assert article.lead_ky == paragraphs[0]
    assert article.body_ky.count("<p>") == 8
    assert article.body_ky == "\n".join(f"<p>{p}</p>" for p in paragraphs[1:])
    assert "«Ички иштер министрлиги коюлган тапшырмаларды" in article.body_ky
    for chrome in ("WhatsApp", "Telegram", "Дагы окуңуз"):
        assert chrome not in article.body_ky
    assert article.created_by is None
    assert article.status == "published"
    assert path == "/ky/news/kyrgyzstandyn-ichki-ishter-ministrliginde-2025-zhyldagy-ishmerduuluktun/"


@pytest.mark.django_db
def test_a_draft_prints_the_path_it_will_have(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Өкмөт жаңы мыйзам кабыл алды\n\nАйгүл Сыдыкова\n\nБир гана абзац.\n", encoding="utf-8")
    assert run(str(story), "--language", "ky") == "/ky/news/okmot-zhangy-myizam-kabyl-aldy/"
    article = Article.objects.get()
    assert (article.status, article.published_at, article.lead_ky, article.body_ky) == (
        "draft",
        None,
        "Бир гана абзац.",
        "",
    )
    assert article.is_exclusive is False


@pytest.mark.django_db
def test_authors_are_matched_by_name_in_byline_order(tmp_path):
    from tests.factories import make_author

    known = make_author(name_ky="Нурлан Асанов")
    story = tmp_path / "story.txt"
    story.write_text("Башкы сөз\n\nАйгүл Сыдыкова, Нурлан Асанов\n\nЛид.\n\nТекст.\n", encoding="utf-8")
    run(str(story), "--language", "ky")
    article = Article.objects.get()
    assert [a.name_ky for a in article.byline_authors()] == ["Айгүл Сыдыкова", "Нурлан Асанов"]
    assert article.byline_authors()[1] == known


@pytest.mark.django_db
def test_a_russian_story_and_a_section(tmp_path):
    from tests.factories import make_section

    make_section(slug_ru="obshchestvo", slug_ky="koom")
    story = tmp_path / "story.txt"
    story.write_text("Щедрый урожай в Чуйской области\n\nИрэн Орлонская Эксклюзив\n\nЛид.\n", encoding="utf-8")
    assert run(str(story), "--language", "ru", "--section", "obshchestvo") == (
        "/ru/news/shchedryi-urozhai-v-chuiskoi-oblasti/"
    )
    article = Article.objects.get()
    assert article.section.slug_ru == "obshchestvo" and article.is_exclusive
    assert article.headline_ky is None


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "is empty"),
        (b"   \n\n  ", "is empty"),
        (b"\x00\xff\xfe binary \x89PNG", "binary file"),
        ("Новости\n\nАвтор\n\nТекст".encode("cp1251"), "not UTF-8"),
        ("Баш сөз\n".encode(), "no byline"),
        ("Баш сөз\n\nАйгүл Сыдыкова\n".encode(), "no text after the byline"),
        (b"VK X OK WhatsApp Telegram\n", "no headline"),
        ("Баш сөз\n\nАвтор\n\nТекст".encode("utf-16"), "is UTF-16 text: save it as UTF-8"),
    ],
)
@pytest.mark.django_db
def test_bad_input_is_refused_and_nothing_is_written(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(str(path), "--language", "ky")
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_unknown_section_and_duplicate_are_refused(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Баш сөз\n\nАйгүл Сыдыкова\n\nЛид.\n", encoding="utf-8")
    with pytest.raises(CommandError, match="no section with the slug 'nowhere'"):
        run(str(path), "--language", "ky", "--section", "nowhere")
    run(str(path), "--language", "ky")
    with pytest.raises(CommandError, match="already exists"):
        run(str(path), "--language", "ky")
    assert Article.objects.count() == 1


def test_the_command_line_exits_non_zero_with_one_line(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\x00\x01\x02")
    proc = subprocess.run(
        [sys.executable, "manage.py", "import_story", str(path), "--language", "ky"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"CommandError: {path} is a binary file, not UTF-8 text"


def test_parse_story_text_keeps_quotes_and_drops_chrome():
    story = parse_story_text(
        "Баш сөз\n\nИрэн Орлонская Эксклюзив\nVK X OK WhatsApp Telegram\n\nЛид.\n\n«Цитата», — деди ал.\n"
        "VK X OK WhatsApp Telegram\n\nДагы окуңуз:\nБашка кабар\n"
    )
    assert (story.headline, story.authors, story.exclusive) == ("Баш сөз", ["Ирэн Орлонская"], True)
    assert (story.lead, story.paragraphs) == ("Лид.", ["«Цитата», — деди ал."])


def test_invisible_characters_and_chrome_look_alikes_do_not_change_the_story():
    story = parse_story_text(
        "\ufeff\ufeff\u200bTelegram \x1bжаңы каналы\n\nАйгүл Сыдыкова\n\nЛид\x0bэки сап.\n\n"
        "See also the ministry's report, published on Monday.\n\nАкыркы абзац.\n\nRead also: Башка кабар\n"
    )
    assert story.headline == "Telegram жаңы каналы"  # no BOM, no zero-width space, no ESC
    assert (story.authors, story.lead) == (["Айгүл Сыдыкова"], "Лид")
    assert story.paragraphs == ["эки сап.", "See also the ministry's report, published on Monday.", "Акыркы абзац."]
    # A one-word headline is a headline, not a row of share buttons.
    assert parse_story_text("Telegram\n\nАйгүл Сыдыкова\n\nЛид.\n").headline == "Telegram"


@pytest.mark.django_db
def test_control_characters_never_reach_the_database_or_the_feeds(client, tmp_path):
    from tests.factories import make_article

    story = make_article(headline_ky="Баш\x1bсөз", lead_ky="Биринчи\x0bэкинчи\x00")
    story.refresh_from_db()
    assert (story.headline_ky, story.lead_ky) == ("Башсөз", "Биринчи\nэкинчи")
    assert client.get("/ky/feed/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/dev/zero", "/etc", "/nonexistent/story.txt"])
def test_anything_but_a_regular_file_is_refused(path):
    with pytest.raises(CommandError, match="is not a regular file"):
        run(path, "--language", "ky")
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_an_author_named_twice_is_one_byline(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Баш сөз\n\nАйгүл Сыдыкова, Айгүл Сыдыкова\n\nЛид.\n", encoding="utf-8")
    run(str(story), "--language", "ky")
    assert [a.name_ky for a in Article.objects.get().byline_authors()] == ["Айгүл Сыдыкова"]


@pytest.mark.django_db
def test_an_imported_story_starts_its_history_with_the_import(tmp_path):
    from reversion.models import Version

    from tests.factories import make_author

    make_author(name_ky="Нурлан Асанов")
    story = tmp_path / "kabar.txt"
    story.write_text("Башкы сөз\n\nАйгүл Сыдыкова, Нурлан Асанов\n\nЛид.\n\nТекст.\n", encoding="utf-8")
    run(str(story), "--language", "ky")
    article = Article.objects.get()
    (version,) = Version.objects.get_for_object(article)
    assert version.revision.get_comment() == "kabar.txt файлынан импорттолду"  # in the newsroom's language
    assert version.field_dict["headline_ky"] == "Башкы сөз"
    # The bylines are in the same revision (Article follows them), so a revert restores them too.
    bylines = version.revision.version_set.filter(content_type__model="byline")
    assert sorted(v.field_dict["position"] for v in bylines) == [0, 1]


@pytest.mark.django_db
def test_demo_stories_start_their_history_once_with_their_photo(settings, tmp_path, fixture_path):
    from io import StringIO

    from reversion.models import Version

    settings.NEWSROOM_DEMO_FIXTURE = fixture_path
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    for article in Article.objects.all():
        history = list(Version.objects.get_for_object(article).order_by("pk"))
        # The latest entry is the story as it stands: reverting to it loses neither photo nor tag.
        latest = history[-1].field_dict
        assert latest["hero_photo_id"] == article.hero_photo_id is not None
        assert sorted(latest["tags"]) == sorted(tag.pk for tag in article.tags.all())
        if article.headline_ky == fixture_parts(fixture_path)[0]:
            assert latest["tags"] != []
            assert [v.revision.get_comment() for v in history] == [
                "collegium-report.txt файлынан импорттолду",
                "Демо мазмун",
            ]
        else:
            assert [v.revision.get_comment() for v in history] == ["Демо мазмун"]


@pytest.mark.django_db
def test_demo_stories_have_a_writer_and_their_exclusive_who_flagged_it(settings, tmp_path):
    from io import StringIO

    settings.NEWSROOM_DEMO_FIXTURE = tmp_path / "absent.txt"
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert {a.created_by.username for a in Article.objects.all()} == {"journalist"}
    (exclusive,) = Article.objects.filter(is_exclusive=True)
    assert exclusive.exclusive_flagged_by.username == "editor"
    assert "  editor      username 'editor', password 'newsroom-editor-demo'" in out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "is not a regular file"),  # a folder
        (b"", "is empty"),
        ("Жаңы кабар\n\nАвтор\n\nТекст".encode("cp1251", errors="replace"), "not UTF-8"),
    ],
)
def test_load_demo_refuses_a_bad_reference_file_before_writing_anything(settings, tmp_path, content, message):
    fixture = tmp_path
    if content is not None:
        fixture = tmp_path / "reference.txt"
        fixture.write_bytes(content)
    settings.NEWSROOM_DEMO_FIXTURE = fixture
    with pytest.raises(CommandError, match=message):
        call_command("load_demo", stdout=io.StringIO())
    assert Article.objects.count() == 0
