"""Every role (and anonymous, and a signed-in non-staff user) against every admin action and URL.

Permissions are enforced on the server: each request here is what a forged link or form would send.
"""

import pytest

from accounts.models import User
from categories.content import Status
from oap_directory.models import SiteSettings
from tests.factories import make_category, make_level, make_strategy

pytestmark = pytest.mark.django_db

LOGIN = "login"  # redirected to the admin sign-in page
PERSONAS = ["anonymous", "member", "editor", "publisher", "site_manager"]

# (method, url, {persona: expected}) — personas not listed expect the same as "editor".
MATRIX = [
    ("get", "/admin/", {"editor": 200, "publisher": 200, "site_manager": 200}),
    ("get", "/admin/categories/strategy/", {"editor": 200}),
    ("get", "/admin/categories/strategy/add/", {"editor": 200}),
    ("get", "/admin/categories/strategy/{strategy}/change/", {"editor": 200}),
    ("get", "/admin/categories/strategy/{strategy}/history/", {"editor": 200}),
    ("get", "/admin/categories/strategy/{strategy}/delete/", {"editor": 403}),
    ("post", "/admin/categories/strategy/{in_review}/transition/publish/", {"editor": 403, "publisher": 302, "site_manager": 302}),
    ("post", "/admin/categories/strategy/{draft}/transition/submit/", {"editor": 302}),
    ("post", "/admin/categories/strategy/{strategy}/transition/archive/", {"editor": 403, "publisher": 302, "site_manager": 302}),
    ("get", "/admin/resources/resource/add/", {"editor": 200}),
    ("get", "/admin/resources/intervention/add/", {"editor": 200}),
    ("get", "/admin/categories/category/add/", {"editor": 403, "publisher": 403, "site_manager": 200}),
    ("get", "/admin/categories/category/{category}/change/", {"editor": 200}),
    ("post", "/admin/categories/category/{category}/transition/archive/", {"editor": 403, "publisher": 403, "site_manager": 302}),
    ("get", "/admin/categories/level/add/", {"editor": 403, "publisher": 403, "site_manager": 200}),
    ("get", "/admin/categories/level/{level}/change/", {"editor": 200, "publisher": 200, "site_manager": 200}),
    ("get", "/admin/categories/phase/add/", {"editor": 403, "publisher": 403, "site_manager": 200}),
    ("get", "/admin/oap_directory/sitesettings/1/change/", {"editor": 403, "publisher": 403, "site_manager": 200}),
    ("get", "/admin/accounts/user/", {"editor": 403, "publisher": 403, "site_manager": 200}),
    ("get", "/admin/accounts/user/add/", {"editor": 403, "publisher": 403, "site_manager": 200}),
    ("get", "/admin/oap_directory/synonym/add/", {"editor": 403, "publisher": 403, "site_manager": 200}),
    ("get", "/admin/oap_directory/searchlog/", {"editor": 200}),
    ("get", "/admin/auth/group/{group}/change/", {"editor": 403, "publisher": 403, "site_manager": 200}),
]  # fmt: skip


@pytest.fixture
def objects(db):
    SiteSettings.load()
    from django.contrib.auth.models import Group

    category = make_category()
    return {
        "strategy": make_strategy(categories=[category]).pk,
        "in_review": make_strategy(status=Status.IN_REVIEW, categories=[category]).pk,
        "draft": make_strategy(status=Status.DRAFT, categories=[category]).pk,
        "category": category.pk,
        "level": make_level().pk,
        "group": Group.objects.get(name="Editor").pk,
    }


def _login_as(client, persona, request):
    if persona == "anonymous":
        return
    if persona == "member":
        client.force_login(User.objects.create_user(email="member@example.org", password="x"))
        return
    client.force_login(request.getfixturevalue(persona))


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("method", "url", "expected"), MATRIX, ids=[f"{m} {u}" for m, u, _ in MATRIX])
def test_permission_matrix(client, request, objects, persona, method, url, expected):
    _login_as(client, persona, request)
    response = getattr(client, method)(url.format(**objects))
    if persona in {"anonymous", "member"}:
        assert response.status_code == 302 and "/admin/login/" in response["Location"], (persona, url)
        return
    want = expected.get(persona, expected.get("editor"))
    assert response.status_code == want, (persona, method, url, response.status_code)


def test_site_managers_cannot_make_superusers(client, site_manager):
    client.force_login(site_manager)
    content = client.get(f"/admin/accounts/user/{site_manager.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in content
