from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand
from django.utils import timezone

from oap_directory.search.logs import KEEP_DAYS, purge_old_logs


class Command(BaseCommand):
    help = f"Housekeeping, once a day: delete search logs older than {KEEP_DAYS} days and expired sessions."

    def handle(self, *args, **options):
        logs = purge_old_logs()
        sessions, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
        self.stdout.write(self.style.SUCCESS(f"Deleted {logs} old search logs and {sessions} expired sessions."))
