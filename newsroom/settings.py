"""Newsroom settings: one module, read from the environment.

With nothing set, the site runs on SQLite in ``db.sqlite3`` with development defaults (``DEBUG``
on, a throwaway ``SECRET_KEY``, only local hosts allowed). Production sets at least ``DEBUG=0``,
``SECRET_KEY``, ``ALLOWED_HOSTS`` and ``DATABASE_URL`` (PostgreSQL, psycopg 3).

Environment variables:
    DEBUG                 "1"/"true" to switch debugging on (default on; off in production).
    SECRET_KEY            required when DEBUG is off.
    ALLOWED_HOSTS         comma-separated host names; required when DEBUG is off.
    DATABASE_URL          e.g. postgres://user@127.0.0.1:5432/newsroom (default: SQLite file).
    REDIS_URL             e.g. redis://127.0.0.1:6379/0; the cache then lives in Redis (shared by
                          every web instance), else in local memory.
    SITE_URL              the public address, e.g. https://kabar.kg; used for canonical and share
                          URLs. Empty: taken from each request's host.
    MEDIA_ROOT, STATIC_ROOT   folders for uploads and collected static files.
    NEWSROOM_PHOTO_MAX_BYTES  the largest photo upload accepted, in bytes (default 20 MB).
    NEWSROOM_PHOTO_MAX_PIXELS the most pixels (width × height) a photo may have (default 60 million);
                          Pillow refuses more than about 179 million whatever this says.
    CSRF_TRUSTED_ORIGINS  comma-separated origins, e.g. https://kabar.kg (needed behind TLS).
    PAGE_CACHE_SECONDS    how long a rendered public page is kept in the cache (default 300;
                          0 switches the server-side page cache off, validators stay on).
    PAGE_CACHE_MAX_AGE    Cache-Control max-age sent with public pages, seconds (default 5).
    CLIENT_IP_HEADER      request header holding the reader's address when behind a proxy,
                          e.g. HTTP_X_REAL_IP (set by our nginx); empty: REMOTE_ADDR.
    SECURE_SSL_REDIRECT, SECURE_HSTS_SECONDS, SECURE_COOKIES   production TLS knobs (default
                          on, one year, on); only for a plain-HTTP trial turn them off.
    AWS_STORAGE_BUCKET_NAME   uploads in object storage (django-storages, extra "s3") instead of
                          MEDIA_ROOT.
    LOG_LEVEL             root log level (default INFO); logs go to stdout.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import xstatic.pkg.jquery_ui
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    """Read a boolean from the environment: "1", "true", "yes", "on" (any case) are true."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    """Read a comma-separated list from the environment, dropping empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set in the environment when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
if not ALLOWED_HOSTS and not DEBUG:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in the environment when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it must come before django.contrib.admin.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "reversion",
    "django_prose_editor",
    "authors",
    "articles",
    "images",
    # Production and speed (issue 7): CSP headers and login throttling. axes goes last, as its
    # documentation asks, so its signal handlers see every other app's models.
    "csp",
    "newsroom.apps.LoginSecurityConfig",  # django-axes, named for the desk
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Headers go on every response, cached pages included: they sit outside the page cache.
    "csp.middleware.CSPMiddleware",
    "newsroom.middleware.AdminImportMapCSPMiddleware",
    "newsroom.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication, so that it can tell a logged-in editor (never cached) from a reader.
    "articles.cache.PageCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# django-axes checks the lockout before any other backend tries the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Kyrgyz is the default edition; every URL carries its language prefix (/ky/, /ru/, /en/).
