from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from .editor import BODY_EDITOR_EXTENSIONS, clean_body_html
from .paths import slug_path
from .signals import PageCacheQuerySet
from .text import unique_slug

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
# The untranslated columns the story page reads (``ArticleQuerySet.for_detail()``).
DETAIL_FIELDS = (
    "section",
    "hero_photo",
    "status",
    "published_at",
    "updated_at",
    "is_exclusive",
    "corrected_at",
    "version",
)


def per_language_unique_slug(model_name):
    """Constraints that keep ``slug_<lang>`` unique within each language, when it is filled in."""
    return [
        models.UniqueConstraint(
            fields=[f"slug_{code}"],
            condition=Q(**{f"slug_{code}__gt": ""}),
            name=f"{model_name}_unique_slug_{code}",
        )
        for code in LANGUAGE_CODES
    ]


def fill_translated_slugs(instance, source):
    """Give ``instance`` a Latin ``slug_<lang>`` from ``<source>_<lang>`` wherever the slug is empty.

    The server makes every slug (the admin pre-fills none: Django's JavaScript would drop the Kyrgyz
    letters ө, ү and ң that ``articles.text.latin_slug`` transliterates).
    """
    for code in LANGUAGE_CODES:
        text = getattr(instance, f"{source}_{code}", None)
        if text and not getattr(instance, f"slug_{code}", None):
            setattr(instance, f"slug_{code}", unique_slug(type(instance), f"slug_{code}", text, instance=instance))


def language_code(language=None):
    """``language`` (default: the active language, else ``LANGUAGE_CODE``) without region: "ky", "ru", "en"."""
    return (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def published_lookups(prefix=""):
    """``{lookup: value}`` that a public story meets: status published, ``published_at`` come.

    ``prefix`` reaches the story through a relation (``"articles__"`` from a section). The one
    definition of "public" behind ``ArticleQuerySet.published()`` and ``Section.objects.in_menu()``.
    """
    return {f"{prefix}status": Article.Status.PUBLISHED, f"{prefix}published_at__lte": timezone.now()}


def language_lookups(language=None, prefix=""):
    """``{lookup: value}`` that a story written in ``language`` (default: the active one) meets.

    Its headline and slug in that language are filled in: ``> ''`` is false for NULL and for "",
    so one condition per column says it; it is also the condition of the slug's partial unique
    index, which lets SQLite use that index. ``prefix`` as in ``published_lookups()``.
    """
    code = language_code(language)
    return {f"{prefix}headline_{code}__gt": "", f"{prefix}slug_{code}__gt": ""}


class SectionQuerySet(PageCacheQuerySet):
    """Query shapes for sections."""

    def in_menu(self, language=None):
        """Sections with a public story in ``language`` (default: the active one), in menu order.

        One query. ``Exists()`` stops at a section's first public story; a join with DISTINCT
        would read every public story (ten times slower at 10,000 stories).
        """
        public = Article.objects.filter(
            section=models.OuterRef("pk"), **published_lookups(), **language_lookups(language)
        )
        return self.filter(models.Exists(public))


class Section(models.Model):
    """A section of the paper (Коом / Society, Саясат / Politics). Name and slug are translated."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        blank=True,
        help_text=_("Used in the section page's URL. Filled in from the name when left empty."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0, help_text=_("Order in the menu."))

    objects = SectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "name"]
        constraints = per_language_unique_slug("section")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        fill_translated_slugs(self, "name")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_path("articles:section", self.slug)


class Tag(models.Model):
    """A topic that cuts across sections («Коопсуз өлкө», elections). Name and slug are translated."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"), max_length=80, blank=True, help_text=_("Filled in from the name when left empty.")
    )

    objects = PageCacheQuerySet.as_manager()

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]
        constraints = per_language_unique_slug("tag")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        fill_translated_slugs(self, "name")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_path("articles:tag", self.slug)


