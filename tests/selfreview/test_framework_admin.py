"""The framework in admin: a published version never changes; editing it means making the next version, whose
statements keep their uuids, so last year's files carry over."""

import pytest

from selfreview.models import Framework, SharingCode, Statement, TargetLevel
from tests.selfreview.factories import make_framework, statements

pytestmark = pytest.mark.django_db


@pytest.fixture
def publisher_client(client, publisher):
    client.force_login(publisher)
    return client


def test_a_published_framework_cannot_be_edited_in_admin(publisher_client):
    framework = make_framework()
    page = publisher_client.get(f"/admin/selfreview/framework/{framework.pk}/change/")
    assert page.status_code == 200
    assert "Save" not in [button for button in ["Save"] if 'name="_save"' in page.content.decode()]
    publisher_client.post(
        f"/admin/selfreview/framework/{framework.pk}/change/",
        {"name": "Renamed", "slug": framework.slug, "scale": framework.scale_id, "introduction": ""},
    )
    framework.refresh_from_db()
    assert framework.name == "Whole-school SEND self-evaluation"


def test_a_statement_of_a_published_framework_cannot_be_edited(publisher_client):
    statement = statements(make_framework())[0]
    publisher_client.post(
        f"/admin/selfreview/statement/{statement.pk}/change/",
        {"section": statement.section_id, "order": 0, "text": "Changed", "descriptors": "{}"},
    )
    statement.refresh_from_db()
    assert statement.text == "Statement 1.1"


def test_making_a_new_version_copies_everything_and_keeps_statement_uuids(publisher_client):
    framework = make_framework()
    publisher_client.post(
        "/admin/selfreview/framework/", {"action": "make_new_version", "_selected_action": [framework.pk]}
    )
    copy = Framework.objects.get(slug=framework.slug, version=2)
    assert copy.status == Framework.Status.DRAFT
    assert [s.uuid for s in statements(copy)] == [s.uuid for s in statements(framework)]
    assert [s.strategies.count() for s in statements(copy)] == [1] * 6
    assert TargetLevel.objects.filter(statement__section__framework=copy).count() == 1

    # And the draft can be edited, while version 1 stays as it was
    first = statements(copy)[0]
    response = publisher_client.post(
        f"/admin/selfreview/statement/{first.pk}/change/",
        {
            "section": first.section_id,
            "order": 0,
            "text": "Changed in version 2",
            "descriptors": "{}",
            "strategies": [first.strategies.get().pk],
            "target-TOTAL_FORMS": 0,
            "target-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Statement.objects.get(pk=first.pk).text == "Changed in version 2"
    assert statements(framework)[0].text == "Statement 1.1"


def test_publishing_a_draft_version(publisher_client):
    draft = make_framework(publish=False)
    publisher_client.post("/admin/selfreview/framework/", {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.is_published and draft.is_locked


def test_site_managers_make_sharing_codes_shown_once(client, site_manager):
    client.force_login(site_manager)
    page = client.post("/admin/selfreview/sharingcode/add/", {"count": 3}).content.decode()
    assert SharingCode.objects.count() == 3
    assert "Copy them now" in page
    assert client.get("/admin/selfreview/sharingcode/").status_code == 200


def test_publishers_cannot_make_sharing_codes_or_see_shared_results(publisher_client):
    framework = make_framework()
    publisher_client.post("/admin/selfreview/sharingcode/add/", {"count": 3})
    assert not SharingCode.objects.exists()
    assert publisher_client.get(f"/admin/selfreview/framework/{framework.pk}/results/").status_code == 403


def test_the_framework_admin_lists_use_a_fixed_number_of_queries(admin_client, django_assert_max_num_queries):
    make_framework()
    with django_assert_max_num_queries(14):
        assert admin_client.get("/admin/selfreview/framework/").status_code == 200
    for n in range(5):
        make_framework(slug=f"other-{n}")
    with django_assert_max_num_queries(14):
        assert admin_client.get("/admin/selfreview/framework/").status_code == 200


def test_a_second_framework_with_the_same_slug_is_refused_with_a_message(publisher_client):
    framework = make_framework()
    response = publisher_client.post(
        "/admin/selfreview/framework/add/",
        {
            "name": "Copy",
            "slug": framework.slug,
            "scale": framework.scale_id,
            "introduction": "",
            "sections-TOTAL_FORMS": 0,
            "sections-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "make a new version of it" in response.content.decode()
    assert Framework.objects.count() == 1
