"""Search speaks the teacher's language: real terms are never "corrected", questions work,
snippets come from what an item says, and results narrow by area of need."""

import pytest
from django.db import transaction

from oap_directory import search
from oap_directory.models import SearchLog, Synonym
from tests import factories
from tests.factories import make_category, make_intervention, make_level, make_phase, make_strategy

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def library(django_db_setup, django_db_blocker):
    """Built and indexed once for this module, rolled back after it; each test runs in its own transaction."""
    with django_db_blocker.unblock(), transaction.atomic():
        items = _library()
        search.rebuild()
        yield items
        transaction.set_rollback(True)


def _library():
    needs = make_category(name="The four broad areas of need", slug="areas-of-need")
    semh = make_category(name="Social, emotional and mental health", slug="semh", parent=needs)
    anxiety = make_category(name="Anxiety and wellbeing", slug="anxiety", parent=semh)
    attention = make_category(name="Attention and activity", slug="attention", parent=semh)
    cognition = make_category(name="Cognition and learning", slug="cognition", parent=needs)
    reading = make_category(name="Reading", slug="reading", parent=cognition)
    standards = make_category(name="Teachers' Standards", slug="teachers-standards")
    behaviour = make_category(name="7. Manage behaviour", slug="ts7", parent=standards)
    universal = make_level(name="Universal", slug="universal")
    support = make_level(name="SEN Support", slug="sen-support")
    primary, secondary = make_phase(name="Primary", slug="primary"), make_phase(name="Secondary", slug="secondary")
    return {
        "elsa": make_strategy(
            title="Emotional literacy support sessions",
            teacher_statement="Arrange weekly sessions with a trained emotional literacy support assistant.",
            categories=[anxiety],
            level=support,
            phases=[primary, secondary],
        ),
        "else": make_strategy(
            title="Answer boards for everyone",
            teacher_statement="Everyone shows an answer at once, so nobody else waits.",
            why="<p>Anyone else can see multi-step working and multiple answers.</p>",
            categories=[reading],
            phases=[primary],
        ),
        "mutism": make_strategy(
            title="Take the pressure off speaking",
            teacher_statement="Let a pupil who does not speak in school answer by pointing or writing.",
            why="<p>Selective mutism is an anxiety about speaking in some places.</p>",
            categories=[anxiety],
            phases=[primary],
        ),
        "ehcp": make_strategy(
            title="Review the plan with the family",
            teacher_statement="Hold the annual review of the pupil's EHC plan with the family.",
            categories=[semh],
            phases=[secondary],
        ),
        "fidget": make_strategy(
            title="Movement breaks and a job to do",
            teacher_statement="Plan short movement breaks for a pupil who cannot concentrate for long.",
            why="<p>Some pupils <strong>can't sit still</strong>: they fidget with anything in reach.</p>",
            categories=[attention, behaviour],
            level=universal,
            phases=[primary, secondary],
            tags=["ADHD"],
        ),
        "meltdown": make_strategy(
            title="A plan for meltdowns",
            teacher_statement="Agree with the pupil what adults do during meltdowns.",
            categories=[semh],
            phases=[secondary],
        ),
        "timetable": make_strategy(
            title="Use a visual timetable every day",
            teacher_statement="Show the day as pictures so the pupil can check what comes next.",
            categories=[attention],
            phases=[primary],
        ),
        "continence": make_strategy(
            title="Private toileting and continence plan",
            teacher_statement="Agree a discreet toileting routine and where spare clothes are kept.",
            categories=[semh],
            phases=[primary],
        ),
        "toilets": make_strategy(
            title="Photo book before moving school",
            teacher_statement="Photograph the entrance, the classroom and the toilets for the pupil.",
            categories=[semh],
            phases=[secondary],
        ),
        "year6": make_intervention(
            name="Transition group for Year 6 pupils",
            slug="year-6-group",
            level=support,
            categories=[semh],
            phases=[primary],
        ),
        "year4": make_strategy(
            title="Times tables practice in short bursts",
            teacher_statement="Practise multiplication facts daily in lower key stage 2.",
            categories=[cognition],
            phases=[primary],
        ),
    }


def run(client, query="", **params):
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return response


def titles(response):
    return [result.title for result in response.context["search"].results]


def test_an_acronym_is_never_corrected_and_finds_what_it_stands_for(client, library):
    response = run(client, "ELSA")
    page = response.context["search"]
    assert page.corrected_from is None and page.query == "ELSA"
    assert page.suggestion is None
    assert titles(response)[0] == "Emotional literacy support sessions"
    assert "Answer boards for everyone" not in titles(response)
    assert "Showing results for" not in response.content.decode()


