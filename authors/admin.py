from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from articles.admin import NulSafeSearchMixin

from .models import Author


@admin.register(Author)
class AuthorAdmin(NulSafeSearchMixin, TabbedTranslationAdmin):
    list_display = ["name", "position", "slug", "user"]
    search_fields = ["name_ky", "name_ru", "name_en", "slug"]
    autocomplete_fields = ["user"]
