"""The story list and the change form as the desk uses them: translation status, exclusives, the body editor."""

import base64
import hashlib
import json
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_prose_editor.config import allowlist_from_extensions, expand_extensions

from articles.editor import BODY_EDITOR_EXTENSIONS, clean_body_html, importmap_csp_source
from articles.models import Article
from articles.text import BODY_ATTRIBUTES, BODY_TAGS, sanitize_body
from tests.admin_forms import change_form_data
from tests.factories import make_article, make_tag

CHANGELIST = "admin:articles_article_changelist"


@pytest.mark.django_db
def test_the_list_shows_for_each_language_whether_headline_lead_and_body_are_written(english_client, journalist):
    make_article(
        headline_ky="Толук",
        lead_ky="Лид.",
        body_ky="<p>Текст.</p>",
        headline_ru="Неполный",
        lead_ru="",
        body_ru="<p></p>",
        created_by=journalist,
    )
    english_client.force_login(journalist)
    page = english_client.get(reverse(CHANGELIST)).content.decode()
    cell = re.search(r'<td class="field-translation_status">(.*?)</td>', page).group(1)
    assert cell == (
        '<span class="translation translation--complete" title="headline, lead and body written">ky ✓</span> '
        '<span class="translation translation--partial" title="no lead, body">ru: no lead, body</span> '
        '<span class="translation translation--missing" title="not written">en —</span>'
    )


@pytest.mark.django_db
def test_editors_filter_exclusives_and_see_who_flagged_them_and_when(english_client, editor, journalist):
    editor.first_name, editor.last_name = "Аида", "Султанова"
    editor.save()
    flagged_at = datetime(2026, 11, 30, 4, 5, tzinfo=UTC)  # 10:05 in Bishkek
    make_article(
        headline_ky="Эксклюзив", is_exclusive=True, exclusive_flagged_by=editor, exclusive_flagged_at=flagged_at
    )
    make_article(headline_ky="Жөнөкөй")
    english_client.force_login(editor)
    response = english_client.get(reverse(CHANGELIST), {"exclusive": "yes"})
    assert [a.headline_ky for a in response.context["cl"].result_list] == ["Эксклюзив"]
    cell = re.search(r'<td class="field-exclusive">(.*?)</td>', response.content.decode()).group(1)
    assert cell == "★ by Аида Султанова, 30.11.2026 10:05"
    response = english_client.get(reverse(CHANGELIST), {"exclusive": "no"})
    assert [a.headline_ky for a in response.context["cl"].result_list] == ["Жөнөкөй"]
    # Flagged by import_story (no one), not "by ?".
    Article.objects.filter(headline_ky="Эксклюзив").update(exclusive_flagged_by=None)
    response = english_client.get(reverse(CHANGELIST), {"exclusive": "yes"})
    assert (
        re.search(r'<td class="field-exclusive">(.*?)</td>', response.content.decode()).group(1) == "★ 30.11.2026 10:05"
    )
    filters = [spec.title for spec in response.context["cl"].filter_specs]
    assert "exclusives" in filters
    # Journalists do not get the column.
    english_client.force_login(journalist)
    assert 'class="field-exclusive"' not in english_client.get(reverse(CHANGELIST)).content.decode()


@pytest.mark.django_db
def test_the_list_does_not_query_per_story(client, editor, journalist):
    client.force_login(editor)
    counts = []
    for stories in (1, 30):
        for _ in range(stories):
            make_article(is_exclusive=True, exclusive_flagged_by=editor, created_by=journalist)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(CHANGELIST)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_the_body_has_the_rich_text_editor_in_every_language_tab(client, editor):
    article = make_article()
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    for code in ("ky", "ru", "en"):
        textarea = re.search(rf'<textarea name="body_{code}"[^>]*>', page).group(0)
        assert f"mt-field-body-{code}" in textarea  # the language tab it sits in
        config = json.loads(
            re.search(r'data-django-prose-editor-configurable="([^"]*)"', textarea).group(1).replace("&quot;", '"')
        )
        assert set(config["extensions"]) >= set(BODY_EDITOR_EXTENSIONS)
    # Every asset comes from our own static files: the admin works offline.
    assert not re.search(r'(src|href)="(https?:)?//', page)
    # The only inline script is the editor's import map, which a CSP can allow by its hash.
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", page, re.S)
    assert len(inline) == 1
    digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
    assert importmap_csp_source() == f"'sha256-{digest}'"


