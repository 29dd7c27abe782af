"""Who may do what to a story, through the admin's own views: the permission matrix of issue 4.

Each cell is what a role gets for an action: the exact response and whether the story changed.
The journalist-owner created the story; the other journalist did not.
"""

from datetime import UTC, datetime

import pytest
import reversion
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.models import Article
from tests.admin_forms import INLINE_MANAGEMENT, change_form_data
from tests.factories import make_article

ROLES = ["anonymous", "owner", "other_journalist", "editor"]
FUTURE = datetime(2030, 1, 1, 3, 0, tzinfo=UTC)  # 09:00 in Bishkek

# What each role gets: "done" (the change is made; the admin redirects), "refused" (the form comes
# back with an error and nothing changes), "ignored" (the form saves, the forged field is not read),
# "forbidden" (403), "login" (sent to the admin's login page).
MATRIX = {
    "create": {"anonymous": "login", "owner": "done", "other_journalist": "done", "editor": "done"},
    "edit draft": {"anonymous": "login", "owner": "done", "other_journalist": "forbidden", "editor": "done"},
    "edit published": {"anonymous": "login", "owner": "forbidden", "other_journalist": "forbidden", "editor": "done"},
    "submit": {"anonymous": "login", "owner": "done", "other_journalist": "forbidden", "editor": "done"},
    "publish": {"anonymous": "login", "owner": "refused", "other_journalist": "forbidden", "editor": "done"},
    "schedule": {"anonymous": "login", "owner": "refused", "other_journalist": "forbidden", "editor": "done"},
    "unpublish": {"anonymous": "login", "owner": "ignored", "other_journalist": "ignored", "editor": "done"},
    "flag exclusive": {"anonymous": "login", "owner": "ignored", "other_journalist": "forbidden", "editor": "done"},
    "delete draft": {"anonymous": "login", "owner": "done", "other_journalist": "forbidden", "editor": "done"},
    "delete published": {"anonymous": "login", "owner": "forbidden", "other_journalist": "forbidden", "editor": "done"},
    "revert": {"anonymous": "login", "owner": "done", "other_journalist": "forbidden", "editor": "done"},
}
STATUS = {"done": 302, "refused": 200, "ignored": 302, "forbidden": 403, "login": 302}


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def draft_of(owner):
    return make_article(status=Article.Status.DRAFT, published_at=None, created_by=owner, headline_ky="Долбоор")


def published_of(owner):
    return make_article(created_by=owner, headline_ky="Жарыяланган")


def post_change(client, article, **changes):
    return client.post(change_url(article), change_form_data(article, **changes))


# Each action: (response, the story as it is afterwards or None when gone, whether the change happened).


def create(client, owner):
    data = {**change_form_data(Article(headline_ky="Жаңы макала")), "base_version": ""}
    response = client.post(reverse("admin:articles_article_add"), data)
    created = Article.objects.filter(headline_ky="Жаңы макала").first()
    return response, created is not None


def edit_draft(client, owner):
    article = draft_of(owner)
    response = post_change(client, article, headline_ky="Оңдолгон аталыш")
    article.refresh_from_db()
    return response, article.headline_ky == "Оңдолгон аталыш"


def edit_published(client, owner):
    article = published_of(owner)
    response = post_change(client, article, lead_ky="Жаңы лид.")
    article.refresh_from_db()
    return response, article.lead_ky == "Жаңы лид."


def submit(client, owner):
    article = draft_of(owner)
    response = post_change(client, article, status=Article.Status.REVIEW)
    article.refresh_from_db()
    return response, article.status == Article.Status.REVIEW


def publish(client, owner):
    article = draft_of(owner)
    response = post_change(client, article, status=Article.Status.PUBLISHED)
    article.refresh_from_db()
    return response, article.status == Article.Status.PUBLISHED


def schedule(client, owner):
    article = draft_of(owner)
    response = post_change(
        client, article, status=Article.Status.PUBLISHED, published_at_0="2030-01-01", published_at_1="09:00:00"
    )
    article.refresh_from_db()
    return response, (article.status, article.published_at) == (Article.Status.PUBLISHED, FUTURE)


def unpublish(client, owner):
    article = published_of(owner)
    response = client.post(
        reverse("admin:articles_article_changelist"), {"action": "unpublish", "_selected_action": [article.pk]}
    )
    article.refresh_from_db()
    return response, article.status == Article.Status.DRAFT


