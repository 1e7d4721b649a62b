"""Staff by email: site managers invite colleagues with a role; anyone resets a forgotten password.

Links work once, for 72 hours, are built from SITE_URL, and no page says whether an address has an account.
"""

import re
from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail

from accounts.models import User
from accounts.roles import PUBLISHER, role_of

pytestmark = pytest.mark.django_db
SITE = "https://oap.exampleshire.gov.uk"
CHOSEN = "four unrelated words here"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def _link(message):
    return re.search(rf"{re.escape(SITE)}(/\S+)", message.body).group(1)


def _invite(client, site_manager, email="new.colleague@example.org", role=PUBLISHER):
    client.force_login(site_manager)
    return client.post("/admin/accounts/user/add/", {"email": email, "full_name": "New Colleague", "role": role})


def _choose_password(client, link, password=CHOSEN):
    chain = client.get(link, follow=True).redirect_chain
    target = chain[-1][0] if chain else link
    return client.post(target, {"new_password1": password, "new_password2": password})


def test_site_managers_invite_a_colleague_with_a_role(client, site_manager):
    _invite(client, site_manager)
    person = User.objects.get(email="new.colleague@example.org")
    assert person.is_staff and not person.is_superuser and role_of(person) == PUBLISHER
    assert not person.has_usable_password()
    (message,) = mail.outbox
    assert message.to == ["new.colleague@example.org"] and "72 hours" in message.body
    assert _link(message).startswith("/admin/welcome/")


def test_the_invitation_form_sends_an_invitation_rather_than_saving_a_user(client, site_manager):
    client.force_login(site_manager)
    page = client.get("/admin/accounts/user/add/").content.decode()
    assert 'value="Send the invitation"' in page and "&rsaquo; Invite a colleague" in page
    assert "Save and add another" not in page and "Add user" not in page


def test_an_invitation_link_sets_the_password_once(client, site_manager):
    _invite(client, site_manager)
    client.logout()
    link = _link(mail.outbox[0])
    assert "Choose the password you will sign in with" in client.get(link, follow=True).content.decode()
    _choose_password(client, link)
    assert User.objects.get(email="new.colleague@example.org").check_password(CHOSEN)
    signed_in = client.post("/admin/login/?next=/admin/", {"username": "new.colleague@example.org", "password": CHOSEN})
    assert signed_in.status_code == 302 and signed_in.url == "/admin/"
    client.logout()
    again = client.get(link, follow=True).content.decode()
    assert "This link no longer works" in again
    _choose_password(client, link, "someone else's password 9")
    assert User.objects.get(email="new.colleague@example.org").check_password(CHOSEN)


def test_an_invitation_link_works_for_72_hours_only(client, site_manager):
    _invite(client, site_manager)
    client.logout()
    link = _link(mail.outbox[0])
    later = datetime.now() + timedelta(hours=72, minutes=1)
    with mock.patch.object(PasswordResetTokenGenerator, "_now", return_value=later):
        assert "This link no longer works" in client.get(link, follow=True).content.decode()
    sooner = datetime.now() + timedelta(hours=71)
    with mock.patch.object(PasswordResetTokenGenerator, "_now", return_value=sooner):
        _choose_password(client, link)
    assert User.objects.get(email="new.colleague@example.org").check_password(CHOSEN)


def test_inviting_an_existing_address_is_refused_clearly(client, site_manager, editor):
    response = _invite(client, site_manager, email="EDITOR@example.org")
    assert "already has an account" in response.content.decode()
    assert User.objects.filter(email__iexact="editor@example.org").count() == 1 and not mail.outbox


def test_editors_and_publishers_cannot_invite(client, editor, publisher):
    for person in (editor, publisher):
        _invite(client, person, email=f"invited-by-{person.pk}@example.org")
    assert not User.objects.filter(email__startswith="invited-by").exists() and not mail.outbox


def test_a_new_invitation_can_be_sent_to_someone_who_has_not_chosen_a_password(client, site_manager, editor):
    _invite(client, site_manager)
    person = User.objects.get(email="new.colleague@example.org")
    client.post(
        "/admin/accounts/user/",
        {"action": "send_new_invitation", "_selected_action": [person.pk, editor.pk]},
    )
    assert [m.to for m in mail.outbox] == [[person.email], [person.email]]


def test_the_sign_in_page_offers_a_password_reset(client, db):
    assert 'href="/admin/password-reset/"' in client.get("/admin/login/").content.decode()


def test_password_reset_emails_a_single_use_link(client, editor):
    response = client.post("/admin/password-reset/", {"email": "Editor@Example.org"})
    assert response.status_code == 302 and response.url == "/admin/password-reset/sent/"
    (message,) = mail.outbox
    assert message.to == [editor.email] and "72 hours" in message.body
    link = _link(message)
    _choose_password(client, link)
    assert User.objects.get(pk=editor.pk).check_password(CHOSEN)
    assert "This link no longer works" in client.get(link, follow=True).content.decode()


def test_password_reset_never_says_whether_an_address_has_an_account(client, editor):
    User.objects.create_user(email="gone@example.org", password="x", is_staff=True, is_active=False)
    pages = []
    for email in ["editor@example.org", "nobody@example.org", "gone@example.org"]:
        response = client.post("/admin/password-reset/", {"email": email}, follow=True)
        pages.append((response.redirect_chain, response.content.decode().replace(email, "")))
    assert pages[0] == pages[1] == pages[2]
    assert [m.to for m in mail.outbox] == [["editor@example.org"]]


def test_someone_whose_invitation_ran_out_can_still_reset(client, site_manager):
    _invite(client, site_manager)
    client.logout()
    mail.outbox.clear()
    client.post("/admin/password-reset/", {"email": "new.colleague@example.org"})
    _choose_password(client, _link(mail.outbox[0]))
    assert User.objects.get(email="new.colleague@example.org").check_password(CHOSEN)


def test_email_links_come_from_site_url_not_the_host_header(client, editor):
    client.post("/admin/password-reset/", {"email": editor.email}, HTTP_HOST="localhost")
    assert f"{SITE}/admin/password-reset/" in mail.outbox[0].body
    assert "localhost" not in mail.outbox[0].body
