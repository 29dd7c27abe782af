from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Stories")

    def ready(self):
        from newsroom.sqlite import use_unicode_like

        from . import signals

        connection_created.connect(use_unicode_like, dispatch_uid="newsroom.sqlite.unicode_like")

        signals.connect()
        post_migrate.connect(signals.let_editors_lift_lockouts, dispatch_uid="articles.editors_lift_lockouts")
