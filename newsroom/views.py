"""Site-wide views that belong to no app."""

import logging

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """Liveness for load balancers and nginx: 200 when the database and the cache answer, else 503.

    The JSON body names each part as "ok" or "down". A failure is logged (as a warning) with its
    reason, never shown to the caller.
    """
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception:  # any driver error means the same thing here: not healthy
        logger.warning("healthz: database down", exc_info=True)
        checks["database"] = "down"
    try:
        cache.set("healthz", "ok", 10)
        checks["cache"] = "ok" if cache.get("healthz") == "ok" else "down"
    except Exception:
        logger.warning("healthz: cache down", exc_info=True)
        checks["cache"] = "down"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "down", **checks}, status=200 if healthy else 503)
