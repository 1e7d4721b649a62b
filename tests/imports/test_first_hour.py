"""What a new council sees in its first hour, besides its content."""

import datetime
import io
import re
from importlib import import_module

import pytest
from django.core.management import call_command

from oap_directory.models import SiteSettings

pytestmark = pytest.mark.django_db

SETTINGS_PAGE = "/admin/oap_directory/sitesettings/1/change/"


def _new_council():
    call_command(
        "setup_council", council_name="Riverside Council", contact_email="send@riverside.example",
        manager_email="lead@riverside.example", content="empty", interactive=False, stdout=io.StringIO(),
    )  # fmt: skip


def _notice(client):
    page = client.get("/admin/").content.decode()
    found = re.search(r'<div[^>]*id="oap-accessibility-statement".*?</div>', page, re.S)
    return found.group(0) if found else None


def test_an_untested_site_does_not_claim_to_be_fully_accessible(client):
    site = SiteSettings.load()
    site.council_name = "Riverside Council"
    site.accessibility_compliance = ""
    site.accessibility_tested_on = None
    site.save()
    content = client.get("/accessibility/").content.decode()
    assert "fully compliant" not in content
    assert "Riverside Council has not yet tested this website" in content


def test_a_new_councils_statement_says_it_is_not_yet_tested_rather_than_compliant(client):
    _new_council()
    content = client.get("/accessibility/").content.decode()
    assert "compliant" not in content
    assert "Riverside Council has not yet tested this website" in content


def test_a_statement_with_a_test_date_but_no_compliance_status_claims_nothing(client):
    _new_council()
    site = SiteSettings.load()
    site.accessibility_tested_on = datetime.date(2026, 11, 2)
    site.save()
    content = client.get("/accessibility/").content.decode()
    assert "compliant" not in content
    assert "has not yet said how far this website complies" in content


def test_the_admin_home_tells_a_site_manager_what_the_statement_still_needs(client, site_manager):
    _new_council()
    client.force_login(site_manager)
    notice = _notice(client)
    assert "Your accessibility statement is not finished" in notice
    for label in ["Compliance status", "Date the site was last tested", "Date the statement was prepared"]:
        assert label in notice
    assert f'href="{SETTINGS_PAGE}#id_accessibility_compliance"' in notice
    settings_page = client.get(SETTINGS_PAGE).content.decode()
    assert 'id="id_accessibility_compliance"' in settings_page
    assert "Until the compliance status and both dates are filled in" in settings_page


def test_the_notice_lists_only_what_is_missing_and_goes_once_the_statement_is_complete(client, site_manager):
    _new_council()
    client.force_login(site_manager)
    site = SiteSettings.load()
    site.accessibility_compliance = "This website is partially compliant with WCAG 2.2 AA, because of the issues below."
    site.accessibility_tested_on = datetime.date(2026, 11, 2)
    site.save()
    notice = _notice(client)
    assert "Date the statement was prepared" in notice and "Compliance status" not in notice
    assert f'href="{SETTINGS_PAGE}#id_accessibility_prepared_on"' in notice
    site.accessibility_prepared_on = datetime.date(2026, 11, 3)
    site.save()
    assert _notice(client) is None
    assert "partially compliant" in client.get("/accessibility/").content.decode()


def test_only_people_who_can_change_the_settings_see_the_notice(client, editor):
    _new_council()
    client.force_login(editor)
    assert _notice(client) is None


def test_the_demo_councils_statement_is_complete(client, site_manager):
    from oap_directory.starter_content import StarterContentLoader

    StarterContentLoader().load_site(StarterContentLoader()._read("site.json"))
    assert SiteSettings.load().accessibility_statement_gaps() == []


def test_an_upgrade_withdraws_the_claim_of_a_site_that_was_never_tested():
    from django.apps import apps

    migration = import_module("oap_directory.migrations.0017_accessibility_statement_not_claimed")
    site = SiteSettings.load()
    site.accessibility_compliance = migration.UNTESTED_CLAIM
    site.save()
    migration.withdraw_untested_claim(apps, None)
    assert SiteSettings.load().accessibility_compliance == ""
    site = SiteSettings.load()
    site.accessibility_compliance, site.accessibility_tested_on = migration.UNTESTED_CLAIM, datetime.date(2026, 1, 5)
    site.save()
    migration.withdraw_untested_claim(apps, None)
    assert SiteSettings.load().accessibility_compliance == migration.UNTESTED_CLAIM