def test_an_unknown_acronym_is_not_corrected_either(client, library):
    page = run(client, "ELSE").context["search"]  # typed in capitals: an acronym, not "else"
    assert page.corrected_from is None and page.suggestion is None


def test_the_log_keeps_what_was_typed_and_separately_what_was_searched(client, library):
    run(client, "ELSA")
    run(client, "contnence")
    typed = list(SearchLog.objects.order_by("created_at").values_list("query", "searched_for"))
    assert typed[0] == ("elsa", "")
    assert typed[1] == ("contnence", "continence")


@pytest.mark.parametrize("word", ["seasons", "litter", "planet", "speeding"])
def test_an_english_word_nothing_uses_is_never_replaced_by_one_that_looks_like_it(client, library, word):
    """ "seasons" is not "sessions", nor "litter" "literacy" (a teacher's "away with the fairies" is not "families"):
    the look-alike is only offered."""
    response = run(client, word)
    page = response.context["search"]
    assert page.corrected_from is None and page.query == word
    assert "Showing results for" not in response.content.decode()
    assert page.suggestion is None or "Did you mean" in response.content.decode()


def test_a_suggestion_that_would_find_nothing_is_not_offered(client, library):
    """ "meltdowns" is what was meant, but nothing holds "meltdowns", "zebra" and "giraffe" (or two of them): a link
    to that search would lead to nothing again."""
    response = run(client, "meltdowms zebra giraffe")
    assert response.context["search"].suggestion is None
    assert "Did you mean" not in response.content.decode()


def test_did_you_mean_keeps_the_filters_chosen(client, library):
    """A look-alike offered within Primary is looked for within Primary, and its link stays there."""
    response = run(client, "seasons", phase="primary")
    page = response.context["search"]
    assert page.suggestion == "sessions"
    assert 'href="/search/?q=sessions&amp;phase=primary"' in response.content.decode()


def test_a_misspelling_is_still_corrected(client, library):
    page = run(client, "famly").context["search"]
    assert "family" in (page.suggestion or page.query)


def test_a_known_vocabulary_term_is_never_corrected(client, library):
    response = run(client, "selective mutism")
    page = response.context["search"]
    assert page.suggestion is None and page.corrected_from is None
    assert titles(response)[0] == "Take the pressure off speaking"
    assert "Did you mean" not in response.content.decode()


def test_ehcp_finds_ehc_plans_without_a_suggestion(client, library):
    page = run(client, "EHCP").context["search"]
    assert page.suggestion is None
    assert [r.title for r in page.results] == ["Review the plan with the family"]


def test_a_key_stage_boosts_its_phase_and_offers_a_one_click_filter(client, library):
    response = run(client, "KS2")
    page = response.context["search"]
    assert page.count > 0
    assert all("Primary" in result.phases for result in page.results)
    content = response.content.decode()
    assert "KS2 is part of" in content and "phase=primary" in content


def test_an_acronym_naming_a_framework_and_a_phase_finds_the_framework_then_the_phase(client, library):
    """EYFS is the early years foundation stage, a framework, and Early years, a phase."""
    early_years = make_phase(name="Early years", slug="early-years")
    make_strategy(title="Follow the child's lead at play", phases=[early_years])
    factories.make_resource(
        title="Early years foundation stage statutory framework", summary="Standards from birth to five."
    )
    search.rebuild()
    response = run(client, "EYFS")
    assert titles(response)[:2] == [
        "Early years foundation stage statutory framework",
        "Follow the child's lead at play",
    ]
    assert "EYFS is part of" in response.content.decode()
    assert titles(run(client, "KS2"))[0] != "Early years foundation stage statutory framework"


def test_a_year_group_ranks_items_for_its_phase_first_and_not_another_year(client, library):
    found = titles(run(client, "year 4 times tables"))
    assert found[0] == "Times tables practice in short bursts"
    assert "Transition group for Year 6 pupils" not in titles(run(client, "year 4"))[:3]


def test_toileting_finds_the_continence_plan_first(client, library):
    assert titles(run(client, "toileting"))[0] == "Private toileting and continence plan"
    assert titles(run(client, "continence"))[0] == "Private toileting and continence plan"


@pytest.mark.parametrize("query", ["fidgets", "meltdown", "visual timetable", "meltdowns"])
def test_a_query_with_results_offers_no_did_you_mean(client, library, query):
    response = run(client, query)
    assert response.context["search"].count >= 1
    assert response.context["search"].suggestion is None
    assert "Did you mean" not in response.content.decode()


def test_a_misspelling_with_few_results_still_gets_a_suggestion_link(client, library):
    response = run(client, "meltdwns")
    assert "Did you mean" in response.content.decode() or response.context["search"].corrected_from