class ArticleQuerySet(PageCacheQuerySet):
    """Query shapes for stories. Every public surface starts from ``published()``."""

    def published(self):
        """Stories a reader may see: status published and ``published_at`` not in the future.

        Scheduled stories (published with a future ``published_at``) appear by themselves when
        their time comes: no worker is involved.
        """
        return self.filter(**published_lookups())

    def in_language(self, language=None):
        """Stories written in ``language`` (default: the active one): headline and slug filled in."""
        return self.filter(**language_lookups(language))

    def with_page_data(self):
        """Load what a story card or page shows: section, hero photo, and bylines with their authors.

        Two queries however many stories: the stories with section and photo, and the bylines.
        Filters nothing: public callers start from ``published()``, the staff preview does not.
        """
        return self.select_related("section", "hero_photo").prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("author"))
        )

    def for_listing(self):
        """Published stories in the active language, newest first, with ``with_page_data()`` loaded."""
        return self.published().in_language().with_page_data().order_by("-published_at", "-pk")

    def for_cards(self):
        """Published stories in the active language, newest first, with section and hero photo: what a card shows.

        One query however many stories are listed (cards show no byline, so none is prefetched).
        """
        return self.published().in_language().select_related("section", "hero_photo").order_by("-published_at", "-pk")

    def for_detail(self, language=None):
        """What the story page shows: public stories in ``language`` (default: the active one) with
        ``with_page_data()`` and the tags.

        Three queries: the story with its section and hero photo, its bylines with their authors,
        its tags. Only the one language's lead, body and correction are loaded (the others are
        most of the row and never shown); every language's headline and slug are, for the language
        switcher. Reading another language's text on such a story queries again.
        """
        code = language_code(language)
        return (
            self.published()
            .in_language(code)
            .with_page_data()
            .only(
                *(f"{name}_{other}" for name in ("headline", "slug") for other in LANGUAGE_CODES),
                *(f"{name}_{code}" for name in ("lead", "body", "correction")),
                *DETAIL_FIELDS,
            )
            .prefetch_related("tags")
        )


