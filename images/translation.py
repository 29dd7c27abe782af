from modeltranslation.translator import TranslationOptions, register

from .models import Photo


@register(Photo)
class PhotoTranslationOptions(TranslationOptions):
    fields = ("caption", "alt_text")
    # Photo.clean() asks for alt text in at least one language, not in each of them.
    required_languages = ()
    # A photo is reused across editions: on a Russian page, a Kyrgyz alt text beats none.
    fallback_languages = {"default": ("ky", "ru", "en")}
