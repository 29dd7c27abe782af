"""Who may do what to a story: the newsroom's roles, in one place (issue 4, "Roles").

A journalist writes: creates stories, edits their own while they are drafts or in review, submits
them for review, deletes their own that never went out. An editor decides: edits any story,
publishes, schedules and unpublishes (``articles.publish_article``) and sets or clears the
exclusive flag (``articles.flag_exclusive``). The groups and their permissions come from the data
migrations 0002 and 0003; the admin (articles/admin.py) asks these functions.
"""

from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Article

# Schedules are read and written in the newsroom's own time, whatever the server's.
NEWSROOM_TZ = ZoneInfo("Asia/Bishkek")


def can_publish(user):
    """True when ``user`` may publish, schedule and unpublish stories (``articles.publish_article``)."""
    return user.has_perm("articles.publish_article")


def can_flag_exclusive(user):
    """True when ``user`` may set or clear the exclusive flag (``articles.flag_exclusive``)."""
    return user.has_perm("articles.flag_exclusive")


def owns_unpublished(user, article):
    """True when ``article`` was created by ``user`` and is still a draft or in review."""
    return article.created_by_id == user.pk and article.status in (Article.Status.DRAFT, Article.Status.REVIEW)


def may_edit(user, article):
    """True when ``user`` may change ``article``: an editor always, a journalist only their own unpublished one.

    Model permissions (``articles.change_article``) are checked by the admin before this.
    """
    return can_publish(user) or owns_unpublished(user, article)


def may_delete(user, article):
    """True when ``user`` may delete ``article``: an editor always, a journalist only their own
    unpublished one that never went out. A story an editor published (or scheduled) and then pulled
    back to draft keeps its ``published_at``: readers or search engines may have seen it, so
    deleting it is an editor's decision.

    Model permissions (``articles.delete_article``) are checked by the admin before this.
    """
    return can_publish(user) or (owns_unpublished(user, article) and article.published_at is None)


def why_read_only(user, article):
    """Why ``user`` may read ``article`` in the admin but not change it: a sentence (lazy string), or
    None when they may change it. Follows ``may_edit()``."""
    if may_edit(user, article):
        return None
    if article.created_by_id != user.pk:
        return _("This is a colleague’s story: you can read it, and an editor can change it.")
    if article.is_scheduled:
        return _("This story is scheduled: only an editor can change it now.")
    return _("This story is published: from now on only an editor can change it. Ask an editor for a correction.")


def bishkek_time(value):
    """``value`` (an aware datetime) as "30.11.2026 14:00" in Asia/Bishkek time; "" for None."""
    if value is None:
        return ""
    return timezone.localtime(value, NEWSROOM_TZ).strftime("%d.%m.%Y %H:%M")
