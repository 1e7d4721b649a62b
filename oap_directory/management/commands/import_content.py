from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from oap_directory.content_packs import PackError
from oap_directory.pack_import import import_pack


class Command(BaseCommand):
    help = "Import a content pack made by export_content. New items arrive as drafts unless --published."

    def add_arguments(self, parser):
        parser.add_argument("pack", help="The content pack (.zip)")
        parser.add_argument("--published", action="store_true", help="Keep each item's status from the pack")
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="For items changed both here and in the pack, take the pack's version",
        )

    def handle(self, *args, pack, published=False, overwrite=False, **options):
        try:
            with open(pack, "rb") as source:
                record = import_pack(source, Path(pack).name, publish=published, overwrite=overwrite)
        except FileNotFoundError:
            raise CommandError(f"There is no file {pack}.") from None
        except PackError as error:
            raise CommandError(str(error)) from None
        counts = record.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {pack}: {counts['created']} created, {counts['updated']} updated, "
                f"{counts['unchanged']} unchanged, {counts['kept']} changed here only (kept), "
                f"{counts['conflicts']} conflicts ({'theirs taken' if overwrite else 'ours kept'}), "
                f"{counts['refused']} not imported."
            )
        )
        for message in record.messages:
            self.stdout.write(f"  - {message}")
