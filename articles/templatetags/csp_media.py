"""``{% media_with_nonce media %}``: render form media with the request's CSP nonce.

The admin's rich-text editor ships an import map (an inline ``<script type="importmap">``) through
django-js-asset; our Content-Security-Policy allows inline scripts only with the per-request nonce
(django-csp adds ``'nonce-…'`` to ``script-src`` once ``request.csp_nonce`` is read). Use it in an
admin template instead of ``{{ media }}``::

    {% load csp_media %}
    {% block extrahead %}{{ block.super }}{% endblock %}   ->   {% media_with_nonce media %}

Plain ``forms.Media`` (no django-js-asset installed) renders unchanged: it has no inline script.
"""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def media_with_nonce(context, media):
    """The media's HTML (str, safe) with the request's nonce on every tag django-js-asset renders."""
    request = context.get("request")
    nonce = str(request.csp_nonce) if request is not None and hasattr(request, "csp_nonce") else ""
    try:
        from js_asset import Media
    except ImportError:
        return media.render() if hasattr(media, "render") else str(media)
    if not isinstance(media, Media):
        media = Media.from_media(media)
    return media.with_nonce(nonce).render() if nonce else media.render()
