"""Small security middleware and helpers that Django and django-csp do not provide."""

from django.conf import settings


class PermissionsPolicyMiddleware:
    """Adds ``Permissions-Policy`` (``settings.PERMISSIONS_POLICY``) to every response that lacks one.

    Django has no setting for this header; the policy denies the browser features a news site never
    uses (camera, microphone, location, payment), so an injected script could not ask for them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        return response


def client_ip(request):
    """The reader's IP address as a string, for django-axes' lockouts.

    Behind our nginx, ``REMOTE_ADDR`` is nginx itself, so ``settings.CLIENT_IP_HEADER`` (e.g.
    ``HTTP_X_REAL_IP``, which nginx overwrites on every request) names where the real address is.
    Without it (no proxy), a client could forge such a header, so only ``REMOTE_ADDR`` counts.
    """
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    if header:
        forwarded = request.META.get(header, "").split(",")[0].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR", "")


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login: the admin-styled lockout page, status 429.

    Says how many failures locked the login and for how many minutes, and that an editor can lift
    the lock (Admin > Axes > Access attempts).
    """
    from django.shortcuts import render

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60) if settings.AXES_COOLOFF_TIME else None
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "registration/lockout.html", context, status=429)


class AdminImportMapCSPMiddleware:
    """Allow the admin rich-text editor's inline import map by its hash, on admin pages only.

    django-prose-editor loads its modules through an inline ``<script type="importmap">``; our CSP
    allows no inline script, so admin responses get the map's ``'sha256-…'`` source added to
    ``script-src`` (django-csp's per-response ``_csp_update``). The hash comes from
    ``articles.editor.importmap_csp_source()`` (the admin workflow's editor module), computed on the
    first admin request, when the static files manifest exists, and kept for the process. Without
    that module (no editor installed) nothing is added. Goes inside ``csp.middleware.CSPMiddleware``.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.source = None

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/admin/"):
            source = self.importmap_source()
            if source:
                update = dict(getattr(response, "_csp_update", None) or {})
                update["script-src"] = [*update.get("script-src", []), source]
                response._csp_update = update
        return response

    def importmap_source(self):
        if self.source is None:
            try:
                from articles.editor import importmap_csp_source
            except ImportError:
                self.source = ""
            else:
                self.source = importmap_csp_source()
        return self.source