class Article(models.Model):
    """A story: headline, lead and body in each language, a byline of authors, a section and tags.

    Translated fields (``headline``, ``slug``, ``lead``, ``body``) exist once per language as
    ``headline_ky``, ``headline_ru``, ``headline_en`` and so on; a story exists in a language when
    its headline and slug in that language are filled in. ``body`` is HTML, reduced to an
    allow-list on every save (see ``articles.text.sanitize_body``).

    Visibility: a story is public when ``status`` is published and ``published_at`` has come; a
    published story with a future ``published_at`` is scheduled.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")

    headline = models.CharField(_("headline"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        blank=True,
        help_text=_("The story's address in this language, in Latin letters. Filled in from the headline."),
    )
    lead = models.TextField(_("lead"), blank=True, help_text=_("The first paragraph, shown under the headline."))
    # The admin's rich-text editor offers only what sanitize_body keeps (see articles/editor.py);
    # the column stays a plain TextField.
    body = ProseEditorField(_("body"), blank=True, extensions=BODY_EDITOR_EXTENSIONS, sanitize=clean_body_html)
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="articles")
    hero_photo = models.ForeignKey(
        "images.Photo",
        verbose_name=_("hero photo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hero_articles",
        help_text=_("Shown at the top of the story, in lists and when the story is shared."),
    )
    authors = models.ManyToManyField(
        "authors.Author", verbose_name=_("authors"), through="Byline", related_name="articles", blank=True
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("A time in the future schedules the story: it goes live by itself then."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(
        _("updated at"), default=timezone.now, help_text=_("When the public text last changed.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_exclusive = models.BooleanField(_("exclusive"), default=False, db_index=True)
    exclusive_flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("exclusive flagged by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    exclusive_flagged_at = models.DateTimeField(_("exclusive flagged at"), null=True, blank=True)
    correction = models.TextField(
        _("correction or update"),
        blank=True,
        help_text=_("A note to readers shown under the lead, e.g. what was corrected. Plain text."),
    )
    corrected_at = models.DateTimeField(
        _("corrected at"), null=True, blank=True, help_text=_("When the correction note last changed.")
    )
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Goes up by one on every save; a form saved from an older version is refused."),
    )

    objects = ArticleQuerySet.as_manager()

    # What readers see: a change to any of these moves updated_at.
    PUBLIC_FIELDS = ("headline", "lead", "body", "correction")

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        permissions = [
            ("flag_exclusive", _("Can set or clear the exclusive flag")),
            ("publish_article", _("Can publish, schedule and unpublish stories")),
        ]
        constraints = per_language_unique_slug("article")
        indexes = [models.Index(fields=["status", "published_at"], name="article_status_published")]

    def __str__(self):
        return self.headline or self.headline_ky or self.headline_ru or self.headline_en or f"#{self.pk}"

    def save(self, *args, **kwargs):
        """Sanitize the body, fill missing slugs, and keep the bookkeeping fields true.

        ``version`` goes up by one (the admin refuses a form opened on an older one);
        ``updated_at`` moves only when the public text or the section changed, and ``corrected_at``
        only when a correction note changed (cleared when every note is emptied).
        """
        for code in LANGUAGE_CODES:
            setattr(self, f"body_{code}", clean_body_html(getattr(self, f"body_{code}", None)))
        fill_translated_slugs(self, "headline")
        changed = set()
        if self.pk is not None and not self._state.adding:
            self.version = (self.version or 0) + 1
            changed.add("version")
        loaded = getattr(self, "_loaded_public", None)
        if loaded is not None and loaded != self._public_snapshot():
            self.updated_at = timezone.now()
            changed.add("updated_at")
        loaded_corrections = getattr(self, "_loaded_corrections", ("",) * len(LANGUAGE_CODES))
        corrections = self._correction_snapshot() if loaded_corrections is not None else None
        if loaded_corrections is not None and corrections != loaded_corrections:
            self.corrected_at = timezone.now() if any(corrections) else None
            changed.add("corrected_at")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *changed}
        super().save(*args, **kwargs)
        self._loaded_corrections = corrections
        self._loaded_public = self._public_snapshot()

    def get_absolute_url(self, language=None):
        """The story's path in ``language`` (default: the active one), e.g. ``/ky/news/<slug>/``.

        Returns "" when the story has no slug in that language (it is not written in it).
        """
        code = language_code(language)
        slug = getattr(self, f"slug_{code}", None)
        if not slug:
            return ""
        return slug_path("articles:detail", slug, code)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        tracked = {f"{name}_{code}" for name in cls.PUBLIC_FIELDS for code in LANGUAGE_CODES} | {"section_id"}
        if tracked & instance.get_deferred_fields():
            # Loaded with only()/defer(): reading a deferred field here would query (and recurse).
            # Such a row keeps its bookkeeping times as they are when it is saved.
            instance._loaded_public = instance._loaded_corrections = None
        else:
            instance._loaded_public = instance._public_snapshot()
            instance._loaded_corrections = instance._correction_snapshot()
        return instance

    def _correction_snapshot(self):
        return tuple(getattr(self, f"correction_{code}", None) or "" for code in LANGUAGE_CODES)

    @property
    def correction_note(self):
        """The correction note in the active language, or "" (never another language's note)."""
        code = language_code()
        return getattr(self, f"correction_{code}", None) or ""

    def _public_snapshot(self):
        # An empty form field saves "" where the row held None: the same text for readers.
        return tuple(
            getattr(self, f"{name}_{code}", None) or "" for name in self.PUBLIC_FIELDS for code in LANGUAGE_CODES
        ) + (self.section_id,)

    def languages(self):
        """The codes of the languages the story is written in, in settings order."""
        return [
            code
            for code in LANGUAGE_CODES
            if getattr(self, f"headline_{code}", None) and getattr(self, f"slug_{code}", None)
        ]

    @property
    def is_public(self):
        """True when readers can see the story now."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        """True for a published story whose ``published_at`` is still in the future."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def social_image_url(self):
        """Relative URL of the hero photo's 1200×630 crop (``og:image``, Twitter, JSON-LD), or "" without one.

        Needs no query when ``hero_photo`` was loaded with ``select_related`` (``for_listing()``).
        """
        return self.hero_photo.social_url if self.hero_photo_id else ""

    def byline_authors(self):
        """The authors in byline order; uses the prefetched bylines when there are any."""
        return [byline.author for byline in self.bylines.all()]

    def related(self, limit=5):
        """Up to ``limit`` other public stories in the active language that share the section or a tag.

        Newest first; never this story, never a draft or a scheduled story. One query (the tags come
        from the prefetch when ``for_detail()`` loaded this story). Only what a "read also" link
        shows is loaded (headline, slug, ``published_at``): reading another field queries again.
        """
        code = language_code()
        tag_ids = [tag.pk for tag in self.tags.all()]
        match = Q(tags__in=tag_ids) if tag_ids else Q(pk__in=[])
        if self.section_id:
            match |= Q(section_id=self.section_id)
        return list(
            Article.objects.published()
            .in_language(code)
            .filter(match)
            .exclude(pk=self.pk)
            .distinct()
            .order_by("-published_at", "-pk")
            # Half the cost of the query is building and filling the full rows of all three languages.
            .only("pk", f"headline_{code}", f"slug_{code}", "published_at")[:limit]
        )


class Byline(models.Model):
    """One author of a story, at a position in the byline (0 first)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(
        "authors.Author", verbose_name=_("author"), on_delete=models.PROTECT, related_name="bylines"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = PageCacheQuerySet.as_manager()

    class Meta:
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["article", "author"], name="byline_unique_author")]

    def __str__(self):
        return str(self.author)
