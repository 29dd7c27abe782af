import reversion
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst, format_lazy, smart_split
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from reversion.admin import VersionAdmin
from reversion.models import Version

from .models import LANGUAGE_CODES, Article, Byline, Section, Tag, language_code
from .text import sanitize_body
from .workflow import (
    bishkek_time,
    can_flag_exclusive,
    can_publish,
    may_delete,
    may_edit,
    why_read_only,
)

# A revision keeps the story's own row (every language's text, and its tags as a list of ids)
# and its bylines. Tags themselves are shared by many stories, so reverting a story must not
# rename them: they are not followed.
reversion.register(Byline)
reversion.register(Article, follow=["bylines"])

# The admin is the newsroom's desk: its header names the site, not "Django administration".
admin.site.site_header = admin.site.site_title = format_lazy(
    "{} · {}", settings.NEWSROOM_SITE_NAME, _("editorial desk")
)
# The desk needs the width: at 1280 px Django's navigation sidebar pushed the story list's
# author and exclusive columns out of sight. The home page and the breadcrumbs lead everywhere.
admin.site.enable_nav_sidebar = False


class NulSafeSearchMixin:
    """Admin and autocomplete searches that cannot fail: NUL characters dropped (PostgreSQL refuses
    them in a query, and no name or headline contains one) and at most ``MAX_TERMS`` words kept
    (each word adds an OR over every search field; a thousand of them exceeded SQLite's expression
    depth of 1,000, a 500)."""

    MAX_TERMS = 20

    def get_search_results(self, request, queryset, search_term):
        terms = list(smart_split(search_term.replace("\x00", "")))[: self.MAX_TERMS]
        return super().get_search_results(request, queryset, " ".join(terms))


