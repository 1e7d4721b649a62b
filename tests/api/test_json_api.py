"""The read-only JSON API: only published content, the pages' filters, pagination, change feed."""

import uuid
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from categories.content import Status
from oap_directory.models import Revision, SiteSettings
from tests.factories import make_category, make_intervention, make_level, make_phase, make_resource, make_strategy

pytestmark = pytest.mark.django_db

SITE = "http://testserver.example"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def _get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.content[:300])
    return response.json()


def _slugs(body):
    return [item["slug"] for item in body["results"]]


@pytest.fixture
def area():
    return make_category(slug="reading", parent=make_category(slug="cognition"))


def test_strategy_list_shows_published_strategies_with_absolute_urls(client, area):
    strategy = make_strategy(categories=[area], title="Phonics in every lesson", tags=["phonics"])
    body = _get(client, "/api/v1/strategies/")
    assert body["count"] == 1
    item = body["results"][0]
    assert item["uuid"] == str(strategy.uuid)
    assert item["title"] == "Phonics in every lesson"
    assert item["url"] == f"{SITE}/strategies/{strategy.slug}/"
    assert item["categories"] == [str(area.uuid)]
    assert item["tags"] == ["phonics"]
    assert body["licence"]["name"] == "Open Government Licence v3.0"


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW, Status.ARCHIVED])
def test_unpublished_items_never_appear_in_lists(client, area, status):
    make_strategy(categories=[area], status=status)
    make_intervention(categories=[area], status=status)
    make_resource(status=status)
    make_category(parent=area, status=status)
    for url in ["/api/v1/strategies/", "/api/v1/interventions/", "/api/v1/resources/"]:
        assert _get(client, url)["count"] == 0, url
    assert _slugs(_get(client, "/api/v1/categories/")) == ["cognition", "reading"]


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW])
def test_unpublished_items_are_not_found_by_slug_or_uuid(client, area, status):
    for item, kind in [
        (make_strategy(categories=[area], status=status), "strategies"),
        (make_intervention(status=status), "interventions"),
        (make_resource(status=status), "resources"),
        (make_category(parent=area, status=status), "categories"),
    ]:
        _get(client, f"/api/v1/{kind}/{item.slug}/", 404)
        _get(client, f"/api/v1/{kind}/{item.uuid}/", 404)


def test_archived_items_answer_gone(client, area):
    for item, kind in [
        (make_strategy(categories=[area], status=Status.ARCHIVED), "strategies"),
        (make_intervention(status=Status.ARCHIVED), "interventions"),
        (make_resource(status=Status.ARCHIVED), "resources"),
        (make_category(parent=area, status=Status.ARCHIVED), "categories"),
    ]:
        _get(client, f"/api/v1/{kind}/{item.slug}/", 410)


def test_detail_by_slug_and_by_uuid_is_the_same_item(client, area):
    strategy = make_strategy(categories=[area])
    by_slug = _get(client, f"/api/v1/strategies/{strategy.slug}/")
    by_uuid = _get(client, f"/api/v1/strategies/{strategy.uuid}/")
    assert by_slug == by_uuid
    assert by_slug["teacher_statement"] == strategy.teacher_statement


def test_a_pending_change_is_not_shown_until_it_is_published(client, area, editor):
    strategy = make_strategy(categories=[area], title="The live title")
    Revision.objects.create(
        content_type=ContentType.objects.get_for_model(strategy),
        object_id=strategy.pk,
        data={"title": "An unpublished new title"},
        base_version=strategy.version,
        created_by=editor,
    )
    assert _get(client, f"/api/v1/strategies/{strategy.slug}/")["title"] == "The live title"
    assert "unpublished new title" not in client.get("/api/v1/strategies/").content.decode()


def test_links_only_point_to_published_items(client, area):
    strategy = make_strategy(categories=[area, make_category(status=Status.DRAFT)])
    live = make_resource(strategies=[strategy])
    make_resource(strategies=[strategy], status=Status.DRAFT)
    make_intervention(strategies=[strategy], status=Status.IN_REVIEW)
    item = _get(client, f"/api/v1/strategies/{strategy.slug}/")
    assert item["resources"] == [str(live.uuid)]
    assert item["interventions"] == []
    assert item["categories"] == [str(area.uuid)]


def test_no_staff_names_or_workflow_fields(client, area, editor):
    strategy = make_strategy(categories=[area], last_reviewed_by=editor)
    text = client.get(f"/api/v1/strategies/{strategy.slug}/").content.decode()
    for private in ["editor@example.org", "last_reviewed_by", "status", "version", "review_by"]:
        assert private not in text


