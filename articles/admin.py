from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from .models import LANGUAGE_CODES, Article, Byline, Section, Tag


@admin.register(Section)
class SectionAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name_ky", "name_ru", "name_en"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Tag)
class TagAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name_ky", "name_ru", "name_en", "slug_ky"]
    prepopulated_fields = {"slug": ("name",)}


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["author"]
    fields = ["author", "position"]


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 - the admin picks the fields from its fieldsets

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f"headline_{code}") for code in LANGUAGE_CODES):
            raise forms.ValidationError(_("Write the headline in at least one language."))
        return cleaned


@admin.register(Article)
class ArticleAdmin(TabbedTranslationAdmin):
    """The newsroom's desk: one change form with a tab per language, bylines inline."""

    form = ArticleAdminForm
    inlines = [BylineInline]
    list_display = ["headline", "section", "status", "published_at", "is_exclusive", "exclusive_flagged_by"]
    list_filter = ["status", "section", "is_exclusive", "authors"]
    list_select_related = ["section", "exclusive_flagged_by"]
    search_fields = ["headline_ky", "headline_ru", "headline_en", "lead_ky", "lead_ru"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["tags", "hero_photo"]
    prepopulated_fields = {"slug": ("headline",)}
    readonly_fields = ["exclusive_flagged_by", "exclusive_flagged_at", "created_by", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "lead", "body"]}),
        (_("Placement"), {"fields": ["section", "tags", "hero_photo"]}),
        (_("Publication"), {"fields": ["status", "published_at", "is_exclusive"]}),
        (
            _("Record"),
            {
                "classes": ["collapse"],
                "fields": ["exclusive_flagged_by", "exclusive_flagged_at", "created_by", "created_at", "updated_at"],
            },
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        # The exclusive flag is an editor's decision: for anyone else the field is not in the form at
        # all, so a forged POST cannot change it.
        if not request.user.has_perm("articles.flag_exclusive"):
            readonly.append("is_exclusive")
        return readonly

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        if "is_exclusive" in form.changed_data and request.user.has_perm("articles.flag_exclusive"):
            obj.exclusive_flagged_by = request.user if obj.is_exclusive else None
            obj.exclusive_flagged_at = timezone.now() if obj.is_exclusive else None
        if obj.status == Article.Status.PUBLISHED and obj.published_at is None:
            obj.published_at = timezone.now()
        super().save_model(request, obj, form, change)
