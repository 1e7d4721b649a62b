import secrets

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from accounts.roles import EDITOR, PUBLISHER, SITE_MANAGER, sync_roles

DEMO_ACCOUNTS = [
    ("editor@example.org", "Demo Editor", EDITOR),
    ("publisher@example.org", "Demo Publisher", PUBLISHER),
    ("manager@example.org", "Demo Site Manager", SITE_MANAGER),
]


class Command(BaseCommand):
    help = "Create demo staff accounts for trying the admin locally. Refuses to run with DEBUG off."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo accounts are for local trials only: this command refuses to run with DEBUG off.")
        from django.contrib.auth.models import Group

        sync_roles()
        self.stdout.write("Demo accounts (new passwords each run; sign in at /" + settings.ADMIN_URL + "):")
        for email, name, role in DEMO_ACCOUNTS:
            password = "demo-" + secrets.token_urlsafe(9)
            user = User.objects.filter(email__iexact=email).first() or User(email=email)
            user.full_name = name
            user.is_staff = True
            user.is_active = True
            user.set_password(password)
            user.save()
            user.groups.set([Group.objects.get(name=role)])
            self.stdout.write(self.style.SUCCESS(f"  {role:<13} {email:<24} password: {password}"))