def test_the_editor_offers_only_what_the_body_allow_list_keeps():
    allowed = allowlist_from_extensions(expand_extensions(BODY_EDITOR_EXTENSIONS))
    assert allowed["tags"] <= BODY_TAGS
    # sanitize_body sets a link's rel itself, and drops an ordered list's type (numbers are always
    # decimal): the only attributes the editor may write that do not survive.
    extra = {tag: attrs - BODY_ATTRIBUTES.get(tag, set()) for tag, attrs in allowed["attributes"].items()}
    assert {tag: attrs for tag, attrs in extra.items() if attrs} == {"a": {"rel"}, "ol": {"type", "data-type"}}


def test_what_the_editor_writes_survives_sanitizing():
    html = (
        "<h2>Подзаголовок</h2><p><strong>Жирный</strong>, <em>курсив</em>, <u>подчёркнутый</u>, <s>зачёркнутый</s>, "
        "H<sub>2</sub>O, м<sup>2</sup><br>новая строка</p><ul><li><p>пункт</p></li></ul><ol><li><p>первый</p></li>"
        '</ol><blockquote><p>цитата</p></blockquote><hr><p><a href="https://kabar.kg/" rel="noopener noreferrer">'
        "ссылка</a></p>"
    )
    assert sanitize_body(html) == html


def test_an_empty_editor_is_an_empty_body():
    assert [clean_body_html(v) for v in ("<p></p>", "<p><br></p>", "", None, "<p>Бар</p>")] == [
        "",
        "",
        "",
        None,
        "<p>Бар</p>",
    ]


@pytest.mark.django_db
def test_an_editor_saves_rich_text_and_script_is_dropped(client, editor):
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    client.force_login(editor)
    body = '<p>Текст <strong>маанилүү</strong></p><script>alert(1)</script><p onclick="x()">Акыркы</p>'
    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]), change_form_data(article, body_ru=body)
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body_ru == "<p>Текст <strong>маанилүү</strong></p><p>Акыркы</p>"


@pytest.mark.django_db
def test_a_nul_character_in_an_admin_search_is_ignored(client, editor):
    make_tag(name_ky="Бишкек")
    client.force_login(editor)
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "article", "field_name": "tags", "term": "Биш\x00"},
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Бишкек"]
    assert client.get("/admin/articles/article/", {"q": "\x00"}).status_code == 200


@pytest.mark.django_db
def test_a_thousand_word_admin_search_is_an_ordinary_search(client, editor):
    wanted = make_article(headline_ky="Бишкекте жаңы мектеп", status=Article.Status.DRAFT)
    client.force_login(editor)
    # Only the first 20 words count: the rest would overflow SQLite's expression depth.
    response = client.get("/admin/articles/article/", {"q": "бишкекте " + "а " * 999})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [wanted]
    term = "Биш " + "а " * 999
    autocomplete = client.get(
        "/admin/autocomplete/", {"app_label": "articles", "model_name": "article", "field_name": "tags", "term": term}
    )
    assert autocomplete.status_code == 200
    assert client.get("/admin/articles/article/", {"q": '"жаңы мектеп" бишкекте'}).context["cl"].result_count == 1


