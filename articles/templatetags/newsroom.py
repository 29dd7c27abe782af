from urllib.parse import quote, urlencode

from django import template
from django.conf import settings
from django.urls import translate_url

from articles.context_processors import site_urls

register = template.Library()


def absolute_url(request, path):
    """Return ``path`` as an absolute URL: on ``SITE_URL`` when it is set, else on the request's host."""
    if settings.SITE_URL:
        return settings.SITE_URL + path
    return request.build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def absolute(context, path):
    """``{% absolute path %}``: the absolute URL of a site path (see ``absolute_url``)."""
    return absolute_url(context["request"], path)


def share_links(url, title):
    """Return ``[(network, href), …]``: share links for VK, X, OK, WhatsApp and Telegram.

    ``url`` is the page's absolute canonical URL and ``title`` its headline; both are sent
    percent-encoded as UTF-8. Each href is that network's documented share endpoint:
    VK ``vk.com/share.php`` (url, title), X ``x.com/intent/post`` (url, text), OK
    ``connect.ok.ru/offer`` (url, title), WhatsApp ``api.whatsapp.com/send`` (text: headline and
    URL, its only parameter), Telegram ``t.me/share/url`` (url, text).
    """

    def q(params):
        return urlencode(params, quote_via=quote)

    return [
        ("VK", "https://vk.com/share.php?" + q({"url": url, "title": title})),
        ("X", "https://x.com/intent/post?" + q({"url": url, "text": title})),
        ("OK", "https://connect.ok.ru/offer?" + q({"url": url, "title": title})),
        ("WhatsApp", "https://api.whatsapp.com/send?" + q({"text": f"{title} {url}"})),
        ("Telegram", "https://t.me/share/url?" + q({"url": url, "text": title})),
    ]


@register.simple_tag(takes_context=True)
def language_links(context):
    """Return ``[{"code", "name", "href", "current", "same_page"}, …]`` for the switcher and hreflang.

    A page passes ``translations`` ({code: path}) when it knows its own addresses in other
    languages (a story lists only those it is written in; a section or tag its translated slugs);
    a page without it goes to the same page in the other language when its URL translates. A
    language with no such page gets that language's home, and ``same_page`` False (so it is no
    hreflang alternate).
    """
    request = context["request"]
    current = context.get("LANGUAGE_CODE") or settings.LANGUAGE_CODE
    translations = context.get("translations")
    links = []
    for code, name in settings.LANGUAGES:
        if translations is not None:
            href = translations.get(code)
        else:
            href = translate_url(request.path, code)
            if href == request.path and code != current:
                href = None
        links.append(
            {
                "code": code,
                "name": name,
                "href": href or reverse_home(code),
                "current": code == current,
                "same_page": bool(href),
            }
        )
    return links


def reverse_home(code):
    """The path of ``code``'s front page, e.g. ``/ru/``."""
    return site_urls(code)["home"]


@register.simple_tag(takes_context=True)
def hreflang_alternates(context, links):
    """``[(hreflang, absolute URL), …]``: the pages of ``links`` (from ``language_links``) that are this page
    in another language, plus ``x-default`` (the Kyrgyz one, else the first).

    A page that exists in one language only lists itself and ``x-default``.
    """
    pages = [(link["code"], absolute_url(context["request"], link["href"])) for link in links if link["same_page"]]
    if not pages:
        return []
    default = next((url for code, url in pages if code == settings.LANGUAGE_CODE), pages[0][1])
    return [*pages, ("x-default", default)]
