"""Search behaviour, run on whichever database the suite uses (CI runs both)."""

import io
from types import SimpleNamespace

import pytest
from django.core.management import call_command

from categories.content import Status
from oap_directory.models import SearchDocument, SearchLog, Synonym
from oap_directory.search.documents import match_facts
from tests.admin_forms import change_form_data
from tests.factories import make_category, make_intervention, make_level, make_phase, make_resource, make_strategy

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(indexed):
    top = make_category(name="Areas of need", slug="areas-of-need")
    semh = make_category(name="Social, emotional and mental health", slug="semh", parent=top)
    cognition = make_category(name="Cognition and learning", slug="cognition", parent=top)
    universal = make_level(name="Universal", slug="universal")
    targeted = make_level(name="SEN Support", slug="targeted", is_costed=True)
    primary, secondary = make_phase(name="Primary", slug="primary"), make_phase(name="Secondary", slug="secondary")
    return {
        "calm": make_strategy(
            title="Calm corner for regulation",
            slug="calm-corner",
            teacher_statement="Offer a calm corner with a timer.",
            why="<p>Pupils with social emotional mental health needs can become overwhelmed.</p>",
            categories=[semh],
            level=universal,
            phases=[primary],
            tags=["self-regulation"],
        ),
        "reading": make_strategy(
            title="Paired reading every day",
            slug="paired-reading",
            teacher_statement="Read aloud together with a partner.",
            how="<p>Pupils read a page each and talk about it.</p>",
            categories=[cognition],
            level=targeted,
            phases=[secondary],
        ),
        "body_mention": make_strategy(
            title="Quiet start to the morning",
            slug="quiet-start",
            teacher_statement="Start calmly.",
            how="<p>Some pupils enjoy a book; reading quietly settles them.</p>",
            categories=[cognition],
            level=universal,
            phases=[primary],
        ),
        "guide": make_resource(title="Reading guide for parents", slug="reading-guide", summary="How to share books."),
        "group": make_intervention(
            name="Reading catch-up group", slug="reading-group", level=targeted, categories=[cognition]
        ),
        "semh": semh,
    }


def run(client, query="", **params):
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return response


def titles(response):
    return [result.title for result in response.context["search"].results]


def test_stemming_finds_other_forms_of_a_word(client, library):
    assert "Paired reading every day" in titles(run(client, "reads"))


def test_a_title_match_outranks_a_body_match(client, library):
    found = titles(run(client, "reading", type="strategy"))
    assert found.index("Paired reading every day") < found.index("Quiet start to the morning")


def test_acronyms_find_items_through_synonyms(client, library):
    assert "Calm corner for regulation" in titles(run(client, "SEMH"))


def test_synonyms_edited_in_admin_apply_at_once(client, library):
    assert "Calm corner for regulation" not in titles(run(client, "zen den"))
    Synonym.objects.create(term="den", synonyms="calm corner")
    Synonym.objects.create(term="zen", synonyms="calm")
    assert "Calm corner for regulation" in titles(run(client, "zen den"))


def test_typo_with_no_results_shows_corrected_results(client, library):
    response = run(client, "redaing")
    page = response.context["search"]
    assert page.corrected_from == "redaing" and page.query == "reading"
    assert "Paired reading every day" in titles(response)
    content = response.content.decode()
    assert "Showing results for" in content and "exact=1" in content


def test_a_typo_beside_a_common_word_is_corrected_when_no_result_has_every_word(client, library):
    response = run(client, "pupils redaing")

    page = response.context["search"]
    assert page.corrected_from == "pupils redaing" and page.query == "pupils reading"
    assert set(titles(response)[:2]) == {"Paired reading every day", "Quiet start to the morning"}


def test_searching_exactly_for_the_typo_shows_did_you_mean(client, library):
    response = run(client, "redaing", exact="1")
    assert response.context["search"].count == 0
    assert "Did you mean" in response.content.decode()


def test_phrases_and_exclusions(client, library):
    assert titles(run(client, '"paired reading"')) == ["Paired reading every day"]
    assert "Paired reading every day" not in titles(run(client, "reading -partner"))


def test_facets_count_results_and_filters_combine_with_the_query(client, library):
    response = run(client, "reading")
    facets = {
        facet.name: {value: count for value, _, count, _ in facet.options}
        for facet in response.context["search"].facets
    }
    assert facets["type"] == {"strategy": 2, "intervention": 1, "resource": 1}
    filtered = titles(run(client, "reading", type="strategy", phase="secondary"))
    assert filtered == ["Paired reading every day"]
    by_area = titles(run(client, "calm", category="areas-of-need"))
    assert "Calm corner for regulation" in by_area


def _levels(response):
    return {value: count for facet in response.context["search"].facets if facet.name == "level"
            for value, _, count, _ in facet.options}  # fmt: skip


