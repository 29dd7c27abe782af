"""Static files storage for production: whitenoise's compressed, hashed files, minus one bad CSS."""

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import ImproperlyConfigured
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Whitenoise's storage, leaving XStatic jQuery UI's stylesheets out of URL rewriting.

    Those stylesheets quote their image URLs inside ``url()`` in a way Django's manifest cannot
    resolve, which makes ``collectstatic`` fail with DEBUG off. Only ``jquery-ui.min.js`` is used
    (by modeltranslation's tabbed admin), so the stylesheets are copied but not rewritten.
    """

    def post_process(self, paths, dry_run=False, **options):
        paths = {
            path: value
            for path, value in paths.items()
            if not (path.startswith("jquery-ui/") and path.endswith(".css"))
        }
        yield from super().post_process(paths, dry_run=dry_run, **options)

    @staticmethod
    def left_as_is(path):
        return path.startswith("jquery-ui/") and path.endswith(".css")


def require_collected_static():
    """Refuse to serve, with the remedy, when DEBUG is off and ``collectstatic`` has not written
    the manifest the hashed file names come from: every page would otherwise be a 500 ("Missing
    staticfiles manifest entry"), error pages included. Called by the WSGI and ASGI entry points.

    The usual cause: ``collectstatic`` run with DEBUG on, which collects without a manifest.
    Raises ``ImproperlyConfigured``; returns None when all is well or DEBUG is on.
    """
    name = getattr(staticfiles_storage, "manifest_name", None)
    if settings.DEBUG or name is None or staticfiles_storage.exists(name):
        return
    raise ImproperlyConfigured(
        f"{settings.STATIC_ROOT}/{name} is missing: run `DEBUG=0 python manage.py collectstatic --noinput` "
        "(with DEBUG on it collects without the manifest production needs)."
    )
