"""SQLite's LIKE made case-insensitive for every alphabet, as PostgreSQL's ``UPPER() LIKE UPPER()`` is.

SQLite's built-in LIKE folds ASCII letters only (https://www.sqlite.org/lang_expr.html#like), so
on the embedded database an admin search for «мамыт» missed «Мамыт» and «өкмөт» missed «Өкмөт».
Django compiles ``icontains``, ``istartswith`` and the admin's search to ``LIKE %s ESCAPE '\\'``;
SQLite lets a connection replace the ``like()`` function behind that operator, which is what
``use_unicode_like`` does for every new SQLite connection. PostgreSQL is left alone.

The replacement runs in Python for each row compared, so it is slower than the built-in one; it
is meant for the embedded database of development and tests, not for production traffic.
"""

import functools
import re


@functools.lru_cache(maxsize=512)
def _like_pattern(pattern, escape):
    """Compile a LIKE ``pattern`` (str; ``%`` any run, ``_`` one character, ``escape`` a str of
    length 1 or None) to a case-insensitive regular expression matched against a whole value."""
    parts, chars = [], iter(pattern)
    for char in chars:
        if escape is not None and char == escape:
            parts.append(re.escape(next(chars, "")))
        elif char == "%":
            parts.append(".*")
        elif char == "_":
            parts.append(".")
        else:
            parts.append(re.escape(char))
    return re.compile("".join(parts), re.IGNORECASE | re.DOTALL)


def unicode_like(pattern, value, escape=None):
    """SQLite's ``like(pattern, value[, escape])``: True when ``value`` matches ``pattern`` ignoring
    case in any alphabet (Python's Unicode simple case folding), None when either side is NULL."""
    if pattern is None or value is None:
        return None
    return _like_pattern(str(pattern), escape).fullmatch(str(value)) is not None


def use_unicode_like(sender, connection, **kwargs):
    """``connection_created`` receiver: give each new SQLite connection ``unicode_like``."""
    if connection.vendor != "sqlite":
        return
    raw = connection.connection
    raw.create_function("like", 2, unicode_like, deterministic=True)
    raw.create_function("like", 3, unicode_like, deterministic=True)