def test_a_search_between_a_change_and_its_re_indexing_shows_nothing_stale_after(client, library, monkeypatch):
    """Saving a change bumps the content version; the item is re-indexed when the change commits. A search in
    between reads the item's old facts (type, level, areas, phases) under the new version, and search keeps facts per
    content version: re-indexing bumps the version again, so the next search reads them afresh."""
    before = _levels(run(client, "calm corner"))
    assert before["universal"] >= 1 and "targeted" not in before
    commits = []
    monkeypatch.setattr("oap_directory.search.signals.transaction", SimpleNamespace(on_commit=commits.append))
    calm = library["calm"]
    calm.level = library["reading"].level
    calm.save()
    assert _levels(run(client, "calm corner")) == before  # not re-indexed yet
    for commit in commits:
        commit()
    after = _levels(run(client, "calm corner"))
    assert after.get("universal", 0) == before["universal"] - 1 and after["targeted"] == 1


def test_an_item_indexed_after_a_search_read_the_facts_is_found_ranked_and_counted(client, library, monkeypatch):
    """A request that began just before re-indexing bumped the version keeps the facts it read; an item indexed
    since is matched by the full-text index all the same (on SQLite, by words not yet kept under the version), so its
    facts are read for it: it is listed, ranked among the others, and counted in the facets."""
    before = run(client, "calm corner").context["search"]
    read_before = match_facts()
    monkeypatch.setattr("oap_directory.search.match_facts", lambda: read_before)
    make_strategy(title="Calm corner with cushions", teacher_statement="A calm corner for the whole class.",
                  categories=[library["semh"]], level=library["reading"].level)  # fmt: skip
    search = run(client, "calm corner").context["search"]
    assert search.count == before.count + 1
    assert "Calm corner with cushions" in [result.title for result in search.results]
    assert _levels(run(client, "calm corner"))["targeted"] == 1


def test_an_item_removed_after_a_search_read_its_matches_is_left_out(client, library, monkeypatch):
    """What the full-text index found is kept with the facts read for a content version (SQLite keeps each word's
    matches): an item removed from the index before the version changes is left out of the page, not an error."""
    read_before = match_facts()
    monkeypatch.setattr("oap_directory.search.match_facts", lambda: read_before)
    assert "Calm corner for regulation" in titles(run(client, "calm corner"))
    SearchDocument.objects.filter(title="Calm corner for regulation").delete()
    assert "Calm corner for regulation" not in titles(run(client, "calm corner"))


def test_items_indexed_after_a_search_read_the_facts_are_each_counted_once_in_the_facets(client, library, monkeypatch):
    """Two items indexed since the facts were read, one matching every word and one only some (found by a second
    step): each is counted in the facets, at its own place among the facts read for it."""
    read_before = match_facts()
    monkeypatch.setattr("oap_directory.search.match_facts", lambda: read_before)
    make_strategy(title="Zebra calm corner", teacher_statement="A calm corner.", categories=[library["semh"]])
    make_strategy(title="Aardvark calm", teacher_statement="Stay calm.", categories=[library["semh"]])
    search = run(client, "calm corner").context["search"]
    assert {"Zebra calm corner", "Aardvark calm"} <= {result.title for result in search.results}
    types = {value: count for facet in search.facets if facet.name == "type" for value, _, count, _ in facet.options}
    assert sum(types.values()) == search.count


def test_items_alike_in_every_way_are_listed_in_the_order_they_were_added(client, library):
    """Equal scores and equal titles are ordered by when the item was added, so that every page of results lists
    them in the same order and none appears on two pages: when searching, and when listing by filters alone."""
    twins = [
        make_strategy(
            title="Visual timetable", teacher_statement="Use a visual timetable.", categories=[library["semh"]]
        )
        for _ in range(25)
    ]
    for query, filters in [("visual timetable", {}), ("", {"category": "semh", "type": "strategy"})]:
        found = [
            result.url
            for page in (1, 2)
            for result in run(client, query, page=page, **filters).context["search"].results
        ]
        in_order_added = [f"/strategies/{twin.slug}/" for twin in twins]
        assert [url for url in found if url in in_order_added] == in_order_added


def test_selected_filters_show_as_removable_chips(client, library):
    content = run(client, "reading", type="strategy", level="targeted").content.decode()
    assert "Remove filter: </span>Type: Strategy" in content
    assert "Clear all filters" in content


def test_only_published_content_is_found(client, library):
    calm = library["calm"]
    calm.status = Status.DRAFT
    calm.save()
    assert "Calm corner for regulation" not in titles(run(client, "calm corner"))
    assert not SearchDocument.objects.filter(type="strategy", object_id=calm.pk).exists()