@pytest.mark.django_db
def test_admin_search_ignores_case_in_kyrgyz_letters(client, editor):
    wanted = make_article(headline_ky="Өкмөт Ңаалы жөнүндө", status=Article.Status.DRAFT)
    make_article(headline_ky="Бишкекте жаан", status=Article.Status.DRAFT)
    client.force_login(editor)
    response = client.get("/admin/articles/article/", {"q": "өкмөт ңаалы"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [wanted]


@pytest.mark.django_db
def test_the_desk_speaks_kyrgyz_where_djangos_own_catalogue_is_silent(client, editor):
    # Django 5.2 ships no Kyrgyz for these; locale_upstream/ky fills the gaps.
    client.force_login(editor)
    page = client.get("/admin/").content.decode()
    assert "Негизги мазмунга өтүү" in page and "Skip to main content" not in page
    assert "Теманы алмаштыруу (азыркы тема: автоматтык)" in page
    # django-axes' section, where editors lift lockouts, ships no Kyrgyz either.
    assert "Кирүү коопсуздугу" in page and "Кирүү аракеттери" in page
    assert "Axes" not in page and "Access attempts" not in page
    # Nor Select2, the tag, photo and author boxes: ours is loaded.
    form = client.get(reverse("admin:articles_article_add")).content.decode()
    assert '<script src="/static/admin/js/vendor/select2/i18n/ky.js">' in form
    assert "Эч нерсе табылган жок" in Path(finders.find("admin/js/vendor/select2/i18n/ky.js")).read_text()
    # django-reversion's history page has no Kyrgyz of its own either.
    history = client.get(reverse("admin:articles_article_history", args=[make_article().pk])).content.decode()
    assert "Мурунку версияга кайтаруу үчүн төмөнкү тизмеден датаны тандаңыз." in history
    calendar = client.get("/admin/jsi18n/").content.decode()
    assert '"Monday": ' + json.dumps("Дүйшөмбү") in calendar


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "edit_link"), [("ky", "Шилтемени өзгөртүү"), ("ru", "Изменить ссылку")])
def test_the_body_editors_dialogs_speak_the_desks_language(client, editor, language, edit_link):
    # django-prose-editor reads window.gettext when its module runs: the catalogue must come first.
    client.force_login(editor)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    page = client.get(reverse("admin:articles_article_change", args=[make_article().pk])).content.decode()
    assert page.index('<script src="/admin/jsi18n/">') < page.index('src="/static/django_prose_editor/editor.js"')
    catalogue = client.get("/admin/jsi18n/").content.decode()
    assert '"Edit Link": ' + json.dumps(edit_link) in catalogue
    # The toolbar's tooltips are not gettext'd by the editor: static/js/editor-labels.js asks the
    # catalogue for each once the page has loaded.
    assert '<script src="/static/js/editor-labels.js"></script>' in page
    toolbar = {
        "ky": {"bold": "калың", "insert link": "шилтеме коюу"},
        "ru": {"bold": "полужирный", "insert link": "вставить ссылку"},
    }
    for english, text in toolbar[language].items():
        assert f"{json.dumps(english)}: {json.dumps(text)}" in catalogue


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_admins_javascript_catalogue_has_every_plural_form(client, editor, language):
    # The browser gets one catalogue with one plural rule: a rule with more forms than Django's
    # own catalogue has would blank the list's "1 of 6 selected" counter.
    client.force_login(editor)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    catalogue = client.get("/admin/jsi18n/").content.decode()
    forms = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", catalogue, re.S).group(1))
    plurals = {msgid: text for msgid, text in forms.items() if isinstance(text, list)}
    assert "%(sel)s of %(cnt)s selected" in plurals
    assert all(all(plurals[msgid]) for msgid in plurals), [m for m, t in plurals.items() if not all(t)]


@pytest.mark.django_db
def test_the_story_list_is_titled_stories(client, editor):
    client.force_login(editor)
    page = client.get(reverse(CHANGELIST)).content.decode()
    assert "<h1>Макалалар</h1>" in page
    assert 'id="nav-sidebar"' not in page  # its width pushed the list's last columns out at 1280 px
    form = client.get(reverse("admin:articles_article_add")).content.decode()
    assert "<h1>Макала кошуу</h1>" in form
    assert '<a href="/admin/articles/">Редакция</a>' in form  # not "Макалалар › Макалалар"
    make_article()
    make_article()
    # Kyrgyz keeps the noun singular after a number: not "2 макалалар".
    page = client.get(reverse(CHANGELIST)).content.decode()
    assert "Бардыгы: 2" in page and "2 макалалар" not in page
    assert "өзгөртүү үчүн тандоо" not in page  # Django's "Select story to change"