def test_contractions_and_filler_words_never_match_or_highlight(client, library):
    for n in range(6):
        make_strategy(title=f"Things you can try {n}", teacher_statement="You can do this and that.")
    search.rebuild()
    response = run(client, "can't concentrate and fidgets")
    page = response.context["search"]
    assert titles(response)[0] == "Movement breaks and a job to do"
    assert not any(title.startswith("Things you can try") for title in titles(response))
    assert "<mark>can</mark>" not in response.content.decode().lower()
    assert page.count <= 3


def test_a_question_matches_at_least_half_its_words_ranked_by_how_many(client, library):
    response = run(client, "what to do when a pupil fidgets and cannot concentrate in reading")
    found = titles(response)
    assert found[0] == "Movement breaks and a job to do"
    assert response.context["search"].matched_any_word


def test_snippets_never_show_the_category_path(client, library):
    response = run(client, "SEMH", level="sen-support")
    content = response.content.decode()
    assert response.context["search"].count >= 1
    for result in response.context["search"].results:
        assert "broad areas of need" not in result.snippet
    assert "The four broad areas of need Social" not in content


def test_snippet_punctuation_follows_the_text(client, library):
    response = run(client, "sit still")
    snippet = next(r.snippet for r in response.context["search"].results if r.title.startswith("Movement"))
    assert "still</mark>:" in snippet and "still</mark> :" not in snippet


def test_area_filter_offers_areas_and_sub_areas_grouped_under_their_framework(client, library):
    response = run(client, "pupil")
    groups = response.context["search"].area_groups
    by_framework = {group["framework"].name: group for group in groups}
    needs = by_framework["The four broad areas of need"]
    labels = {option["label"]: option for fieldset in needs["fieldsets"] for option in fieldset["options"]}
    assert labels["Social, emotional and mental health"]["depth"] == 1
    assert labels["Anxiety and wellbeing"]["depth"] == 2
    assert labels["Anxiety and wellbeing"]["count"] == 1
    content = response.content.decode()
    assert 'value="semh"' in content and 'value="anxiety"' in content
    narrowed = titles(run(client, "pupil", category="anxiety"))
    assert set(narrowed) == {"Take the pressure off speaking"}


def test_filters_alone_narrow_to_a_sub_area(client, library):
    found = set(titles(run(client, "", category="attention", phase="primary")))
    assert found == {"Movement breaks and a job to do", "Use a visual timetable every day"}


def test_tags_keep_the_capitals_editors_gave_them(client, library):
    content = client.get("/tags/").content.decode()
    assert ">ADHD</a>" in content
    assert ">ADHD<" in client.get(library["fidget"].get_absolute_url()).content.decode()
    assert "ADHD" in client.get("/tags/adhd/").content.decode()


def test_a_vocabulary_term_nothing_mentions_is_not_corrected(client, library):
    search.unindex(library["mutism"])
    response = run(client, "selective mutism")
    assert response.context["search"].suggestion is None
    assert "selective multi" not in response.content.decode()


def test_starter_content_tags_are_written_as_editors_write_them():
    import json
    from pathlib import Path

    starter = Path(__file__).resolve().parents[2] / "fixtures" / "starter"
    tags = set()
    for path in starter.rglob("*.json"):
        items = json.loads(path.read_text())
        tags.update(tag for item in items if isinstance(item, dict) for tag in item.get("tags", []))
    assert {"ADHD", "EAL"} <= tags
    assert not {"adhd", "eal"} & tags


def test_a_word_that_only_says_how_often_never_finds_items_on_its_own(client, library):
    """Of "still wobbly", only "wobbly" names something: an item that merely says "still" is not a result."""
    make_strategy(title="Check progress each term", teacher_statement="If a pupil is still behind, change the plan.")
    search.rebuild()
    assert "Check progress each term" in titles(run(client, "still behind"))
    assert titles(run(client, "still wobbly")) == []


def test_a_word_the_vocabulary_explains_outweighs_a_rare_plain_word(client, library):
    """In "hides under the bench", "hides" (a synonym of withdrawn) says more than "bench", though it finds more."""
    Synonym.objects.update_or_create(term="hides", defaults={"synonyms": "withdrawn, overwhelmed"})
    make_strategy(title="Calm corner", teacher_statement="Offer a calm corner to a withdrawn pupil.")
    make_strategy(title="Quiet work space", teacher_statement="Let an overwhelmed pupil work somewhere quiet.")
    make_strategy(title="Outdoor learning", teacher_statement="Teach on the bench outside.")
    search.rebuild()
    found = titles(run(client, "hides under the bench"))
    assert found.index("Calm corner") < found.index("Outdoor learning")
    assert found.index("Quiet work space") < found.index("Outdoor learning")