@admin.register(Section)
class SectionAdmin(NulSafeSearchMixin, TabbedTranslationAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name_ky", "name_ru", "name_en"]


@admin.register(Tag)
class TagAdmin(NulSafeSearchMixin, TabbedTranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name_ky", "name_ru", "name_en", "slug_ky"]


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["author"]
    fields = ["author", "position"]


class ArticleAdminForm(forms.ModelForm):
    """The change form, with the version it was opened on (optimistic locking).

    ``ArticleAdmin.get_form`` sets ``user`` and, on the revert page, ``live``: the story as it was
    before the revision was loaded into the form.
    """

    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    user = None
    live = None

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 - the admin picks the fields from its fieldsets

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["base_version"].initial = (self.live or self.instance).version
        if self.live is not None and not self.is_bound:
            # The revert page shows the revision's text with the live story's workflow state:
            # restoring an old text must not quietly unpublish, reschedule or unflag the story. An
            # editor may still change them there before saving.
            for name in ("status", "published_at", "is_exclusive"):
                if name in self.fields:
                    self.initial[name] = getattr(self.live, name)
        # modeltranslation marks the Kyrgyz headline required (the model's headline is); a story
        # may be written in Russian or English alone, and clean() asks for a headline in any one.
        for code in LANGUAGE_CODES:
            headline = self.fields.get(f"headline_{code}")
            if headline is not None:
                headline.required = False
        status = self.fields.get("status")
        if status is not None and not can_publish(self.user):
            current = (self.live or self.instance).status if self.instance.pk else None
            if current != Article.Status.PUBLISHED:
                status.choices = [c for c in status.choices if c[0] != Article.Status.PUBLISHED]
                status.error_messages["invalid_choice"] = _(
                    "Only an editor can publish or schedule a story. Submit it for review instead."
                )

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f"headline_{code}") for code in LANGUAGE_CODES):
            raise forms.ValidationError(_("Write the headline in at least one language."))
        if self.instance.pk:
            self._refuse_stale(cleaned.get("base_version"))
        return cleaned

    def _refuse_stale(self, base_version):
        """Refuse the form when someone saved the story after it was opened (a lost update).

        The row is locked until the save commits (the admin runs the view in a transaction), so
        two saves of the same version cannot both pass. The refused form keeps the user's input and
        now carries the current version: saving it again replaces the other person's work knowingly.
        """
        if self.live is not None:
            current = self.live.version
        else:
            current = (
                Article.objects.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
        if base_version == current:
            return
        data = self.data.copy()
        data["base_version"] = str(current)
        self.data = data
        latest = Version.objects.get_for_object(self.instance).select_related("revision__user").first()
        if latest is None or latest.field_dict.get("version") != current:
            # Saved outside the admin (a command, say): no revision says who.
            raise forms.ValidationError(
                _(
                    "This story was changed after you opened it, so your changes were not saved. They are "
                    "kept below. Saving this form again replaces the current story with your version."
                ),
                code="stale",
            )
        user = latest.revision.user
        who = (user.get_full_name() or user.get_username()) if user else gettext("Someone")
        when = bishkek_time(latest.revision.date_created)
        raise forms.ValidationError(
            _(
                "%(who)s saved this story at %(when)s (Bishkek time), after you opened it, so your changes "
                "were not saved. They are kept below: compare them with the current story (open it in "
                "another tab or see its history). Saving this form again replaces their version with yours."
            ),
            code="stale",
            params={"who": who, "when": when},
        )


class PublicationFilter(admin.SimpleListFilter):
    """Status as the newsroom speaks of it: a published story whose time has not come is scheduled."""

    title = _("publication")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [
            ("draft", _("Draft")),
            ("review", _("In review")),
            ("scheduled", _("Scheduled")),
            ("live", _("Live")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        published = Article.Status.PUBLISHED
        return {
            "draft": lambda: queryset.filter(status=Article.Status.DRAFT),
            "review": lambda: queryset.filter(status=Article.Status.REVIEW),
            "scheduled": lambda: queryset.filter(status=published, published_at__gt=now),
            "live": lambda: queryset.published(),
        }.get(self.value(), lambda: queryset)()


class ExclusiveFilter(admin.SimpleListFilter):
    title = _("exclusives")
    parameter_name = "exclusive"

    def lookups(self, request, model_admin):
        return [("yes", _("Exclusives only")), ("no", _("Not exclusive"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(is_exclusive=True)
        if self.value() == "no":
            return queryset.filter(is_exclusive=False)
        return queryset


@admin.register(Article)
class ArticleAdmin(NulSafeSearchMixin, VersionAdmin, TabbedTranslationAdmin):
    """The newsroom's desk: one change form with a tab per language, bylines inline, a revision per save.

    Roles (articles/workflow.py) are enforced here, on the server: object-level change and delete
    permissions, fields an editor alone may touch left out of a journalist's form, ``save_model``
    refusing what slipped past the form, and the publishing actions offered to editors only.
    """

    form = ArticleAdminForm
    inlines = [BylineInline]
    list_display = ["title", "publication", "published_at", "translation_status", "created_by"]
    list_filter = [PublicationFilter, ExclusiveFilter, "section", "authors"]
    list_select_related = ["section", "exclusive_flagged_by", "created_by"]
    search_fields = ["headline_ky", "headline_ru", "headline_en", "lead_ky", "lead_ru"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["tags", "hero_photo"]
    readonly_fields = [
        "corrected_at",
        "exclusive_flagged_by",
        "exclusive_flagged_at",
        "created_by",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "lead", "body"]}),
        (_("Placement"), {"fields": ["section", "tags", "hero_photo"]}),
        (
            _("Publication"),
            {
                "fields": ["status", "published_at", "is_exclusive"],
                "description": _(
                    "Times are Bishkek time. A published story with a time in the future is scheduled: "
                    "it goes live by itself then."
                ),
            },
        ),
        (
            _("Correction or update"),
            {
                "classes": ["collapse"],
                "fields": ["correction", "corrected_at"],
                "description": _("Shown to readers under the lead, with its date. Editors only."),
            },
        ),
        (
            _("Record"),
            {
                "classes": ["collapse"],
                "fields": ["exclusive_flagged_by", "exclusive_flagged_at", "created_by", "created_at", "updated_at"],
            },
        ),
    ]
    actions = ["publish_now", "unpublish"]

    class Media:
        css = {"all": ["css/admin-desk.css"]}
        js = ["js/story-language-tab.js", "js/editor-labels.js"]

    # reversion's list template offers "Recover deleted stories" to anyone who may add; ours to editors.
    change_list_template = "admin/articles/article/change_list.html"

    # Roles.

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def _subject(self, request, obj):
        """The story a permission is about: on the revert page, the live one, not the revision shown."""
        live = getattr(request, "_article_live", None)
        return live if live is not None and obj is not None and live.pk == obj.pk else obj

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or may_edit(request.user, self._subject(request, obj))

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or may_delete(request.user, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        # Fields left out of the form cannot be changed by a forged POST: the form never reads them.
        if not can_flag_exclusive(request.user):
            readonly.append("is_exclusive")
        if not can_publish(request.user):
            readonly += ["published_at", *(f"correction_{code}" for code in LANGUAGE_CODES)]
        return readonly

    def get_list_display(self, request):
        columns = list(super().get_list_display(request))
        if can_flag_exclusive(request.user):
            columns.append("exclusive")
        return columns

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"user": request.user, "live": getattr(request, "_article_live", None)})

    def save_model(self, request, obj, form, change):
        user = request.user
        live = getattr(request, "_article_live", None)
        if live is None and obj.pk:
            live = Article.objects.filter(pk=obj.pk).first()
        now = timezone.now()
        if live is not None:
            # A revert writes the revision's row back, old counter and owner included: count on from
            # the live story, and keep its owner (ownership is not part of a story's text).
            obj.version = live.version
            obj.created_by_id = live.created_by_id
        elif obj.created_by_id is None:
            obj.created_by = user
        was_exclusive = live.is_exclusive if live else False
        if not can_flag_exclusive(user):
            obj.is_exclusive = was_exclusive
            obj.exclusive_flagged_by_id = live.exclusive_flagged_by_id if live else None
            obj.exclusive_flagged_at = live.exclusive_flagged_at if live else None
        elif obj.is_exclusive != was_exclusive:
            obj.exclusive_flagged_by = user if obj.is_exclusive else None
            obj.exclusive_flagged_at = now if obj.is_exclusive else None
        elif live is not None:
            # Unchanged: who flagged it and when stay as they are (a revert would write back the
            # revision's record).
            obj.exclusive_flagged_by_id = live.exclusive_flagged_by_id
            obj.exclusive_flagged_at = live.exclusive_flagged_at
        if not can_publish(user):
            was_published = live is not None and live.status == Article.Status.PUBLISHED
            if obj.status == Article.Status.PUBLISHED and not was_published:
                # The form offers no such choice; this guards every other way in (a revert, say).
                raise PermissionDenied
            obj.published_at = live.published_at if live else None
        if obj.status == Article.Status.PUBLISHED and obj.published_at is None:
            obj.published_at = now
        super().save_model(request, obj, form, change)

    # Revisions.

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # Decide on the live story, before reversion loads the old revision into the database.
        live = self.get_object(request, unquote(object_id))
        if live is None:
            raise Http404
        if not self.has_change_permission(request, live):
            raise PermissionDenied
        # django-reversion looks the version up by id and object id only, so a byline's version
        # whose object id happens to equal this story's would replay another story's revision.
        if not Version.objects.get_for_object(live).filter(pk=version_id).exists():
            raise Http404
        request._article_live = live
        return self._revert_or_explain(
            request,
            reverse("admin:articles_article_history", args=[live.pk]),
            super().revision_view,
            request,
            object_id,
            version_id,
            extra_context,
        )

    def render_change_form(self, request, context, *args, **kwargs):
        # "Макала өзгөртүү", not "макала өзгөртүү": Django fills "Change %s" with the lower-case
        # verbose name, and in Kyrgyz and Russian the name comes first.
        context["title"] = capfirst(context.get("title", ""))
        return super().render_change_form(request, context, *args, **kwargs)

    def changelist_view(self, request, extra_context=None):
        # The desk's main page is titled "Stories", not Django's "Select story to change".
        extra_context = {
            "can_recover": can_publish(request.user),
            "title": capfirst(Article._meta.verbose_name_plural),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        # A deleted story comes back with its old status: bringing one back is publishing.
        if not can_publish(request.user):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not can_publish(request.user):
            raise PermissionDenied
        if not Version.objects.get_deleted(Article).filter(pk=version_id).exists():
            raise Http404
        return self._revert_or_explain(
            request,
            reverse("admin:articles_article_recoverlist"),
            super().recover_view,
            request,
            version_id,
            extra_context,
        )

    def _revert_or_explain(self, request, back_url, view, *args):
        """Run a revert or recover view; when the old revision points at rows deleted since (an
        author, a tag), say so and go back to ``back_url`` instead of failing with a 500."""
        try:
            with transaction.atomic():
                return view(*args)
        except (LookupError, ObjectDoesNotExist, IntegrityError):
            self.message_user(
                request,
                gettext(
                    "This revision refers to an author, tag, section or photo that has been deleted since, "
                    "so it cannot be restored as it was. Edit the story instead."
                ),
                messages.ERROR,
            )
            return HttpResponseRedirect(back_url)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and request.method == "GET" and not self.has_change_permission(request, obj):
            # Read-only, the admin would show the body's HTML as text: show it as readers see it. It is
            # sanitized again here (a row written around Article.save() would not have been).
            for code in LANGUAGE_CODES:
                body = getattr(obj, f"body_{code}", None)
                if body:
                    setattr(obj, f"body_{code}", mark_safe(sanitize_body(body).replace("\n", " ")))  # noqa: S308  # nosec B308 B703
        return obj

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        obj = self.get_object(request, unquote(object_id))
        if obj is not None:
            extra_context["preview_links"] = self.preview_links(obj)
            # Only to those who may see the story: a message kept in the session would otherwise
            # show on their next page (an embargo time, say).
            if request.method == "GET" and self.has_view_permission(request, obj):
                # A read-only form says why, rather than leaving the journalist to guess.
                reason = why_read_only(request.user, obj)
                if reason is not None:
                    self.message_user(request, reason, messages.INFO)
                if obj.is_scheduled:
                    # The status field says "Published"; say that it is not live yet, and when.
                    self.message_user(
                        request,
                        gettext("Scheduled for %(time)s (Bishkek)") % {"time": bishkek_time(obj.published_at)},
                        messages.WARNING,
                    )
        return super().change_view(request, object_id, form_url, extra_context)

    def preview_links(self, obj):
        """(language code, preview URL) for each language the story is written in."""
        links = []
        for code in obj.languages():
            with translation.override(code):
                links.append((code, reverse("articles:preview", kwargs={"pk": obj.pk})))
        return links

    def view_on_site(self, obj):
        """The story's public page while it is public, else None (no link: it would answer 404; the
        Preview buttons show drafts and scheduled stories). In the admin's language when the story
        is written in it, else in the first language it is written in."""
        written = obj.languages()
        if not obj.is_public or not written:
            return None
        # A slug alone is not a page: the language needs its headline too (a cleared headline keeps its slug).
        return obj.get_absolute_url(language_code() if language_code() in written else written[0])

    # List columns.

    @admin.display(description=_("headline"), ordering="headline")
    def title(self, obj):
        # The headline in the admin's language, else in any language the story is written in: a
        # Russian-only story must not be a "-" in a Kyrgyz admin's list.
        return str(obj)

    @admin.display(description=_("status"), ordering="status")
    def publication(self, obj):
        if obj.is_scheduled:
            return format_html(
                '<span class="status status--scheduled">{}</span>',
                gettext("Scheduled for %(time)s (Bishkek)") % {"time": bishkek_time(obj.published_at)},
            )
        return obj.get_status_display()

    @admin.display(description=_("translations"))
    def translation_status(self, obj):
        parts = []
        for code in LANGUAGE_CODES:
            missing = [
                str(label)
                for name, label in (("headline", _("headline")), ("lead", _("lead")), ("body", _("body")))
                if not getattr(obj, f"{name}_{code}", None)
            ]
            if not missing:
                parts.append(("complete", gettext("headline, lead and body written"), f"{code} ✓"))
            elif len(missing) == 3:
                parts.append(("missing", gettext("not written"), f"{code} —"))
            else:
                text = gettext("no %(parts)s") % {"parts": ", ".join(missing)}
                parts.append(("partial", text, f"{code}: {text}"))
        return format_html_join(" ", '<span class="translation translation--{}" title="{}">{}</span>', parts)

    @admin.display(description=_("exclusive"), ordering="-exclusive_flagged_at")
    def exclusive(self, obj):
        if not obj.is_exclusive:
            return ""
        who, when = obj.exclusive_flagged_by, bishkek_time(obj.exclusive_flagged_at)
        if who is None:  # flagged by import_story (the byline's label), or its flagger was deleted
            return f"★ {when}".rstrip()
        return gettext("★ by %(who)s, %(when)s") % {"who": who.get_full_name() or who.get_username(), "when": when}

    # Actions, for editors only (``permissions=["publish"]`` asks has_publish_permission).

    def _save_with_revision(self, request, article, fields, comment):
        labels = [str(Article._meta.get_field(name).verbose_name) for name in fields]
        with transaction.atomic(), reversion.create_revision():
            article.save()
            self.log_change(request, article, [{"changed": {"fields": labels}}])
            reversion.set_user(request.user)
            reversion.set_comment(comment)  # after log_change, which sets its own

    @admin.action(description=_("Publish selected stories now"), permissions=["publish"])
    def publish_now(self, request, queryset):
        now, count = timezone.now(), 0
        for article in queryset.exclude(status=Article.Status.PUBLISHED, published_at__lte=now):
            article.status = Article.Status.PUBLISHED
            # A story published before keeps its first date; a scheduled one goes out now.
            if article.published_at is None or article.published_at > now:
                article.published_at = now
            self._save_with_revision(request, article, ["status", "published_at"], gettext("Published"))
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d story published.", "%(count)d stories published.", count) % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish selected stories (back to draft)"), permissions=["publish"])
    def unpublish(self, request, queryset):
        count = 0
        for article in queryset.filter(status=Article.Status.PUBLISHED):
            article.status = Article.Status.DRAFT
            self._save_with_revision(request, article, ["status"], gettext("Unpublished"))
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d story unpublished.", "%(count)d stories unpublished.", count) % {"count": count},
            messages.SUCCESS,
        )
