from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from articles.signals import PageCacheQuerySet

from .fields import CleanImageField
from .processing import rendition_names


class Photo(models.Model):
    """A photo in the library, reusable across stories: the image, its alt text, caption and credit.

    ``caption`` and ``alt_text`` are translated (``caption_ky``, ``alt_text_ru`` …); alt text is
    required in at least one language (``clean()``). ``image`` is the clean original (see
    ``images.processing``): upright, sRGB, no metadata. ``width`` and ``height`` are its size in
    pixels, and ``renditions`` records the storage names of its renditions (made once, at upload,
    by ``images.signals``), so that a page lists them with no query and no file access.
    """

    image = CleanImageField(
        _("image"),
        upload_to="photos/%Y/%m/",
        help_text=_("JPEG, PNG, WebP or GIF. Location and camera data are removed when it is saved."),
    )
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        blank=True,
        help_text=_("What the photo shows, for readers who cannot see it. Required in at least one language."),
    )
    caption = models.CharField(
        _("caption"), max_length=500, blank=True, help_text=_("Shown under the photo on the story page.")
    )
    credit = models.CharField(
        _("credit"), max_length=200, blank=True, help_text=_("The photographer or agency, e.g. «Айгүл Сыдыкова».")
    )
    width = models.PositiveIntegerField(_("width"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height"), default=0, editable=False)
    renditions = models.JSONField(_("renditions"), default=dict, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = PageCacheQuerySet.as_manager()

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"

    def __str__(self):
        text = self.caption or self.alt_text or self.image.name.rsplit("/", 1)[-1]
        return Truncator(text).chars(80)

    def clean(self):
        codes = [code for code, _name in settings.LANGUAGES]
        if not any(getattr(self, f"alt_text_{code}", None) for code in codes):
            field = f"alt_text_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}"
            raise ValidationError({field: _("Describe the photo in at least one language.")})

    def _url(self, name):
        return self.image.storage.url(name) if name else ""

    @property
    def caption_here(self):
        """The caption in the active language, or "" when it has none in it.

        Unlike the alt text (a Kyrgyz description beats none for a screen reader), a caption is
        part of the page's text: a Russian page shows no caption rather than a Kyrgyz one.
        """
        code = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
        return getattr(self, f"caption_{code}", None) or ""

    @property
    def srcset_webp(self):
        """``srcset`` of the WebP renditions: ``"/media/…-480w.webp 480w, …"``."""
        return ", ".join(f"{self._url(r['webp'])} {r['width']}w" for r in self.renditions.get("widths", []))

    @property
    def srcset_jpeg(self):
        """``srcset`` of the JPEG renditions, for browsers without WebP."""
        return ", ".join(f"{self._url(r['jpeg'])} {r['width']}w" for r in self.renditions.get("widths", []))

    @property
    def fallback_url(self):
        """The ``src`` for browsers without ``srcset``: the largest JPEG rendition up to 1200 pixels."""
        widths = self.renditions.get("widths", [])
        fitting = [r for r in widths if r["width"] <= 1200] or widths
        return self._url(fitting[-1]["jpeg"]) if fitting else self.image.url

    @property
    def social_url(self):
        """Relative URL of the 1200×630 JPEG crop for ``og:image`` and Twitter cards, or ""."""
        return self._url(self.renditions.get("social", {}).get("name"))

    @property
    def social_bytes(self):
        """Size in bytes of the social crop (a feed enclosure's ``length``), or 0."""
        return self.renditions.get("social", {}).get("bytes", 0)

    @property
    def square_url(self):
        """URL of the 240×240 JPEG square for lists, or ""."""
        return self._url(self.renditions.get("square", {}).get("jpeg"))

    @property
    def square_webp_url(self):
        """URL of the 240×240 WebP square for lists, or ""."""
        return self._url(self.renditions.get("square", {}).get("webp"))

    def file_names(self):
        """Storage names of the original and every rendition: what deleting the photo removes."""
        return [name for name in [self.image.name, *rendition_names(self.renditions)] if name]