def test_staff_see_only_published_content_too(editor_client, area):
    make_strategy(categories=[area], status=Status.DRAFT)
    assert _get(editor_client, "/api/v1/strategies/")["count"] == 0


def test_strategies_filter_like_the_list_page(client, area):
    primary, secondary = make_phase(slug="primary"), make_phase(slug="secondary")
    targeted = make_level(slug="targeted")
    other_area = make_category(slug="writing")
    a = make_strategy(categories=[area], phases=[primary], level=targeted, tags=["phonics"])
    b = make_strategy(categories=[area], phases=[secondary])
    c = make_strategy(categories=[other_area], phases=[primary])
    assert set(_slugs(_get(client, "/api/v1/strategies/?phase=primary"))) == {a.slug, c.slug}
    assert set(_slugs(_get(client, "/api/v1/strategies/?phase=primary&phase=secondary"))) == {a.slug, b.slug, c.slug}
    assert _slugs(_get(client, "/api/v1/strategies/?phase=primary&category=reading")) == [a.slug]
    assert _slugs(_get(client, "/api/v1/strategies/?category=cognition&phase=secondary")) == [b.slug]
    assert _slugs(_get(client, "/api/v1/strategies/?level=targeted")) == [a.slug]
    assert _slugs(_get(client, "/api/v1/strategies/?tag=phonics")) == [a.slug]
    body = _get(client, "/api/v1/strategies/?phase=nonsense")
    assert body["ignored_filters"] == ["nonsense"]
    assert body["count"] == 3


def test_interventions_and_resources_filter(client, area):
    primary = make_phase(slug="primary")
    a = make_intervention(categories=[area], phases=[primary])
    make_intervention()
    assert _slugs(_get(client, "/api/v1/interventions/?category=reading")) == [a.slug]
    video = make_resource(kind="video", phases=[primary])
    make_resource(kind="document")
    assert _slugs(_get(client, "/api/v1/resources/?kind=video")) == [video.slug]
    assert _slugs(_get(client, "/api/v1/resources/?phase=primary")) == [video.slug]


def test_updated_since_on_every_list(client, area):
    old = make_strategy(categories=[area])
    make_intervention(categories=[area])
    make_resource()
    before = timezone.now() + timedelta(seconds=1)
    for url in ["strategies", "interventions", "resources", "categories"]:
        assert (
            _get(client, f"/api/v1/{url}/?updated_since={before.isoformat().replace('+00:00', 'Z')}")["count"] == 0
        ), url
    old.title = "Changed"
    old.save()
    since = (old.updated_at - timedelta(milliseconds=1)).isoformat().replace("+00:00", "Z")
    assert _slugs(_get(client, f"/api/v1/strategies/?updated_since={since}")) == [old.slug]
    _get(client, "/api/v1/strategies/?updated_since=yesterday", 422)


def test_page_size_is_capped_at_100(client, area):
    for _ in range(3):
        make_resource()
    body = _get(client, "/api/v1/resources/?page_size=2")
    assert len(body["results"]) == 2
    assert body["pages"] == 2
    assert body["next"] == f"{SITE}/api/v1/resources/?page=2&page_size=2"
    assert len(_get(client, body["next"].removeprefix(SITE))["results"]) == 1
    assert _get(client, "/api/v1/resources/?page_size=100")["page_size"] == 100
    _get(client, "/api/v1/resources/?page_size=101", 422)
    _get(client, "/api/v1/resources/?page=0", 422)
    assert _get(client, "/api/v1/resources/?page=5")["results"] == []


def test_categories_come_as_a_tree(client, area):
    child = make_category(slug="phonics", parent=area)
    body = _get(client, "/api/v1/categories/")
    assert _slugs(body) == ["cognition", "reading", "phonics"]
    by_slug = {item["slug"]: item for item in body["results"]}
    assert by_slug["reading"]["parent"] == by_slug["cognition"]["uuid"]
    assert by_slug["reading"]["children"] == [str(child.uuid)]


def test_tags_list_only_tags_of_published_items(client, area):
    make_strategy(categories=[area], tags=["phonics"])
    make_strategy(categories=[area], tags=["secret-draft-tag"], status=Status.DRAFT)
    assert _slugs(_get(client, "/api/v1/tags/")) == ["phonics"]
    assert _get(client, "/api/v1/tags/phonics/")["name"] == "phonics"
    _get(client, "/api/v1/tags/secret-draft-tag/", 404)


