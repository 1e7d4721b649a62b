import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import IntegrityError

from accounts.models import User
from accounts.roles import ROLES

pytestmark = pytest.mark.django_db


def test_users_sign_in_with_email_case_insensitively(client):
    User.objects.create_user(email="Sam.Teacher@Example.org", password="a long enough password", is_staff=True)
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "sam.teacher@example.org", "password": "a long enough password"}
    )
    assert response.status_code == 302 and response.url == "/admin/"


def test_the_sign_in_page_names_the_councils_service(client):
    from oap_directory.models import SiteSettings

    site = SiteSettings.load()
    site.council_name, site.service_name = "Riverside Council", "Riverside OAP"
    site.save()
    page = client.get("/admin/login/").content.decode()
    assert "<title>Log in | Riverside OAP admin</title>" in page
    assert "Riverside OAP – Riverside Council</a>" in page
    assert '<link rel="icon" href="data:,">' in page  # the council's icon, or none: never a request for /favicon.ico


def test_the_sign_in_page_shows_the_councils_icon_when_it_has_one(client, settings):
    from oap_directory.models import SiteSettings

    site = SiteSettings.load()
    site.favicon = "branding/riverside-icon.png"
    site.save()
    page = client.get("/admin/login/").content.decode()
    assert f'<link rel="icon" href="{settings.MEDIA_URL}branding/riverside-icon.png">' in page


def test_email_addresses_are_unique_ignoring_case():
    User.objects.create_user(email="sam@example.org")
    with pytest.raises(IntegrityError):
        User.objects.create_user(email="SAM@example.org")


def test_roles_exist_with_permissions_after_migrating():
    for name in ROLES:
        assert Group.objects.get(name=name).permissions.exists()
    editor = Group.objects.get(name="Editor")
    codenames = set(editor.permissions.values_list("codename", flat=True))
    assert {"change_strategy", "add_resource"} <= codenames
    assert "add_category" not in codenames and "change_sitesettings" not in codenames


def test_demo_accounts_refuse_to_be_created_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="refuses to run with DEBUG off"):
        call_command("create_demo_accounts")
    assert not User.objects.exists()


def test_demo_accounts_are_created_with_roles_and_printed(settings, capsys):
    settings.DEBUG = True
    call_command("create_demo_accounts")
    call_command("create_demo_accounts")
    output = capsys.readouterr().out
    assert "editor@example.org" in output and "password:" in output
    editor = User.objects.get(email="editor@example.org")
    assert editor.is_staff and not editor.is_superuser
    assert list(editor.groups.values_list("name", flat=True)) == ["Editor"]
    assert User.objects.count() == 3


def test_users_cannot_be_deleted_in_admin(client):
    manager = User.objects.create_superuser(email="boss@example.org", password="x")
    client.force_login(manager)
    assert client.get(f"/admin/accounts/user/{manager.pk}/delete/").status_code == 403