def flag_exclusive(client, owner):
    article = draft_of(owner)
    response = post_change(client, article, is_exclusive="on")
    article.refresh_from_db()
    return response, article.is_exclusive


def delete_draft(client, owner):
    article = draft_of(owner)
    response = client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})
    return response, not Article.objects.filter(pk=article.pk).exists()


def delete_published(client, owner):
    article = published_of(owner)
    response = client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})
    return response, not Article.objects.filter(pk=article.pk).exists()


def revert(client, owner):
    article = draft_of(owner)
    with reversion.create_revision():
        article.save()
    first = Version.objects.get_for_object(article).get()
    article.headline_ky = "Экинчи вариант"
    with reversion.create_revision():
        article.save()
    url = reverse("admin:articles_article_revision", args=[article.pk, first.pk])
    data = {**change_form_data(article, headline_ky="Долбоор"), **INLINE_MANAGEMENT}
    response = client.post(url, data)
    article.refresh_from_db()
    return response, article.headline_ky == "Долбоор"


ACTIONS = {
    "create": create,
    "edit draft": edit_draft,
    "edit published": edit_published,
    "submit": submit,
    "publish": publish,
    "schedule": schedule,
    "unpublish": unpublish,
    "flag exclusive": flag_exclusive,
    "delete draft": delete_draft,
    "delete published": delete_published,
    "revert": revert,
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(MATRIX))
def test_permission_matrix(client, journalist, other_journalist, editor, action, role):
    user = {"anonymous": None, "owner": journalist, "other_journalist": other_journalist, "editor": editor}[role]
    if user is not None:
        client.force_login(user)
    expected = MATRIX[action][role]
    response, changed = ACTIONS[action](client, journalist)
    assert (response.status_code, changed) == (STATUS[expected], expected == "done")
    if expected == "login":
        assert response["Location"].startswith("/admin/login/?next=/admin/articles/article/")


@pytest.mark.django_db
def test_a_journalists_forged_publish_gets_a_clear_message(english_client, journalist):
    client = english_client
    article = draft_of(journalist)
    client.force_login(journalist)
    response = post_change(client, article, status=Article.Status.PUBLISHED)
    assert response.context["adminform"].form.errors["status"] == [
        "Only an editor can publish or schedule a story. Submit it for review instead."
    ]


@pytest.mark.django_db
def test_a_journalist_sees_no_publishing_fields_and_no_actions(client, journalist):
    article = draft_of(journalist)
    client.force_login(journalist)
    page = client.get(change_url(article)).content.decode()
    assert 'name="published_at_0"' not in page
    assert 'name="is_exclusive"' not in page
    assert 'name="correction_ky"' not in page
    assert '<option value="published"' not in page
    changelist = client.get(reverse("admin:articles_article_changelist"))
    assert [name for name, _label in changelist.context["action_form"].fields["action"].choices] == [
        "",
        "delete_selected",
    ]


@pytest.mark.django_db
def test_a_journalists_bulk_delete_cannot_take_a_published_story(client, journalist):
    draft, published = draft_of(journalist), published_of(journalist)
    client.force_login(journalist)
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "delete_selected", "_selected_action": [draft.pk, published.pk], "post": "yes"},
    )
    assert response.status_code == 403
    assert Article.objects.filter(pk__in=[draft.pk, published.pk]).count() == 2


@pytest.mark.django_db
def test_a_story_that_went_out_and_came_back_to_draft_is_deleted_by_an_editor_only(client, journalist, editor):
    pulled = published_of(journalist)
    client.force_login(editor)
    client.post(reverse("admin:articles_article_changelist"), {"action": "unpublish", "_selected_action": [pulled.pk]})
    pulled.refresh_from_db()
    assert pulled.status == Article.Status.DRAFT and pulled.published_at is not None
    client.force_login(journalist)
    # Back in the journalist's hands for rework: they may edit it, not make it vanish.
    assert client.get(change_url(pulled)).context["has_change_permission"] is True
    delete_url = reverse("admin:articles_article_delete", args=[pulled.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "delete_selected", "_selected_action": [pulled.pk], "post": "yes"},
    )
    assert response.status_code == 403
    never = draft_of(journalist)
    assert client.post(reverse("admin:articles_article_delete", args=[never.pk]), {"post": "yes"}).status_code == 302
    assert list(Article.objects.values_list("pk", flat=True)) == [pulled.pk]


