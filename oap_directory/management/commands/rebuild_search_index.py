from django.core.management.base import BaseCommand

from oap_directory import search


class Command(BaseCommand):
    help = "Rebuild the search index and its vocabulary from the published content."

    def handle(self, *args, **options):
        count = search.rebuild()
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {count} published items."))