@pytest.mark.django_db
def test_the_error_summary_is_kyrgyz_for_one_error_and_for_several(client, editor):
    article = make_article(headline_ky="Жаңылык", status=Article.Status.DRAFT)
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    one = client.post(url, change_form_data(article, status="nonsense")).content.decode()
    assert '<p class="errornote">\n    Төмөнкү катаны оңдоңуз.\n    </p>' in one
    several = client.post(url, change_form_data(article, status="nonsense", section="999999")).content.decode()
    assert '<p class="errornote">\n    Төмөнкү каталарды оңдоңуз.\n    </p>' in several


# What the desk saw in a browser (a newcomer's review).


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["ru", "en"])
def test_a_story_written_only_in_russian_or_english_can_be_added(english_client, journalist, code):
    from tests.admin_forms import read_form

    english_client.force_login(journalist)
    url = "/admin/articles/article/add/"
    page = english_client.get(url).content.decode()
    # No language's headline is marked required: the form asks for one in any language.
    assert not re.search(r'<label[^>]*class="required"[^>]*for="id_headline_', page)
    data = read_form(page)
    data.update({f"headline_{code}": "В Бишкеке выпал снег", "status": "draft"})
    assert english_client.post(url, data).status_code == 302
    story = Article.objects.get()
    assert (story.headline_ky, getattr(story, f"headline_{code}")) == (None, "В Бишкеке выпал снег")
    # With no headline at all, the one message says what is missing.
    data[f"headline_{code}"] = ""
    response = english_client.post(url, data)
    assert response.status_code == 200
    assert "Write the headline in at least one language." in response.content.decode()
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_the_list_names_every_story_whatever_the_admins_language(english_client, editor):
    make_article(headline_ky="Бишкекте кар жаады")
    make_article(headline_ky=None, slug_ky=None, headline_ru="В Оше открылась школа")
    english_client.force_login(editor)
    page = english_client.get(reverse(CHANGELIST)).content.decode()
    # The first column links each row to its story: its text is the headline, never "-".
    links = re.findall(r'<th class="field-\w+"><a href="/admin/articles/article/\d+/change/">([^<]*)</a>', page)
    assert sorted(links) == ["Бишкекте кар жаады", "В Оше открылась школа"]


@pytest.mark.django_db
def test_view_on_site_is_offered_only_for_a_public_story(client, editor):
    from django.utils import timezone

    public = make_article(headline_ky="Бишкекте кар жаады")
    draft = make_article(headline_ky="Долбоор", status=Article.Status.DRAFT)
    scheduled = make_article(headline_ky="Эртең", published_at=timezone.now() + timezone.timedelta(hours=1))
    client.force_login(editor)
    public_page = client.get(reverse("admin:articles_article_change", args=[public.pk])).content.decode()
    assert f'<a href="{public.get_absolute_url("ky")}" class="viewsitelink">' in public_page
    for story in (draft, scheduled):
        page = client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
        assert 'class="viewsitelink"' not in page


@pytest.mark.django_db
def test_a_read_only_story_says_why(english_client, journalist, other_journalist, editor):
    from datetime import timedelta

    from django.utils import timezone

    colleagues = make_article(headline_ky="Кесиптештин кабары", created_by=other_journalist, status="draft")
    own_published = make_article(headline_ky="Менин кабарым", created_by=journalist)
    own_draft = make_article(headline_ky="Долбоор", created_by=journalist, status="draft")
    english_client.force_login(journalist)

    def message(story):
        page = english_client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
        found = re.search(r'<li class="info">([^<]*)</li>', page)
        return found and found.group(1)

    assert message(colleagues) == "This is a colleague’s story: you can read it, and an editor can change it."
    assert message(own_published) == (
        "This story is published: from now on only an editor can change it. Ask an editor for a correction."
    )
    assert message(own_draft) is None
    own_scheduled = make_article(
        headline_ky="Эртеңки", created_by=journalist, published_at=timezone.now() + timedelta(hours=2)
    )
    assert message(own_scheduled) == "This story is scheduled: only an editor can change it now."
    english_client.force_login(editor)
    assert message(colleagues) is None


