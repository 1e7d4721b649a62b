from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from feedback.retention import KEEP_DAYS as FEEDBACK_KEEP_DAYS
from feedback.retention import purge_old_feedback
from oap_directory import search
from oap_directory.page_cache import bump_content_version
from oap_directory.search.logs import KEEP_DAYS, purge_old_logs
from resources.costing import recompute_intervention_costs
from selfreview.retention import CODE_KEEP_DAYS, SHARED_KEEP_YEARS, purge_old_shares

SIGN_IN_LOG_DAYS = 90


class Command(BaseCommand):
    help = (
        f"Housekeeping, once a day: delete search logs older than {KEEP_DAYS} days, expired sessions, lockouts "
        f"whose cool-off has passed, sign-in records older than {SIGN_IN_LOG_DAYS} days, shared self-evaluations "
        f"older than {SHARED_KEEP_YEARS} years, sharing codes older than {CODE_KEEP_DAYS} days, and visitors' "
        f"feedback and suggestions older than {FEEDBACK_KEEP_DAYS} days. Then checks every link in the content "
        "(manage.py check_links) unless --skip-link-check. Interventions' costs are worked out again with the rates "
        "valid today, and the changes of the day are merged into the search index."
    )

    def add_arguments(self, parser):
        parser.add_argument("--skip-link-check", action="store_true", help="Don't check the content's links today.")

    def handle(self, *args, **options):
        now = timezone.now()
        logs = purge_old_logs()
        sessions, _ = Session.objects.filter(expire_date__lt=now).delete()
        lockouts, _ = AccessAttempt.objects.filter(attempt_time__lt=now - _cool_off()).delete()
        old = now - timedelta(days=SIGN_IN_LOG_DAYS)
        sign_ins = AccessLog.objects.filter(attempt_time__lt=old).delete()[0]
        sign_ins += AccessFailureLog.objects.filter(attempt_time__lt=old).delete()[0]
        shares, codes = purge_old_shares()
        feedback = purge_old_feedback(now)
        if costs := recompute_intervention_costs():
            bump_content_version()
            self.stdout.write(f"{costs} interventions' costs changed with today's staff rates.")
        if not search.merge_index():
            self.stdout.write(self.style.WARNING("The search index was not merged (see the log); search still works."))
        self.stdout.write(
            self.style.SUCCESS(
                f"Deleted {logs} old search logs, {sessions} expired sessions, {lockouts} expired lockouts, "
                f"{sign_ins} old sign-in records, {shares} old shared self-evaluations, {codes} old sharing codes "
                f"and {feedback} old pieces of feedback."
            )
        )
        if not options["skip_link_check"]:
            call_command("check_links", stdout=self.stdout)


def _cool_off():
    cool_off = settings.AXES_COOLOFF_TIME
    return cool_off if isinstance(cool_off, timedelta) else timedelta(hours=cool_off)
