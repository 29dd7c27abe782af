"""Text helpers for stories: Latin slugs, body HTML sanitizing, and reading a story from plain text."""

import html
import re
import unicodedata
from dataclasses import dataclass, field

import nh3
from django.conf import settings
from slugify import slugify

SLUG_MAX_LENGTH = 80

# python-slugify transliterates Cyrillic through text-unidecode, which is close to the BGN/PCGN
# romanization for Russian (ж→zh, х→kh, ц→ts, ш→sh, щ→shch, ы→y, ю→iu, я→ia) and already maps
# Kyrgyz ө→o and ү→u. It maps ң to plain n, which loses a sound Kyrgyz readers hear, so ң→ng
# as in the Kyrgyz national romanization: «Өкмөт жаңы мыйзам» → okmot-zhangy-myizam.
SLUG_REPLACEMENTS = [["ң", "ng"], ["Ң", "Ng"]]


def latin_slug(text, max_length=SLUG_MAX_LENGTH):
    """Return a lowercase Latin slug for ``text`` (any script), at most ``max_length`` characters.

    The slug is cut at a word boundary, never in the middle of a word (a single word longer than
    ``max_length`` is cut). Returns "" when ``text`` has no letters or digits.
    """
    # python-slugify's own word_boundary cut skips a word that does not fit and keeps later, shorter
    # ones, which gives a slug with a hole in the middle: cut at the last hyphen instead.
    slug = slugify(text or "", replacements=SLUG_REPLACEMENTS)
    if len(slug) <= max_length:
        return slug
    cut = slug[: max_length + 1].rfind("-")
    return slug[:cut] if cut > 0 else slug[:max_length]


def unique_slug(model, field_name, text, instance=None, max_length=SLUG_MAX_LENGTH):
    """Return a slug for ``text`` that no other row of ``model`` has in ``field_name``.

    A taken slug gets a numeric suffix (``-2``, ``-3``, …), the base being cut again at a word
    boundary so that the whole stays within ``max_length`` characters. ``instance`` (the row being
    saved) is excluded from the check. An empty text gives "story" as the base.
    """
    base = latin_slug(text, max_length) or "story"
    others = model._default_manager.all()
    if instance is not None and instance.pk:
        others = others.exclude(pk=instance.pk)
    candidate, n = base, 1
    while others.filter(**{field_name: candidate}).exists():
        n += 1
        suffix = f"-{n}"
        candidate = (latin_slug(base, max_length - len(suffix)) or base[: max_length - len(suffix)]) + suffix
    return candidate


# The body allow-list: paragraphs, headings, lists, links, emphasis, quotes and figures. Anything
# else (scripts, styles, event handlers, iframes, inline styles) is removed on save.
BODY_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "a",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "blockquote",
    "figure",
    "figcaption",
    "img",
    "hr",
}
BODY_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
}


def _own_media_only(tag, attribute, value):
    """nh3 attribute filter: an ``<img>`` keeps its ``src`` only when it is one of our uploads.

    A picture from another host in a story would let that host count and track our readers.
    """
    if tag == "img" and attribute == "src":
        media = settings.MEDIA_URL if "://" in settings.MEDIA_URL else "/" + settings.MEDIA_URL.lstrip("/")
        own = [media] + ([settings.SITE_URL + media] if settings.SITE_URL and media.startswith("/") else [])
        return value if value.startswith(tuple(own)) and ".." not in value else None
    return value


def sanitize_body(value):
    """Return ``value`` (HTML from an editor or an import) reduced to the body allow-list.

    Links keep only http, https and mailto URLs and get ``rel="noopener noreferrer"``; images keep
    their ``src`` only when it points at our own uploads (``MEDIA_URL``).
    """
    if not value:
        return value
    return nh3.clean(
        value,
        tags=BODY_TAGS,
        attributes=BODY_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        attribute_filter=_own_media_only,
    )


def paragraphs_to_html(paragraphs):
    """Return the paragraphs (a list of plain-text strings) as escaped ``<p>`` elements, one per line."""
    return "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)


