"""The admin's rich-text editor for story bodies (django-prose-editor), held to our body allow-list."""

import base64
import hashlib
import re

from .text import sanitize_body

# What the editor offers: only markup that articles.text.BODY_TAGS / BODY_ATTRIBUTES keep, so what
# a journalist sees in the editor is what readers get. Links have no target option (nh3 would drop
# the attribute) and sanitize_body sets their rel. tests/test_workflow_desk.py checks that this
# list stays inside the allow-list.
BODY_EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
}

# ProseMirror always leaves at least one paragraph: an editor with nothing typed posts "<p></p>".
_EMPTY = re.compile(r"^(\s|<p>(\s|<br>)*</p>)*$")


def clean_body_html(value):
    """Return the body HTML (str or None) reduced to the allow-list; "" when it holds no text.

    An empty editor's "<p></p>" becomes "", so a language tab left blank counts as not written.
    """
    value = sanitize_body(value)
    if value and _EMPTY.match(value):
        return ""
    return value


def importmap_csp_source():
    """The Content-Security-Policy source (``"'sha256-…'"``, a str) that allows the editor's import map.

    django-prose-editor loads its modules through an inline ``<script type="importmap">`` on the
    admin's change form; a ``script-src`` without ``'unsafe-inline'`` must list this hash (or give
    the tag a nonce). The map holds static URLs, so the hash is the same for every request of a
    deployment; compute it after the static files storage is configured.
    """
    from django_prose_editor.widgets import AdminProseEditorWidget

    media = str(AdminProseEditorWidget(preset="configurable").media)
    content = re.search(r'<script type="importmap">(.*?)</script>', media, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(content.encode()).digest()).decode()
    return f"'sha256-{digest}'"
