from django.core.management.base import BaseCommand

from oap_directory.content_packs import export_pack


class Command(BaseCommand):
    help = "Export all content (categories, strategies, interventions, resources with files, levels, phases, synonyms, vocabulary) as a content pack."

    def add_arguments(self, parser):
        parser.add_argument("pack", help="The .zip file to write, e.g. pack.zip")

    def handle(self, *args, pack, **options):
        counts = export_pack(pack)
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Wrote {pack}: {summary}."))
