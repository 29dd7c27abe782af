"""gunicorn settings, read by ``gunicorn newsroom.wsgi`` from the working directory.

One access-log line per request on stdout: method, path, status, bytes and the time taken in
milliseconds (``%(M)s``). Environment: GUNICORN_BIND (default 0.0.0.0:8000), WEB_CONCURRENCY
(workers, default 2), GUNICORN_ACCESS_LOG ("-" for stdout, "" to switch it off).
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms'
# Django opens and reuses its own database connections per worker (CONN_MAX_AGE).
preload_app = False
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def on_starting(server):
    """Refuse several workers each with its own page cache (no ``REDIS_URL``): a story unpublished
    through one worker would stay on the others' cached pages for up to PAGE_CACHE_SECONDS.

    A hook, so that it sees the worker count as finally set (``-w``, ``GUNICORN_CMD_ARGS``).
    """
    workers = server.cfg.workers
    if workers > 1 and not os.environ.get("REDIS_URL") and int(os.environ.get("PAGE_CACHE_SECONDS", "300")) > 0:
        raise SystemExit(
            f"gunicorn: {workers} workers would each keep their own page cache (stale news after an edit): "
            "set REDIS_URL to share it, or PAGE_CACHE_SECONDS=0, or one worker (WEB_CONCURRENCY=1)."
        )