LANGUAGE_CODE = "ky"
LANGUAGES = [
    ("ky", _("Kyrgyz")),
    ("ru", _("Russian")),
    ("en", _("English")),
]
# locale/ holds our strings (makemessages writes there); locale_upstream/ the translations our
# dependencies lack (Django's admin in Kyrgyz, django-axes, django-reversion, the rich-text
# editor's dialogs; see each .po's header). Second, so makemessages leaves it alone.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_upstream"]
# Dates as our newsroom writes them in each language (see newsroom/formats/__init__.py).
FORMAT_MODULE_PATH = ["newsroom.formats"]
TIME_ZONE = "Asia/Bishkek"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "ky"
MODELTRANSLATION_LANGUAGES = ("ky", "ru", "en")
# Names of sections, tags and authors fall back to Kyrgyz; stories never do: a story page exists
# only in the languages it is written in (see ArticleQuerySet.in_language).
MODELTRANSLATION_FALLBACK_LANGUAGES = ("ky",)
# The tabbed admin's jQuery UI comes from the XStatic package, served as our own static file.
# modeltranslation reads JQUERY_UI_URL, unprefixed (its default is a CDN, which our CSP blocks).
JQUERY_UI_URL = "jquery-ui/jquery-ui.min.js"

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("jquery-ui", xstatic.pkg.jquery_ui.BASE_DIR),
]
STORAGES = {
    "default": {
        # Several web containers must see the same uploads: a shared media volume by default, or
        # object storage (pip install ".[s3]", then AWS_STORAGE_BUCKET_NAME and the usual AWS_* keys).
        "BACKEND": (
            "storages.backends.s3.S3Storage"
            if os.environ.get("AWS_STORAGE_BUCKET_NAME")
            else "django.core.files.storage.FileSystemStorage"
        )
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage" if DEBUG else "newsroom.storage.StaticFilesStorage"
        )
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Photo uploads (images.processing): bigger files and decompression bombs are refused with a form error.
NEWSROOM_PHOTO_MAX_BYTES = int(os.environ.get("NEWSROOM_PHOTO_MAX_BYTES", str(20 * 1024 * 1024)))
NEWSROOM_PHOTO_MAX_PIXELS = int(os.environ.get("NEWSROOM_PHOTO_MAX_PIXELS", "60000000"))

LOGIN_URL = "admin:login"

# Security headers that hold in every mode; TLS-only settings follow below for production.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

if not DEBUG:
    # nginx terminates TLS and tells us the original scheme.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Only for a plain-HTTP trial of the production stack (docker compose on localhost).
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    # /healthz is probed over plain HTTP by the load balancer and nginx.
    SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # stdout, as containers and gunicorn's access log expect.
    "handlers": {"console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# The site's name and where stories are shared from; shown in the header and in feeds.
NEWSROOM_SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "Newsroom")
# The reference story, imported by the demo command when this file is present.
NEWSROOM_DEMO_FIXTURE = Path(
    os.environ.get("NEWSROOM_DEMO_FIXTURE", BASE_DIR.parent / "shared" / "fixtures" / "collegium-report.txt")
)


# --- Production and speed (issue 7) ---------------------------------------------------------------
# These hold in every mode, development included, so that what a developer sees is what production
# does; only the TLS settings above depend on DEBUG.

# The page cache (articles/cache.py): anonymous GETs of public, language-prefixed pages.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "5"))
# Saving a row of these apps makes every cached page stale (articles, authors, photos).
PAGE_CACHE_APPS = ["articles", "authors", "images"]

# Content-Security-Policy (django-csp 4 format). Public pages carry no inline script, so they need no
# nonce and stay cacheable; the nonce is added to script-src only on responses whose template asked
# for one ({{ request.csp_nonce }}), e.g. the admin's import map.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        # The admin and its widgets still set style attributes.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Permissions-Policy (newsroom/middleware.py): a news site needs none of these powerful features.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# Login throttling (django-axes): five failures from one address on one username lock that pair out
# for fifteen minutes; editors see and lift lockouts in the admin (Axes > Access attempts).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "newsroom.middleware.lockout_response"
AXES_CLIENT_IP_CALLABLE = "newsroom.middleware.client_ip"
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
AXES_VERBOSE = False
