from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    """The database cache's table (settings.CACHES), made here so `migrate` is the only set-up step."""
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("oap_directory", "0005_staff_2fa_required")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
