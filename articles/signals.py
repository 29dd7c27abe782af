"""Side effects of saving stories and what they show: the page cache's generation counter.

Connected in ``ArticlesConfig.ready()``. Generic on purpose: any row saved or deleted (or any
many-to-many link changed) in an app listed in ``settings.PAGE_CACHE_APPS`` makes every cached page
stale, so a new model there (the photos app's ``Photo``) needs no code here.
"""

import logging

from django.conf import settings
from django.db import models, transaction
from django.db.models import CharField, TextField
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils.autoreload import file_changed

from .cache import bump_generation
from .text import clean_text

logger = logging.getLogger(__name__)

M2M_ACTIONS = {"post_add", "post_remove", "post_clear"}


def _watched(sender):
    return getattr(getattr(sender, "_meta", None), "app_label", None) in settings.PAGE_CACHE_APPS


def invalidate_pages(using=None):
    """Bump the page cache's generation now if inside a transaction, and again when it commits.

    The bump on commit is what readers rely on: pages rendered while the transaction was open show
    the old rows and are dropped then. The early bump makes the change visible at once to code that
    reads inside the same transaction (the admin's redirect after a save, tests).
    """
    if transaction.get_connection(using).in_atomic_block:
        _bump()
    # robust: a cache outage must not turn an editor's committed save into an error page.
    transaction.on_commit(_bump, using=using, robust=True)


class PageCacheQuerySet(models.QuerySet):
    """A QuerySet whose bulk writes make cached pages stale, as a ``save()`` or ``delete()`` does.

    ``update()`` and ``bulk_create()`` send no ``post_save`` signal (Django's documented
    behaviour), so without this a script's ``Article.objects.filter(…).update(…)`` would leave
    readers the old pages until the cache entries expire. ``bulk_update()`` goes through
    ``update()``. Each returns what Django's returns. The models of ``settings.PAGE_CACHE_APPS``
    use it; the tags' link table (``Article.tags.through``) does not: a bulk write there must call
    ``invalidate_pages()`` itself, as ``bench_fill`` does.
    """

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        if rows:
            invalidate_pages(self.db)
        return rows

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            invalidate_pages(self.db)
        return created


def _bump():
    try:
        bump_generation()
    except Exception:
        logger.exception("could not bump the page cache generation: cached pages may be stale")


def row_changed(sender, using=None, **kwargs):
    if _watched(sender):
        invalidate_pages(using)


def links_changed(sender, action, using=None, **kwargs):
    if action in M2M_ACTIONS and _watched(sender):
        invalidate_pages(using)


def source_changed(sender, file_path, **kwargs):
    """runserver's autoreloader saw ``file_path`` (a ``Path``) change: make every cached page stale.

    A template edit reloads no process, and a code edit does not clear a Redis cache, so without
    this a developer would see the old page for up to ``PAGE_CACHE_SECONDS``. Returns None, so
    Django still decides whether to restart. Only the autoreloader sends this signal: production
    never does.
    """
    _bump()


def clean_text_fields(sender, instance, raw=False, **kwargs):
    """Before a row of our apps is written: its text fields through ``articles.text.clean_text``,
    whatever wrote it (the admin, a command, the shell). Fixture loading (``raw``) is left alone."""
    if raw or not _watched(sender):
        return
    for model_field in sender._meta.concrete_fields:
        if isinstance(model_field, CharField | TextField):
            value = getattr(instance, model_field.attname)
            cleaned = clean_text(value)
            if cleaned != value:
                setattr(instance, model_field.attname, cleaned)


def connect():
    """Connect the receivers (idempotent: fixed dispatch_uids)."""
    pre_save.connect(clean_text_fields, dispatch_uid="articles.text.clean_text_fields")
    file_changed.connect(source_changed, dispatch_uid="articles.pagecache.file_changed")
    post_save.connect(row_changed, dispatch_uid="articles.pagecache.post_save")
    post_delete.connect(row_changed, dispatch_uid="articles.pagecache.post_delete")
    m2m_changed.connect(links_changed, dispatch_uid="articles.pagecache.m2m_changed")


# What editors may do with django-axes' records in the admin: see who is locked out and lift it.
LOCKOUT_PERMISSIONS = ("view_accessattempt", "delete_accessattempt", "view_accesslog", "view_accessfailurelog")


def let_editors_lift_lockouts(app_config, using="default", **kwargs):
    """Give the Editor group the lockout permissions once axes' permissions exist (post_migrate).

    Runs after each app's migrations; acts on axes' turn, when auth has just created its
    permissions. Idempotent.
    """
    if app_config.label != "axes":
        return
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.using(using).filter(name="Editor").first()
    if group is None:
        return
    permissions = Permission.objects.using(using).filter(
        content_type__app_label="axes", codename__in=LOCKOUT_PERMISSIONS
    )
    group.permissions.add(*permissions)
