from modeltranslation.translator import TranslationOptions, register

from .models import Article, Section, Tag


@register(Section)
class SectionTranslationOptions(TranslationOptions):
    fields = ("name", "slug")


@register(Tag)
class TagTranslationOptions(TranslationOptions):
    fields = ("name", "slug")


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = ("headline", "slug", "lead", "body", "correction")
    # A story need not exist in every language: only Kyrgyz or only Russian is fine.
    required_languages = ()
    # A story's text never falls back to another language: a Russian page with no Russian lead
    # shows no lead, rather than the Kyrgyz one passed off as Russian.
    fallback_languages = {"default": ()}
