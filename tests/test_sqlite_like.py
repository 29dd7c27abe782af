"""newsroom.sqlite.unicode_like: SQLite's LIKE semantics (``%``, ``_``, ESCAPE), any alphabet's case ignored."""

import pytest

from newsroom.sqlite import unicode_like


@pytest.mark.parametrize(
    ("pattern", "value", "escape", "expected"),
    [
        ("%мамыт%", "Жогорку Кеңеш: Мамыт", None, True),
        ("ө%", "Өкмөт", None, True),
        ("өкмөт", "ӨКМӨТ", None, True),
        ("Ң_", "ңа", None, True),
        ("Ң_", "ңаа", None, False),
        (r"%100\%%", "100% далил", "\\", True),
        (r"%100\%%", "1000 далил", "\\", False),
        (r"a\_b", "a_b", "\\", True),
        (r"a\_b", "axb", "\\", False),
        ("%.*%", "no regex here", None, False),
        ("%", "", None, True),
        ("x%", None, None, None),
    ],
)
def test_like(pattern, value, escape, expected):
    assert unicode_like(pattern, value, escape) is expected