def test_a_snippet_comes_from_the_first_of_statements_summary_and_body_that_holds_the_words(client, library):
    """Both databases choose alike: the statements when they hold a match, else the body; an item whose words
    match only in its title shows its opening lines."""
    make_strategy(title="Quiet reading corner", teacher_statement="Offer beanbags and a lamp in a quiet corner.",
                  how="<p>Some pupils need somewhere quiet. A reading lamp helps pupils who squint.</p>",
                  categories=[library["semh"]])  # fmt: skip
    make_strategy(title="Lamp for the squinting pupil", teacher_statement="Keep the blinds half closed.",
                  how="<p>Glare makes pupils squint at the board.</p>", categories=[library["semh"]])  # fmt: skip
    make_strategy(title="Desk layout", teacher_statement="Face the window.", how="<p>A desk lamp helps.</p>",
                  categories=[library["semh"]])  # fmt: skip
    snippets = {result.title: str(result.snippet) for result in run(client, "lamp").context["search"].results}
    assert snippets["Quiet reading corner"].startswith("Offer beanbags and a <mark>lamp</mark>")
    assert "Some pupils" not in snippets["Quiet reading corner"]
    assert snippets["Lamp for the squinting pupil"] == "Keep the blinds half closed."
    assert "desk <mark>lamp</mark>" in snippets["Desk layout"]


def test_snippets_highlight_matches_and_escape_html(client, library):
    make_strategy(
        title="Escaping check",
        teacher_statement="Use <script>alert(1)</script> visual cues daily.",
        categories=[library["semh"]],
    )
    content = run(client, "visual cues").content.decode()
    assert "<mark>" in content
    assert "<script>alert(1)</script>" not in content


def test_editing_in_admin_updates_the_index_on_commit(client, publisher, library, django_capture_on_commit_callbacks):
    client.force_login(publisher)
    strategy = library["reading"]
    url = f"/admin/categories/strategy/{strategy.pk}/change/"
    page = client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, change_form_data(page, title="Buddy reading every day", tags="buddies"))
    assert response.status_code == 302
    client.logout()
    assert "Buddy reading every day" in titles(run(client, "buddy"))
    assert "Buddy reading every day" in titles(run(client, "buddies"))


def test_tag_changes_update_the_index(client, library):
    library["reading"].tags.add("fluency")
    assert "Paired reading every day" in titles(run(client, "fluency"))
    library["reading"].tags.remove("fluency")
    assert "Paired reading every day" not in titles(run(client, "fluency"))


def test_category_rename_reaches_items_filed_under_it(client, library):
    semh = library["semh"]
    semh.name = "Wellbeing and feelings"
    semh.save()
    assert "Calm corner for regulation" in titles(run(client, "feelings"))


def test_deleting_removes_from_the_index(client, library):
    library["guide"].delete()
    assert "Reading guide for parents" not in titles(run(client, "reading guide"))


def test_rebuild_command_indexes_published_items_only(library):
    draft = make_strategy(title="Draft idea", status=Status.DRAFT, categories=[library["semh"]])
    SearchDocument.objects.all().delete()
    call_command("rebuild_search_index", stdout=io.StringIO())
    # 3 published strategies, 1 resource, 1 intervention, 3 categories
    assert SearchDocument.objects.count() == 8
    assert not SearchDocument.objects.filter(type="strategy", object_id=draft.pk).exists()


def test_pagination_keeps_every_parameter(client, library):
    for n in range(25):
        make_strategy(title=f"Reading idea {n}", categories=[library["semh"]])
    content = run(client, "reading", type="strategy").content.decode()
    assert "page=2" in content and "type=strategy" in content
    second = run(client, "reading", type="strategy", page="2")
    assert second.context["search"].page.number == 2


def test_empty_query_asks_for_words_and_filters_alone_list_items(client, library):
    assert "Type what you are noticing" in run(client, "").content.decode()
    assert set(titles(run(client, "", type="intervention"))) == {"Reading catch-up group"}


def test_no_results_page_offers_help(client, library):
    content = run(client, "xylophonequartz", type="strategy").content.decode()
    assert "No results found" in content
    assert "removing your filters" in content
    assert "browsing by area of need" in content
    assert 'href="/finder/">needs finder</a>' in content


def test_suggestions_endpoint_returns_matching_titles(client, library):
    response = client.get("/search/suggest/", {"q": "read"})
    assert response.status_code == 200
    suggestions = response.json()["suggestions"]
    assert {
        "title": "Paired reading every day",
        "type": "Strategy",
        "url": "/strategies/paired-reading/",
    } in suggestions
    assert client.get("/search/suggest/", {"q": "\x00"}).json() == {"suggestions": []}


def test_searches_are_logged_without_anything_personal(client, library):
    run(client, "Reading", type="strategy")
    run(client, "Jane Smithson")
    run(client, "help from sam@example.org")
    logs = list(SearchLog.objects.order_by("created_at").values_list("query", "result_count", "filters"))
    assert logs[0] == ("reading", 2, {"type": ["strategy"]})
    assert logs[1][0] == "[name]"
    assert logs[2][0] == "help from [email]"


def test_search_insights_show_top_and_zero_result_searches(client, editor, library):
    run(client, "reading")
    run(client, "reading")
    run(client, "qwertyzzz")
    client.force_login(editor)
    content = client.get("/admin/oap_directory/searchlog/").content.decode()
    assert "Searches that found nothing" in content and "qwertyzzz" in content
    assert "Top searches" in content and "reading" in content
    assert client.get("/admin/oap_directory/searchlog/?days=90").status_code == 200