@pytest.mark.django_db
def test_a_forbidden_admin_page_explains_in_the_sites_own_page(english_client, journalist):
    import reversion
    from reversion.models import Version

    story = make_article(headline_ky="Менин кабарым", created_by=journalist, status="draft")
    with reversion.create_revision():
        story.save()
    story.status = Article.Status.PUBLISHED
    story.save()
    version = Version.objects.get_for_object(story).get()
    english_client.force_login(journalist)
    response = english_client.get(reverse("admin:articles_article_revision", args=[story.pk, version.pk]))
    assert response.status_code == 403
    page = response.content.decode()
    assert '<h1 class="page-title">Not allowed</h1>' in page
    assert '<a href="/admin/">Back to the desk</a>' in page


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "header"), [("ky", "редакциянын панели"), ("ru", "панель редакции")])
def test_the_admin_is_the_newsrooms_desk_in_the_editors_language(client, editor, settings, language, header):
    client.force_login(editor)
    page = client.get("/admin/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'<a href="/admin/">{settings.NEWSROOM_SITE_NAME} · {header}</a>' in page
    assert "Django" not in re.search(r"<title>(.*?)</title>", page).group(1)


STORY_LANGUAGE_TAB = Path(__file__).resolve().parent.parent / "static" / "js" / "story-language-tab.js"


@pytest.mark.django_db
def test_the_change_form_loads_the_script_that_opens_the_written_language(client, editor):
    client.force_login(editor)
    story = make_article(headline_ky=None, slug_ky=None, headline_ru="В Оше открылась школа")
    page = client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    assert '<script src="/static/js/story-language-tab.js"></script>' in page


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js to run the admin's script")
@pytest.mark.parametrize(
    ("current", "written", "index"),
    [
        ("ky", ["ru"], 1),  # a Russian story in a Kyrgyz admin opens on its Russian tab
        ("ky", ["ru", "en"], 1),
        ("en", ["ky", "ru"], 0),
        ("ru", ["ky", "ru"], -1),  # written in the admin's language: left as it is
        ("ky", [], -1),  # a new story
    ],
)
def test_the_story_form_opens_on_a_language_the_story_is_written_in(current, written, index):
    script = (
        f"const {{ storyLanguageIndex }} = require({json.dumps(str(STORY_LANGUAGE_TAB))});"
        f"console.log(storyLanguageIndex(['ky', 'ru', 'en'], {json.dumps(current)}, {json.dumps(written)}));"
    )
    result = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True, timeout=30)
    assert result.stdout.strip() == str(index)


@pytest.mark.django_db
def test_a_scheduled_stories_form_says_when_it_goes_live(english_client, editor):
    when = datetime(2030, 1, 1, 3, 0, tzinfo=UTC)  # 09:00 in Bishkek
    story = make_article(headline_ky="Эртеңки кабар", published_at=when)
    english_client.force_login(editor)
    page = english_client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    assert '<li class="warning">Scheduled for 01.01.2030 09:00 (Bishkek)</li>' in page
    live = make_article(headline_ky="Бүгүнкү кабар")
    page = english_client.get(reverse("admin:articles_article_change", args=[live.pk])).content.decode()
    assert "Scheduled for" not in page


@pytest.mark.django_db
def test_view_on_site_never_links_to_a_404(client, editor):
    # A cleared Kyrgyz headline keeps its slug: the Kyrgyz address answers 404.
    story = make_article(headline_ky="", slug_ky="kalgan", headline_ru="Рус", slug_ru="rus")
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_change", args=[story.pk]), HTTP_ACCEPT_LANGUAGE="ky")
    links = re.findall(r'href="([^"]+)" class="viewsitelink"', page.content.decode())
    assert links == ["/ru/news/rus/"]
    client.logout()
    assert client.get(links[0]).status_code == 200


@pytest.mark.django_db
def test_no_message_about_a_story_reaches_staff_who_may_not_see_it(english_client, django_user_model):
    from datetime import timedelta

    from django.utils import timezone

    story = make_article(published_at=timezone.now() + timedelta(days=1))
    english_client.force_login(django_user_model.objects.create_user("nobody", is_staff=True))
    assert english_client.get(reverse("admin:articles_article_change", args=[story.pk])).status_code == 403
    assert "Scheduled for" not in english_client.get(reverse("admin:index")).content.decode()
