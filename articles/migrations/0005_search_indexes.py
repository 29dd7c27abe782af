"""GIN indexes for full-text search on PostgreSQL, one per language; nothing on other databases.

The indexed expression must be the one ``articles.search.search_vector`` builds, or PostgreSQL
will not use the index: the weighted ``simple`` vector of headline (A), lead (B) and body (C).
They live in a migration, not in ``Article.Meta.indexes``, because SQLite cannot build them.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

LANGUAGES = ("ky", "ru", "en")


def index(code):
    vector = (
        SearchVector(f"headline_{code}", weight="A", config="simple")
        + SearchVector(f"lead_{code}", weight="B", config="simple")
        + SearchVector(f"body_{code}", weight="C", config="simple")
    )
    return GinIndex(vector, name=f"article_search_{code}")


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Article = apps.get_model("articles", "Article")
    for code in LANGUAGES:
        schema_editor.add_index(Article, index(code))


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Article = apps.get_model("articles", "Article")
    for code in LANGUAGES:
        schema_editor.remove_index(Article, index(code))


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_article_hero_photo")]

    operations = [migrations.RunPython(add_indexes, remove_indexes)]
