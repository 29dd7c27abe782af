from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.paths import slug_path
from articles.signals import PageCacheQuerySet
from articles.text import unique_slug
from images.fields import CleanImageField


class Author(models.Model):
    """A person named in bylines: a staff journalist, a correspondent or a contributor.

    ``name``, ``position`` and ``bio`` are translated (``name_ky``, ``name_ru``, ``name_en`` …);
    ``slug`` is one Latin slug for every language. ``user`` links the author to the Django
    account they log in with, when they have one.
    """

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_("Used in the author page's URL. Filled in from the name when left empty."),
    )
    position = models.CharField(
        _("position"), max_length=150, blank=True, help_text=_("For example: staff correspondent.")
    )
    bio = models.TextField(_("bio"), blank=True)
    # The same checks and metadata stripping as the photo library (images.processing).
    photo = CleanImageField(_("photo"), upload_to="authors/", blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author",
    )

    objects = PageCacheQuerySet.as_manager()

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Author, "slug", self.name, instance=self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_path("authors:detail", self.slug)
