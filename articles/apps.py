from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Stories")

    def ready(self):
        from . import signals

        signals.connect()
        post_migrate.connect(signals.let_editors_lift_lockouts, dispatch_uid="articles.editors_lift_lockouts")
