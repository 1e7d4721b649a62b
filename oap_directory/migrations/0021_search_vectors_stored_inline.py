"""PostgreSQL: keep each search vector in its table row, not in the TOAST table.

Every search reads the vector of every document it matches (to test and rank it). A vector of over
about 2 KB was stored out of line, uncompressed, so each match cost an index look-up and several page
reads in the TOAST table: most of a search's time on PostgreSQL. With STORAGE MAIN the vector stays in
the row (the longer texts go out of line instead). Vectors already stored are rewritten in place, unchanged.
SQLite has no such column: nothing to do there.
"""

from django.db import migrations

TABLE = '"oap_directory_searchdocument"'


def store_inline(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f'ALTER TABLE {TABLE} ALTER COLUMN "search_vector" SET STORAGE MAIN')
    # Concatenating an empty vector makes a new value, stored the new way; an unchanged value would keep its place.
    schema_editor.execute(
        f'UPDATE {TABLE} SET "search_vector" = "search_vector" || \'\'::tsvector WHERE "search_vector" IS NOT NULL'
    )


def store_out_of_line(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f'ALTER TABLE {TABLE} ALTER COLUMN "search_vector" SET STORAGE EXTENDED')


class Migration(migrations.Migration):
    dependencies = [("oap_directory", "0020_search_teachers_words_by_area")]
    operations = [migrations.RunPython(store_inline, store_out_of_line)]