def test_search_returns_the_same_ranked_results_as_the_search_page(client, area, indexed):
    make_strategy(categories=[area], title="Phonics games for reading")
    make_resource(title="Phonics games pack")
    make_strategy(categories=[area], title="Hidden phonics idea", status=Status.DRAFT)
    body = _get(client, "/api/v1/search/?q=phonics")
    page = client.get("/search/?q=phonics").content.decode()
    titles = [result["title"] for result in body["results"]]
    assert sorted(titles) == ["Phonics games for reading", "Phonics games pack"]
    assert [page.index(title) for title in titles] == sorted(page.index(title) for title in titles)
    cache_control = client.get("/api/v1/search/?q=phonics")["Cache-Control"]
    assert {part.strip() for part in cache_control.split(",")} == {"private", "no-cache"}


def test_removed_list_reports_archived_and_unpublished_items(client, area):
    start = timezone.now() - timedelta(seconds=1)
    strategy = make_strategy(categories=[area])
    resource = make_resource()
    never_published = make_resource(status=Status.DRAFT)
    strategy.status = Status.ARCHIVED
    strategy.save()
    resource.status = Status.DRAFT
    resource.save()
    never_published.status = Status.ARCHIVED
    never_published.save()
    body = _get(client, f"/api/v1/removed/?since={start.isoformat().replace('+00:00', 'Z')}")
    assert [(item["uuid"], item["type"]) for item in body["results"]] == [
        (str(strategy.uuid), "strategy"),
        (str(resource.uuid), "resource"),
    ]
    later = timezone.now() + timedelta(seconds=1)
    assert _get(client, f"/api/v1/removed/?since={later.isoformat().replace('+00:00', 'Z')}")["count"] == 0


def test_publishing_again_takes_an_item_off_the_removed_list(client, area):
    strategy = make_strategy(categories=[area])
    strategy.status = Status.ARCHIVED
    strategy.save()
    assert _get(client, "/api/v1/removed/")["count"] == 1
    strategy.status = Status.PUBLISHED
    strategy.save()
    assert _get(client, "/api/v1/removed/")["count"] == 0


def test_deleting_a_published_item_reports_it(client):
    resource = make_resource()
    key = str(resource.uuid)
    resource.delete()
    assert [item["uuid"] for item in _get(client, "/api/v1/removed/")["results"]] == [key]


def test_the_licence_comes_from_site_settings(client):
    site = SiteSettings.load()
    site.content_licence = "Creative Commons Attribution 4.0"
    site.content_licence_url = "https://creativecommons.org/licenses/by/4.0/"
    site.save()
    assert _get(client, "/api/v1/")["licence"]["name"] == "Creative Commons Attribution 4.0"
    response = client.get("/api/v1/resources/")
    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'


def test_unknown_uuid_and_hostile_keys_are_not_found(client):
    _get(client, f"/api/v1/strategies/{uuid.uuid4()}/", 404)
    _get(client, "/api/v1/strategies/%00/", 404)


def test_archiving_in_the_admin_puts_the_strategy_on_the_removed_list(client, area, publisher):
    strategy = make_strategy(categories=[area])
    client.force_login(publisher)
    client.post(f"/admin/categories/strategy/{strategy.pk}/transition/archive/", follow=True)
    client.logout()
    strategy.refresh_from_db()
    assert strategy.status == Status.ARCHIVED
    assert [item["uuid"] for item in _get(client, "/api/v1/removed/")["results"]] == [str(strategy.uuid)]
    _get(client, f"/api/v1/strategies/{strategy.uuid}/", 410)


def test_a_cost_worked_out_again_after_a_rate_changes_is_in_the_change_feed(client, area):
    from decimal import Decimal

    from tests.factories import make_staff_role

    role = make_staff_role()
    intervention = make_intervention(
        staff_role=role,
        pupils_per_group=4,
        minutes_per_session=30,
        sessions_per_week=Decimal("3"),
        weeks=Decimal("38"),
        cost_per_pupil_per_year=None,
    )
    before = _get(client, f"/api/v1/interventions/{intervention.slug}/")["cost_per_pupil_per_year"]
    since = timezone.now().isoformat().replace("+00:00", "Z")
    role.hourly_rate = Decimal("16.00")
    role.save()
    assert _get(client, f"/api/v1/interventions/{intervention.slug}/")["cost_per_pupil_per_year"] != before
    assert _slugs(_get(client, f"/api/v1/interventions/?updated_since={since}")) == [intervention.slug]
