"""Who may move which item where, judged by the item's state afterwards; confirmations and plain messages."""

import pytest

from categories.content import Status
from tests.factories import make_category, make_intervention, make_resource, make_strategy

pytestmark = pytest.mark.django_db

MAKERS = {
    "strategy": lambda status: make_strategy(status=status, categories=[make_category()]),
    "resource": lambda status: make_resource(status=status),
    "intervention": lambda status: make_intervention(status=status),
    "category": lambda status: make_category(status=status),
}
FROM = {
    "submit": Status.DRAFT,
    "send_back": Status.IN_REVIEW,
    "publish": Status.IN_REVIEW,
    "unpublish": Status.PUBLISHED,
    "archive": Status.PUBLISHED,
    "restore": Status.ARCHIVED,
}
TO = {
    "submit": Status.IN_REVIEW,
    "send_back": Status.DRAFT,
    "publish": Status.PUBLISHED,
    "unpublish": Status.DRAFT,
    "archive": Status.ARCHIVED,
    "restore": Status.DRAFT,
}
PUBLISHES = {"editor": set(), "publisher": {"strategy", "resource", "intervention"}, "site_manager": set(MAKERS)}


def _url(obj, action):
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/{action}/"


@pytest.mark.parametrize("role", ["editor", "publisher", "site_manager"])
@pytest.mark.parametrize("kind", list(MAKERS))
def test_each_role_moves_exactly_the_items_it_may(client, request, role, kind):
    client.force_login(request.getfixturevalue(role))
    for name, source in FROM.items():
        item = MAKERS[kind](source)
        client.post(_url(item, f"transition/{name}"), {"comment": "Needs an example."})
        item.refresh_from_db()
        allowed = name == "submit" or kind in PUBLISHES[role]
        assert item.status == (TO[name] if allowed else source), (role, kind, name)


@pytest.mark.parametrize("role", ["editor", "publisher", "site_manager"])
def test_bulk_actions_move_exactly_the_items_each_role_may(client, request, role):
    client.force_login(request.getfixturevalue(role))
    for name, source in FROM.items():
        if name == "send_back":
            continue  # sending back needs a comment for each item: done one at a time
        for kind in ("strategy", "resource", "intervention"):
            items = [MAKERS[kind](source)]
            opts = items[0]._meta
            data = {"action": f"bulk_{name}", "_selected_action": [item.pk for item in items], "confirmed": "yes"}
            client.post(f"/admin/{opts.app_label}/{opts.model_name}/", data)
            allowed = name == "submit" or kind in PUBLISHES[role]
            for item in items:
                item.refresh_from_db()
                assert item.status == (TO[name] if allowed else source), (role, kind, name)


def test_bulk_publish_confirms_lists_what_cannot_move_and_records_a_reason_per_item(client, publisher):
    ready = [make_strategy(title=f"Ready {n}", status=Status.IN_REVIEW, categories=[make_category()]) for n in range(3)]
    still_draft = make_strategy(title="Still a draft", status=Status.DRAFT)
    selected = [item.pk for item in [*ready, still_draft]]
    client.force_login(publisher)
    confirm = client.post("/admin/categories/strategy/", {"action": "bulk_publish", "_selected_action": selected})
    page = confirm.content.decode()
    assert "3 of 4 selected items can be changed" in page
    assert "Still a draft" in page and "It is draft, so it can’t be “publish”" in page
    assert all(item.status == Status.IN_REVIEW for item in type(ready[0]).objects.filter(pk__in=[r.pk for r in ready]))

    done = client.post(
        "/admin/categories/strategy/",
        {"action": "bulk_publish", "_selected_action": selected, "confirmed": "yes"},
        follow=True,
    )
    assert "Publish: 3 item(s) done." in done.content.decode()
    assert "“Still a draft” was not changed" in done.content.decode()
    for item in ready:
        item.refresh_from_db()
        assert item.status == Status.PUBLISHED
        assert item.history.first().history_change_reason == "Publish (bulk action)"
    still_draft.refresh_from_db()
    assert still_draft.status == Status.DRAFT


