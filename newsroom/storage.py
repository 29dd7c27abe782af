"""Static files storage for production: whitenoise's compressed, hashed files, minus one bad CSS."""

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