@pytest.mark.django_db
def test_an_editor_gets_the_publishing_actions(client, editor):
    client.force_login(editor)
    changelist = client.get(reverse("admin:articles_article_changelist"))
    assert [name for name, _label in changelist.context["action_form"].fields["action"].choices] == [
        "",
        "delete_selected",
        "publish_now",
        "unpublish",
    ]


@pytest.mark.django_db
def test_a_journalist_sees_other_stories_read_only(client, journalist, other_journalist):
    article = draft_of(other_journalist)
    client.force_login(journalist)
    response = client.get(change_url(article))
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    assert 'name="headline_ky"' not in response.content.decode()


@pytest.mark.django_db
def test_the_owner_can_no_longer_edit_once_the_story_is_published(client, journalist):
    article = make_article(created_by=journalist)
    client.force_login(journalist)
    response = client.get(change_url(article))
    assert (response.status_code, response.context["has_change_permission"]) == (200, False)


@pytest.mark.django_db
def test_an_editor_publishes_and_unpublishes_with_the_actions(english_client, editor, journalist):
    client = english_client
    draft = draft_of(journalist)
    scheduled = make_article(published_at=FUTURE)
    client.force_login(editor)
    changelist = reverse("admin:articles_article_changelist")
    before = timezone.now()
    client.post(changelist, {"action": "publish_now", "_selected_action": [draft.pk, scheduled.pk]})
    draft.refresh_from_db()
    scheduled.refresh_from_db()
    assert draft.is_public and scheduled.is_public
    assert before <= draft.published_at <= timezone.now()
    assert [v.revision.comment for v in Version.objects.get_for_object(draft)] == ["Published"]
    assert Version.objects.get_for_object(draft).get().revision.user == editor
    client.post(changelist, {"action": "unpublish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert [v.revision.comment for v in Version.objects.get_for_object(draft)] == ["Unpublished", "Published"]


@pytest.mark.django_db
def test_a_journalists_forged_publication_time_is_not_read(client, journalist):
    article = draft_of(journalist)
    client.force_login(journalist)
    response = post_change(
        client, article, status=Article.Status.REVIEW, published_at_0="2030-01-01", published_at_1="09:00:00"
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.status, article.published_at) == ("review", None)


@pytest.mark.django_db
def test_an_editor_schedules_in_bishkek_time(client, editor, journalist):
    article = draft_of(journalist)
    client.force_login(editor)
    response = post_change(
        client, article, status=Article.Status.PUBLISHED, published_at_0="2030-01-01", published_at_1="09:00:00"
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.status, article.published_at, article.is_scheduled) == ("published", FUTURE, True)


@pytest.mark.django_db
def test_a_journalists_revert_cannot_publish_or_unflag(client, journalist, editor):
    """Reverting to a revision where the story was published and exclusive restores the text only."""
    article = make_article(created_by=journalist, is_exclusive=True, exclusive_flagged_by=editor)
    with reversion.create_revision():
        article.save()
    old = Version.objects.get_for_object(article).get()
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT, is_exclusive=False)
    article.refresh_from_db()
    client.force_login(journalist)
    url = reverse("admin:articles_article_revision", args=[article.pk, old.pk])
    response = client.post(url, change_form_data(article, status=Article.Status.DRAFT))
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.status, article.is_exclusive) == ("draft", False)


@pytest.mark.django_db
def test_only_editors_recover_deleted_stories(client, journalist, editor):
    recoverlist = reverse("admin:articles_article_recoverlist")
    client.force_login(journalist)
    assert client.get(recoverlist).status_code == 403
    assert recoverlist not in client.get(reverse("admin:articles_article_changelist")).content.decode()
    client.force_login(editor)
    assert client.get(recoverlist).status_code == 200
    assert recoverlist in client.get(reverse("admin:articles_article_changelist")).content.decode()


@pytest.mark.django_db
def test_a_colleagues_story_reads_as_text_not_html_source(client, journalist, other_journalist):
    story = make_article(
        body_ky="<p>Биринчи абзац.</p>\n<p><strong>Экинчи</strong> абзац.</p>", created_by=other_journalist
    )
    client.force_login(journalist)
    html = client.get(f"/admin/articles/article/{story.pk}/change/").content.decode()
    assert "<p>Биринчи абзац.</p> <p><strong>Экинчи</strong> абзац.</p>" in html
    assert "&lt;p&gt;" not in html
