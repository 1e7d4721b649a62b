from django.core.management.base import BaseCommand

from feedback import links
from feedback.models import LinkCheck


class Command(BaseCommand):
    help = (
        "Check every web address the content links to (resources' links and links in rich text) and record "
        "which work, redirect or are broken, for the editors' dashboard. daily_tasks runs it."
    )

    def handle(self, *args, **options):
        checks = links.check_all()
        broken = checks.filter(outcome=LinkCheck.Outcome.BROKEN).count()
        redirected = checks.filter(outcome=LinkCheck.Outcome.REDIRECTED).count()
        self.stdout.write(
            self.style.SUCCESS(f"Checked {checks.count()} links: {broken} broken, {redirected} redirected.")
        )
