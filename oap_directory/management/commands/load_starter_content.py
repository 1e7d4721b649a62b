from django.core.management.base import BaseCommand

from oap_directory.starter_content import StarterContentLoader


class Command(BaseCommand):
    help = "Load the starter content (a fictional council's directory). Safe to run more than once."

    def add_arguments(self, parser):
        parser.add_argument(
            "--update", action="store_true", help="Overwrite starter items that already exist with the files' version."
        )

    def handle(self, *args, update=False, **options):
        created = StarterContentLoader(update=update).load()
        if created:
            summary = ", ".join(f"{count} {name}" for name, count in created.items())
            self.stdout.write(self.style.SUCCESS(f"Starter content loaded: {summary}."))
        else:
            self.stdout.write("Starter content already loaded; nothing changed.")
