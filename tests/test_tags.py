"""Tags: public lists show only tags of published items; only publishers and site managers edit
tags directly; a renamed tag shows at once."""

import pytest
from taggit.models import Tag, TaggedItem

from categories.content import Status
from tests.admin_forms import change_form_data
from tests.factories import make_intervention, make_resource, make_strategy

pytestmark = pytest.mark.django_db


@pytest.fixture
def tagged(db):
    make_strategy(tags=["phonics"])
    make_resource(tags=["phonics"])
    make_intervention(tags=["phonics"])
    make_strategy(status=Status.DRAFT, tags=["secret strategy plan"])
    make_resource(status=Status.IN_REVIEW, tags=["secret resource plan"])
    make_intervention(status=Status.ARCHIVED, tags=["secret intervention plan"])


@pytest.mark.parametrize("url", ["/strategies/", "/interventions/", "/resources/", "/tags/"])
def test_tags_used_only_by_unpublished_items_are_not_listed_publicly(client, tagged, url):
    content = client.get(url).content.decode()
    assert "phonics" in content and "secret" not in content


def test_a_tag_on_a_published_strategy_is_not_offered_on_the_resource_list(client, db):
    make_strategy(tags=["only on strategies"])
    make_resource(tags=["phonics"])
    assert "only on strategies" not in client.get("/resources/").content.decode()
    assert "only on strategies" in client.get("/strategies/").content.decode()


def _rename(client, tag, name):
    """Post the Tag admin's form as a browser would: the page a publisher sees, with the name changed."""
    url = f"/admin/taggit/tag/{tag.pk}/change/"
    page = client.get(url)
    data = change_form_data(page, name=name) if page.status_code == 200 else {"name": name, "slug": tag.slug}
    client.post(url, data)
    tag.refresh_from_db()
    return tag.name


def test_editors_cannot_rename_tags_or_attach_them_to_live_items(client, editor, publisher):
    strategy = make_strategy(tags=["phonics"])
    tag = Tag.objects.get(name="phonics")
    client.force_login(publisher)
    data = change_form_data(client.get(f"/admin/taggit/tag/{tag.pk}/change/"), name="renamed")
    client.force_login(editor)
    client.post(f"/admin/taggit/tag/{tag.pk}/change/", data)
    client.post("/admin/taggit/tag/add/", {**data, "name": "brand new", "slug": "brand-new"})
    tag.refresh_from_db()
    assert tag.name == "phonics" and not Tag.objects.filter(name="brand new").exists()
    assert list(strategy.tags.names()) == ["phonics"]
    assert _rename(client, tag, "renamed by an editor") == "phonics"


def test_publishers_and_site_managers_edit_tags(client, publisher, site_manager):
    make_strategy(tags=["phonics"])
    tag = Tag.objects.get(name="phonics")
    for person, name in [(publisher, "Phonics"), (site_manager, "Systematic phonics")]:
        client.force_login(person)
        assert _rename(client, tag, name) == name
    assert TaggedItem.objects.filter(tag=tag).count() == 1


def test_a_renamed_tag_shows_at_once_on_cached_pages(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    make_strategy(tags=["phonics"])
    assert "phonics" in client.get("/tags/").content.decode()
    tag = Tag.objects.get(name="phonics")
    tag.name = "Systematic synthetic phonics"
    tag.save()
    assert "Systematic synthetic phonics" in client.get("/tags/").content.decode()
