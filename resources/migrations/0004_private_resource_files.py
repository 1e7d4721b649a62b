import re

from django.db import migrations, models

import resources.storage
import resources.validators

UNGUESSABLE = re.compile(r"resources/[A-Za-z0-9_-]{22}(\.[a-z0-9]+)?")


def rename_existing_files(apps, schema_editor):
    """Files uploaded before this change kept their own names (guessable): give each an unguessable one, in the
    live item and in its history, and remove the old copy. Names that are already unguessable, or whose file
    is missing, are left as they are."""
    Resource = apps.get_model("resources", "Resource")
    HistoricalResource = apps.get_model("resources", "HistoricalResource")
    storage = resources.storage.resource_file_storage
    names = set(Resource.objects.exclude(file="").values_list("file", flat=True))
    names |= set(HistoricalResource.objects.exclude(file="").values_list("file", flat=True))
    for old in sorted(names):
        if UNGUESSABLE.fullmatch(old) or not storage.exists(old):
            continue
        with storage.open(old, "rb") as source:
            new = storage.save(resources.storage.unguessable_name(None, old), source)
        Resource.objects.filter(file=old).update(file=new)
        HistoricalResource.objects.filter(file=old).update(file=new)
        storage.delete(old)


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0003_help_text"),
    ]

    operations = [
        migrations.AlterField(
            model_name="resource",
            name="file",
            field=models.FileField(
                blank=True,
                help_text="PDF, Word, Excel, PowerPoint, PNG or JPEG. Give a file or a web address, not both.",
                storage=resources.storage.storage,
                upload_to=resources.storage.unguessable_name,
                validators=[resources.validators.validate_resource_file],
            ),
        ),
        migrations.RunPython(rename_existing_files, migrations.RunPython.noop),
    ]
