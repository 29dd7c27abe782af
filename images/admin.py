from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from articles.admin import NulSafeSearchMixin
from articles.models import Article
from articles.workflow import can_publish

from .models import Photo
from .processing import is_animated


@admin.register(Photo)
class PhotoAdmin(NulSafeSearchMixin, TabbedTranslationAdmin):
    """The photo library: thumbnails, search by caption, alt text or credit, reuse across stories."""

    list_display = ["thumbnail", "__str__", "credit", "dimensions", "uploaded_by", "created_at"]
    list_display_links = ["thumbnail", "__str__"]
    list_select_related = ["uploaded_by"]
    search_fields = ["caption_ky", "caption_ru", "caption_en", "alt_text_ky", "alt_text_ru", "alt_text_en", "credit"]
    date_hierarchy = "created_at"
    list_per_page = 50
    readonly_fields = ["preview", "dimensions", "uploaded_by", "created_at"]
    fieldsets = [
        (None, {"fields": ["image", "preview", "alt_text", "caption", "credit"]}),
        (_("Record"), {"classes": ["collapse"], "fields": ["dimensions", "uploaded_by", "created_at"]}),
    ]

    @admin.display(description=_("photo"))
    def thumbnail(self, obj):
        if not obj.square_url:
            return "—"
        return format_html(
            '<img src="{}" width="80" height="80" alt="" loading="lazy" style="object-fit:cover">', obj.square_url
        )

    @admin.display(description=_("preview"))
    def preview(self, obj):
        if not obj.pk or not obj.renditions:
            return "—"
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="" style="max-width:400px;height:auto">',
            obj.fallback_url,
            obj.width,
            obj.height,
        )

    @admin.display(description=_("size"))
    def dimensions(self, obj):
        return f"{obj.width}×{obj.height}"

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        # A photo on a published or scheduled story is part of that story: changing its image or
        # caption is an editor's decision, like editing the story itself.
        return (
            obj is None
            or can_publish(request.user)
            or not obj.hero_articles.filter(status=Article.Status.PUBLISHED).exists()
        )

    def save_model(self, request, obj, form, change):
        if not change and obj.uploaded_by_id is None:
            obj.uploaded_by = request.user
        animated = "image" in form.changed_data and is_animated(form.cleaned_data["image"])
        super().save_model(request, obj, form, change)
        if animated:
            # Said after the save, so the desk knows what readers will see.
            messages.warning(request, _("This image is animated: only its first frame is kept and shown."))
