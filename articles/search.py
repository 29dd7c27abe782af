"""Search over one edition's public stories: ranked full-text on PostgreSQL, containment on SQLite.

The query a reader types is reduced to its words (letters and digits, at most ``MAX_TERMS`` of
them, from its first ``MAX_QUERY_LENGTH`` characters) before it reaches the database, so quotes,
``%``, ``'; --`` or a 3,000-character paste give an ordinary page, never a 500.

PostgreSQL: the ``simple`` text-search configuration (no stemming: PostgreSQL ships none for
Kyrgyz, and one configuration for every language keeps one index shape), each word matched as a
prefix (``бишкек:*`` finds «Бишкекте», which matters in an agglutinative language), weighted
headline A, lead B, body C, ranked with ``ts_rank`` and highlighted with ``ts_headline``. The
vector expression is the one indexed by the GIN indexes of migration 0005 (``search_vector``), so
the planner can use them.
"""

import html
import re
import unicodedata

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Func, Q, Value
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
SNIPPET_CHARS = 240
WORD = re.compile(r"[^\W_]+")
# ts_headline marks matches with these private-use characters; the text is then HTML-escaped and
# they become <mark> tags, so nothing the story contains is ever output unescaped.
START, STOP = "\ue000", "\ue001"


def terms(query):
    """Return the words of ``query`` (str or None) as typed: a list of at most ``MAX_TERMS`` distinct strings."""
    words = []
    # NFC, as stories are stored (articles.text.clean_text): «й» typed as и + breve still matches.
    for word in WORD.findall(unicodedata.normalize("NFC", (query or "")[:MAX_QUERY_LENGTH])):
        if word.lower() not in {w.lower() for w in words}:
            words.append(word)
    return words[:MAX_TERMS]


def search_vector(code):
    """The weighted ``simple`` search vector over headline, lead and body in language ``code``."""
    return (
        SearchVector(f"headline_{code}", weight="A", config="simple")
        + SearchVector(f"lead_{code}", weight="B", config="simple")
        + SearchVector(f"body_{code}", weight="C", config="simple")
    )


def uses_full_text():
    """True when the database is PostgreSQL, whose full-text search we use."""
    return connection.vendor == "postgresql"


def search(queryset, words, code):
    """Filter and order ``queryset`` (public stories in language ``code``) by ``words`` (from ``terms``).

    Returns a queryset; each row gets ``headline_marked`` and ``snippet_marked`` (HTML-safe
    strings with ``<mark>`` around matches) once passed through ``mark_results``. No words: no rows.
    """
    if not words:
        return queryset.none()
    if not uses_full_text():
        for word in words:
            # Case-insensitive in every alphabet: see newsroom.sqlite.
            match = Q()
            for field in ("headline", "lead", "body"):
                match |= Q(**{f"{field}_{code}__icontains": word})
            queryset = queryset.filter(match)
        return queryset.order_by("-published_at", "-pk")
    query = SearchQuery(" & ".join(f"{word.lower()}:*" for word in words), search_type="raw", config="simple")
    plain_body = Func(F(f"body_{code}"), Value("<[^>]+>"), Value(" "), Value("g"), function="regexp_replace")
    return (
        queryset.annotate(search=search_vector(code))
        .filter(search=query)
        .annotate(
            rank=SearchRank(F("search"), query),
            snippet_pg=SearchHeadline(
                Func(F(f"lead_{code}"), Value(" "), plain_body, function="concat"),
                query,
                config="simple",
                start_sel=START,
                stop_sel=STOP,
                max_words=40,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank", "-published_at", "-pk")
    )


def _marked(text, words):
    """``text`` HTML-escaped, with every word that contains one of ``words`` wrapped in ``<mark>``."""
    if not words:
        return escape(text)
    pattern = re.compile(r"\w*(?:" + "|".join(re.escape(w) for w in words) + r")\w*", re.IGNORECASE)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(html.escape(text[last : match.start()]))
        out.append(f"<mark>{html.escape(match.group())}</mark>")
        last = match.end()
    out.append(html.escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308  # nosec B308 B703 - every piece is escaped above


def _window(text, words, size=SNIPPET_CHARS):
    """About ``size`` characters of ``text`` around the first match of ``words``, with ellipses."""
    lowered = text.lower()
    first = min((i for i in (lowered.find(w.lower()) for w in words) if i >= 0), default=0)
    start = max(0, first - size // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + size)
    return ("… " if start else "") + text[start:end].strip() + (" …" if end < len(text) else "")


def mark_results(articles, words):
    """Set ``headline_marked`` and ``snippet_marked`` on each story of ``articles`` (a list); return it."""
    for article in articles:
        article.headline_marked = _marked(article.headline or "", words)
        pg = getattr(article, "snippet_pg", None)
        if pg is not None:
            article.snippet_marked = mark_safe(  # noqa: S308  # nosec B308 B703 - escaped before the marks go back
                html.escape(" ".join(pg.split())).replace(START, "<mark>").replace(STOP, "</mark>")
            )
        else:
            text = " ".join(filter(None, [article.lead or "", strip_tags(article.body or "")]))
            article.snippet_marked = _marked(_window(" ".join(text.split()), words), words)
    return articles