def test_bulk_publishing_forty_drafts_is_one_confirmation(client, publisher):
    category = make_category()
    drafts = [make_strategy(status=Status.IN_REVIEW, categories=[category]) for _ in range(40)]
    client.force_login(publisher)
    data = {"action": "bulk_publish", "_selected_action": [d.pk for d in drafts], "confirmed": "yes"}
    client.post("/admin/categories/strategy/", data)
    assert type(drafts[0]).objects.filter(status=Status.PUBLISHED).count() == 40


def test_archive_and_unpublish_ask_first_and_say_what_visitors_will_see(client, publisher):
    strategy = make_strategy(title="Movement breaks", categories=[make_category()])
    client.force_login(publisher)
    change = client.get(_url(strategy, "change")).content.decode()
    assert f'href="{_url(strategy, "transition/archive")}"' in change
    confirm = client.get(_url(strategy, "transition/archive")).content.decode()
    assert "told it has been removed" in confirm and "Yes, archive “Movement breaks”" in confirm
    strategy.refresh_from_db()
    assert strategy.status == Status.PUBLISHED
    assert "will no longer find it" in client.get(_url(strategy, "transition/unpublish")).content.decode()
    done = client.post(_url(strategy, "transition/archive"), follow=True).content.decode()
    assert "Archived “Movement breaks”: visitors who open its page are told it has been removed." in done


def test_messages_are_plain_english(client, editor):
    draft = make_strategy(title="Movement breaks", status=Status.DRAFT, categories=[make_category()])
    client.force_login(editor)
    done = client.post(_url(draft, "transition/submit"), follow=True).content.decode()
    assert "Sent “Movement breaks” for review." in done and "Done:" not in done


def test_publishers_mark_an_item_reviewed_with_no_changes(client, publisher, editor):
    strategy = make_strategy(title="Movement breaks", categories=[make_category()])
    client.force_login(editor)
    client.post(_url(strategy, "reviewed"))
    strategy.refresh_from_db()
    assert strategy.last_reviewed_at is None
    client.force_login(publisher)
    client.post(_url(strategy, "reviewed"))
    strategy.refresh_from_db()
    assert strategy.last_reviewed_by == publisher and strategy.last_reviewed_at is not None
    assert (strategy.review_by - strategy.last_reviewed_at).days >= 365
    assert strategy.history.first().history_change_reason == "Reviewed, no changes"


@pytest.mark.parametrize("role", ["editor", "publisher", "site_manager"])
def test_categories_are_submitted_and_published_in_bulk_by_whoever_may(client, request, role):
    """An import creates many categories at once: they go for review and live together, as strategies do."""
    client.force_login(request.getfixturevalue(role))
    for name in ("submit", "publish"):
        items = [make_category(status=FROM[name]) for _ in range(3)]
        data = {"action": f"bulk_{name}", "_selected_action": [item.pk for item in items], "confirmed": "yes"}
        client.post("/admin/categories/category/", data)
        allowed = name == "submit" or "category" in PUBLISHES[role]
        for item in items:
            item.refresh_from_db()
            assert item.status == (TO[name] if allowed else FROM[name]), (role, name)


@pytest.mark.parametrize("name", ["unpublish", "archive", "restore"])
def test_categories_are_never_unpublished_or_archived_in_bulk(client, site_manager, name):
    """Unpublishing or archiving a category changes every page below it: one at a time, on its own page."""
    items = [make_category(status=FROM[name]) for _ in range(2)]
    client.force_login(site_manager)
    page = client.get("/admin/categories/category/").content.decode()
    assert 'value="bulk_publish"' in page and f'value="bulk_{name}"' not in page
    data = {"action": f"bulk_{name}", "_selected_action": [item.pk for item in items], "confirmed": "yes"}
    client.post("/admin/categories/category/", data)
    for item in items:
        item.refresh_from_db()
        assert item.status == FROM[name]