class StoryTextError(ValueError):
    """The text is not a story in the plain-text form (see ``parse_story_text``)."""


# Characters no story text holds on purpose. XML 1.0 forbids the C0 controls, so one of them in a
# headline made every feed listing the story a 500 and the news sitemap invalid XML; Word pastes
# line breaks as a vertical tab (\x0b) or a form feed (\x0c); a byte-order mark or a zero-width
# space at a line's start made an invisible headline. Tab, newline and carriage return stay.
_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u200b\u2060\ufeff]")


def clean_text(value):
    """``value`` (str) without control characters, byte-order marks and zero-width spaces, in
    Unicode NFC; Word's vertical tabs and form feeds become newlines. Anything else (None,
    numbers) is returned as is.

    NFC because a PDF or a Mac can hand over «й» or «ё» as a letter plus a combining mark: stored
    that way, a search or a duplicate-headline check typed with the composed letter missed it.
    """
    if not isinstance(value, str):
        return value
    return unicodedata.normalize("NFC", _INVISIBLE.sub("", value.translate(_LINE_BREAKS)))


EXCLUSIVE_LABELS = ("Эксклюзив", "Exclusive", "Exklusiv")
SHARE_WORDS = {"vk", "x", "ok", "whatsapp", "telegram", "facebook", "fb", "twitter", "одноклассники"}
# The "read also" block starts at a line that is the label alone, or the label, a colon and a
# headline: a paragraph that merely begins "See also the report…" is text.
READ_ALSO = re.compile(r"^(Дагы окуңуз|Читайте также|Read also|See also)\s*(:.*)?$", re.IGNORECASE)


@dataclass
class StoryText:
    """A story read from plain text: what ``import_story`` stores."""

    headline: str
    authors: list = field(default_factory=list)
    exclusive: bool = False
    lead: str = ""
    paragraphs: list = field(default_factory=list)


def _is_share_line(line):
    # Two words at least: the buttons come in a row, and a one-word headline such as «Telegram»
    # is a headline.
    words = line.lower().split()
    return len(words) >= 2 and all(w in SHARE_WORDS for w in words)


def parse_story_text(text):
    """Read a story from the plain-text form of a published page.

    The form (that of ``shared/fixtures/collegium-report.txt``), blocks separated by blank lines:
    the headline on the first line; the byline line, author names separated by commas, optionally
    ending with the «Эксклюзив» label; then paragraphs. The first paragraph is the lead, the rest
    the body. Lines of share buttons ("VK X OK WhatsApp Telegram") are page chrome and are dropped,
    and so is everything from a «Дагы окуңуз:» (read also) line on.

    Returns a ``StoryText``. Raises ``StoryTextError`` when there is no headline, no byline or no
    lead paragraph.
    """
    text = clean_text(text)
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    content = []
    for line in lines:
        if READ_ALSO.match(line):
            break
        if not _is_share_line(line):
            content.append(line)
    if not content:
        raise StoryTextError("the file has no headline")
    headline, rest = content[0], content[1:]
    if len(headline) > 255:
        raise StoryTextError("the first line is over 255 characters: it does not look like a headline")
    if not rest:
        raise StoryTextError("no byline line after the headline")
    byline, paragraphs = rest[0], rest[1:]
    exclusive = False
    for label in EXCLUSIVE_LABELS:
        if byline.endswith(label):
            exclusive = True
            byline = byline[: -len(label)].strip(" ,·|—-")
    # dict.fromkeys: a name written twice is one author, in the place it first appears.
    authors = list(dict.fromkeys(name.strip() for name in byline.split(",") if name.strip()))
    if not authors:
        raise StoryTextError("the byline line names no author")
    if any(len(name) > 100 for name in authors):
        raise StoryTextError("the second line is too long for a byline: put the author's name there")
    if not paragraphs:
        raise StoryTextError("the story has no text after the byline")
    return StoryText(
        headline=headline, authors=authors, exclusive=exclusive, lead=paragraphs[0], paragraphs=paragraphs[1:]
    )
