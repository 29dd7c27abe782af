from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    # Stories, sections and tags: "Stories" again above the story list made "Stories › Stories".
    verbose_name = _("Newsroom")

    def ready(self):
        from django.contrib.admin.widgets import SELECT2_TRANSLATIONS

        from newsroom.sqlite import use_unicode_like

        from . import signals

        connection_created.connect(use_unicode_like, dispatch_uid="newsroom.sqlite.unicode_like")
        # Our static/admin/js/vendor/select2/i18n/ky.js: Django only loads the Select2 translations
        # it ships, and none is Kyrgyz.
        SELECT2_TRANSLATIONS.setdefault("ky", "ky")

        signals.connect()
        post_migrate.connect(signals.let_editors_lift_lockouts, dispatch_uid="articles.editors_lift_lockouts")
