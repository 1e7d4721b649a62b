"""Shared evaluations and sharing codes are kept only as long as the privacy notice says."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from selfreview.models import SharedEvaluation, SharedRating, SharingCode
from tests.selfreview.factories import make_framework, statements

pytestmark = pytest.mark.django_db


def test_daily_tasks_delete_old_shares_and_lapsed_codes_and_keep_recent_ones():
    framework = make_framework()
    today = timezone.localdate()
    old = SharedEvaluation.objects.create(
        framework=framework, academic_year="2022/23", receipt_hash="old", shared_on=today - timedelta(days=3 * 365 + 1)
    )
    SharedRating.objects.create(evaluation=old, statement=statements(framework)[0], level="embedded")
    recent = SharedEvaluation.objects.create(framework=framework, academic_year="2026/27", receipt_hash="new")
    lapsed = SharingCode.objects.create(code_hash="a" * 64)
    SharingCode.objects.filter(pk=lapsed.pk).update(created_at=timezone.now() - timedelta(days=401))
    fresh = SharingCode.objects.create(code_hash="b" * 64)
    output = StringIO()
    call_command("daily_tasks", stdout=output)
    assert "1 old shared self-evaluations, 1 old sharing codes" in output.getvalue()
    assert list(SharedEvaluation.objects.all()) == [recent]
    assert not SharedRating.objects.exists()
    assert list(SharingCode.objects.all()) == [fresh]


def test_the_privacy_notice_says_what_sharing_stores_and_for_how_long(client):
    page = client.get("/privacy/").content.decode()
    assert "Shared self-evaluation ratings are deleted after 3 years, and unused sharing codes after 400 days." in page
    assert "We never store your notes, evidence or actions" in page
    assert "oap-self-evaluation" in client.get("/cookies/").content.decode()
