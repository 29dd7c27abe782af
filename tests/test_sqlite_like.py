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
        ("a%b", "a\nline\nb", None, True),
        ("a_b", "a\nb", None, True),
        ("a\\", "a", "\\", False),  # ends in the escape: SQLite matches nothing
        ("x%", None, None, None),
        (None, "x", None, None),
    ],
)
def test_like(pattern, value, escape, expected):
    args = (pattern, value) if escape is None else (pattern, value, escape)
    assert unicode_like(*args) is expected


def test_a_null_escape_gives_null_and_a_long_one_is_refused():
    assert unicode_like("a", "a", None) is None
    with pytest.raises(ValueError, match="single character"):
        unicode_like("a", "a", "ab")


@pytest.mark.django_db
def test_sqlite_connections_use_it():
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the replacement is for SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 'ӨКМӨТ' LIKE 'өкмөт', 'a' LIKE 'a\\' ESCAPE '\\', 'Ы' LIKE 'ы'")
        assert cursor.fetchone() == (1, 0, 1)
