"""Root URLconf: the admin, robots.txt and sitemaps; every public page under a language prefix (/ky/, /ru/, /en/)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from articles.sitemaps import robots_txt, sitemap_index, sitemap_section
from newsroom.views import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots"),
    # Browsers ask for /favicon.ico on pages that name no icon (the admin's): send them ours.
    path("favicon.ico", RedirectView.as_view(url=settings.STATIC_URL + "img/favicon.png", permanent=True)),
    path("sitemap.xml", sitemap_index, name="sitemap_index"),
    path("sitemap-<section>.xml", sitemap_section, name="sitemap"),
]

urlpatterns += i18n_patterns(
    path("authors/", include("authors.urls")),
    path("", include("articles.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
