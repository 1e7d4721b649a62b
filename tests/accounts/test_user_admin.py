"""Who may manage whose account.

Site managers invite, change, reset and deactivate editors, publishers and other site managers, never a
superuser (whom they do not even see); nobody changes their own role or deactivates themselves; only a
superuser manages superusers. Each case is asserted on the target account afterwards.
"""

import pytest
from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import EDITOR, PUBLISHER, SITE_MANAGER, role_of

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a brand new passphrase 42"
ACTORS = ["editor", "publisher", "site_manager", "superuser"]
TARGETS = ["editor", "publisher", "site_manager", "superuser", "self"]
ACTIONS = ["view", "change", "set_password", "deactivate", "change_role"]
ROLE_OF_PERSONA = {"editor": EDITOR, "publisher": PUBLISHER, "site_manager": SITE_MANAGER, "superuser": ""}


def make_person(persona, email):
    user = User.objects.create_user(
        email=email, password="correct horse battery", is_staff=True, is_superuser=persona == "superuser"
    )
    if ROLE_OF_PERSONA[persona]:
        user.groups.add(Group.objects.get(name=ROLE_OF_PERSONA[persona]))
    return user


def _allowed(actor, target, action):
    """The rule, written out once."""
    if actor in {"editor", "publisher"}:
        return False
    if target == "self":
        return action in {"view", "change", "set_password"}
    if target == "superuser":
        return actor == "superuser"
    return True


def _form(target, **changes):
    """What the change form posts for `target` (every field it could show)."""
    data = {
        "email": target.email,
        "full_name": target.full_name,
        "is_active": "on" if target.is_active else "",
        "role": role_of(target),
        "is_staff": "on",
        "is_superuser": "on" if target.is_superuser else "",
        "groups": list(target.groups.values_list("pk", flat=True)),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value not in ("", None)}


def _other_role(target):
    return EDITOR if role_of(target) in {SITE_MANAGER, ""} else SITE_MANAGER


def _do(client, action, target):
    """Make the request; return a function that says whether it took effect on the target."""
    change_url = f"/admin/accounts/user/{target.pk}/change/"
    if action == "view":
        response = client.get(change_url)
        return lambda: response.status_code == 200 and target.email in response.content.decode()
    if action == "change":
        client.post(change_url, _form(target, full_name="Renamed Person"))
        return lambda: User.objects.get(pk=target.pk).full_name == "Renamed Person"
    if action == "set_password":
        client.post(
            f"/admin/accounts/user/{target.pk}/password/",
            {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
        )
        return lambda: User.objects.get(pk=target.pk).check_password(NEW_PASSWORD)
    if action == "deactivate":
        client.post(change_url, _form(target, is_active=""))
        return lambda: not User.objects.get(pk=target.pk).is_active
    before = (role_of(target), target.is_superuser)
    new_role = _other_role(target)
    new_group = Group.objects.get(name=new_role).pk
    client.post(change_url, _form(target, role=new_role, groups=[new_group], is_superuser=""))
    return lambda: (role_of(User.objects.get(pk=target.pk)), User.objects.get(pk=target.pk).is_superuser) != before


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("target_persona", TARGETS)
@pytest.mark.parametrize("actor_persona", ACTORS)
def test_user_admin_allows_exactly_what_the_rule_says(client, actor_persona, target_persona, action):
    actor = make_person(actor_persona, f"actor-{actor_persona.replace('_', '-')}@example.org")
    target = (
        actor
        if target_persona == "self"
        else make_person(target_persona, f"target-{target_persona.replace('_', '-')}@example.org")
    )
    client.force_login(actor)
    took_effect = _do(client, action, target)
    assert took_effect() == _allowed(actor_persona, target_persona, action), (actor_persona, target_persona, action)


def test_superusers_are_not_listed_to_site_managers(client, site_manager, superuser, editor):
    client.force_login(site_manager)
    listing = client.get("/admin/accounts/user/").content.decode()
    assert editor.email in listing and superuser.email not in listing
    assert superuser.email not in client.get("/admin/accounts/user/?q=admin").content.decode()
    for page in ["change", "history", "password"]:
        response = client.get(f"/admin/accounts/user/{superuser.pk}/{page}/", follow=True)
        assert superuser.email not in response.content.decode(), page


def test_site_managers_cannot_make_anyone_a_superuser(client, site_manager, editor):
    client.force_login(site_manager)
    client.post(f"/admin/accounts/user/{editor.pk}/change/", _form(editor, is_superuser="on"))
    client.post(f"/admin/accounts/user/{site_manager.pk}/change/", _form(site_manager, is_superuser="on"))
    assert not User.objects.filter(is_superuser=True).exists()


def test_site_managers_offer_only_the_three_roles(client, site_manager, editor):
    Group.objects.create(name="Everything")
    client.force_login(site_manager)
    content = client.get(f"/admin/accounts/user/{editor.pk}/change/").content.decode()
    assert "Everything" not in content and "Site manager" in content
    client.post(f"/admin/accounts/user/{editor.pk}/change/", _form(editor, role="Everything"))
    assert role_of(User.objects.get(pk=editor.pk)) == EDITOR


def test_changing_a_role_makes_the_person_staff_with_that_role_only(client, superuser, db):
    member = User.objects.create_user(email="new@example.org", password="x")
    client.force_login(superuser)
    client.post(f"/admin/accounts/user/{member.pk}/change/", _form(member, role=PUBLISHER))
    member.refresh_from_db()
    assert member.is_staff and list(member.groups.values_list("name", flat=True)) == [PUBLISHER]
    client.post(f"/admin/accounts/user/{member.pk}/change/", _form(member, role=""))
    member.refresh_from_db()
    assert not member.is_staff and not member.groups.exists()
