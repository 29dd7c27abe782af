"""Helpers that fill in and read the story's admin form the way a browser would."""

from html.parser import HTMLParser

from django.utils import timezone

from articles.models import LANGUAGE_CODES
from articles.workflow import NEWSROOM_TZ

INLINE_MANAGEMENT = {
    "bylines-TOTAL_FORMS": "0",
    "bylines-INITIAL_FORMS": "0",
    "bylines-MIN_NUM_FORMS": "0",
    "bylines-MAX_NUM_FORMS": "1000",
}


def split_datetime(value):
    """The admin's two inputs for a datetime, in Bishkek time: ("2030-01-01", "09:00:00")."""
    if value is None:
        return "", ""
    local = timezone.localtime(value, NEWSROOM_TZ)
    return local.strftime("%Y-%m-%d"), local.strftime("%H:%M:%S")


def change_form_data(article, **changes):
    """What the change form of ``article`` posts unchanged (no byline rows), with ``changes`` applied."""
    data = {}
    for code in LANGUAGE_CODES:
        for name in ("headline", "slug", "lead", "body", "correction"):
            data[f"{name}_{code}"] = getattr(article, f"{name}_{code}", None) or ""
    date, time = split_datetime(article.published_at)
    data.update(
        {
            "section": article.section_id or "",
            "tags": [tag.pk for tag in article.tags.all()] if article.pk else [],
            "status": article.status,
            "published_at_0": date,
            "published_at_1": time,
            "base_version": article.version,
            **INLINE_MANAGEMENT,
        }
    )
    if article.is_exclusive:
        data["is_exclusive"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


class _FormReader(HTMLParser):
    """Collects the fields of the page's main POST form as a browser submits them."""

    def __init__(self):
        super().__init__()
        self.fields, self._in_form, self._select, self._textarea = [], False, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post" and a.get("id", "").endswith("_form"):
            self._in_form = True
        if not self._in_form or "disabled" in a:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((name, a.get("value", "on")))
            elif kind not in ("submit", "button", "file", "reset"):
                self.fields.append((name, a.get("value") or ""))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = [name, []]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            text = "".join(self._textarea[1])
            self.fields.append((self._textarea[0], text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "form":
            self._in_form = False

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1].append(data)


def read_form(html):
    """The main admin form's fields in ``html``: {name: value, or a list when repeated}."""
    reader = _FormReader()
    reader.feed(html)
    data = {}
    for name, value in reader.fields:
        if name in data:
            data[name] = [*data[name], value] if isinstance(data[name], list) else [data[name], value]
        else:
            data[name] = value
    return data
