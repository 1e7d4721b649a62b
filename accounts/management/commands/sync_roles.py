from django.core.management.base import BaseCommand

from accounts.roles import ROLES, sync_roles


class Command(BaseCommand):
    help = "Create the Editor, Publisher and Site manager groups with their permissions (idempotent)."

    def handle(self, *args, **options):
        sync_roles()
        self.stdout.write(self.style.SUCCESS(f"Roles up to date: {', '.join(ROLES)}."))
