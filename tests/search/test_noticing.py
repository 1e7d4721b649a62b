"""Search finds what helps with what a teacher notices, through the needs finder's published observations."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from categories.content import Status
from oap_directory import search
from oap_directory.models import Synonym
from oap_directory.search import noticing
from tests.factories import make_observation, make_resource, make_strategy

pytestmark = pytest.mark.django_db


def _titles(client, query, **filters):
    content = client.get("/search/", {"q": query, **filters}).content.decode()
    return re.findall(r'oap-result__title"><a class="govuk-link" href="[^"]*">([^<]*)</a>', content), content


@pytest.fixture
def seat(indexed):
    """An observation in a teacher's words, linked to strategies whose own text never uses those words."""
    movement = make_strategy(title="Planned movement breaks", teacher_statement="Give a job that involves moving.")
    cushion = make_strategy(title="A wobble cushion on the chair", teacher_statement="Offer a cushion to sit on.")
    observation = make_observation(
        text="Finds it hard to stay in their seat",
        synonyms="wriggles constantly\nup and down all lesson",
        links=[(movement, 3), (cushion, 1)],
    )
    return {"movement": movement, "cushion": cushion, "observation": observation}


def test_items_linked_from_what_a_teacher_notices_are_found_with_the_reason(client, seat):
    titles, content = _titles(client, "wriggles constantly")
    assert titles[:2] == ["Planned movement breaks", "A wobble cushion on the chair"]  # the stronger link first
    assert "Suggested because you may be noticing: finds it hard to stay in their seat" in content
    assert "Noticing this?" in content


def test_a_direct_match_on_the_words_keeps_first_place(client, seat):
    make_strategy(title="When a pupil wriggles", teacher_statement="Notice the wriggles and respond calmly.")
    titles, _ = _titles(client, "wriggles")
    assert titles[:2] == ["When a pupil wriggles", "Planned movement breaks"]


def test_unpublished_observations_and_items_are_never_used(client, seat):
    make_observation(
        text="Hums while working", links=[(make_strategy(title="Background music on headphones"), 3)], status="draft"
    )
    assert _titles(client, "hums while working")[0] == []
    seat["movement"].status = Status.DRAFT
    seat["movement"].save()
    assert _titles(client, "wriggles constantly")[0] == ["A wobble cushion on the chair"]


def test_the_search_filters_apply_to_items_found_through_observations(client, seat):
    make_observation(text="Wriggles in assembly", links=[(make_resource(title="Sitting still guide"), 2)])
    titles, _ = _titles(client, "wriggles", type="resource")
    assert titles == ["Sitting still guide"]


def test_words_many_observations_use_count_for_little(seat):
    """ "finds" and "hard" are in most observations' wording: "finds maths hard" is not about staying seated."""
    for n in range(4):
        make_observation(text=f"Finds it hard to join in {n}", links=[(make_strategy(), 1)])
    maths = make_observation(text="Finds maths hard", links=[(make_strategy(), 1)])
    found = [observation for observation, _ in noticing.matching(search.parse_query("finds maths hard"))]
    assert found == [maths]


def test_a_short_word_matches_only_as_a_whole_word(seat):
    assert noticing.matching(search.parse_query("OT")) == []  # not "other", nor "ot" inside a word
    other = make_observation(text="Needs other ways to show what they know", links=[(make_strategy(), 1)])
    assert noticing.matching(search.parse_query("OT")) == []
    assert [found for found, _ in noticing.matching(search.parse_query("other ways"))] == [other]


def _queries(client, query):
    with CaptureQueriesContext(connection) as context:
        client.get("/search/", {"q": query})
    return len(context.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_observations_matched(client, seat):
    links = [(make_strategy(), 2), (make_resource(), 1)]
    make_observation(text="Wriggles at carpet time", links=links)
    _queries(client, "warm up")
    one = _queries(client, "wriggles")  # one observation besides the seat's wording: four results
    for n in range(6):
        make_observation(text=f"Wriggles in the lunch queue {n}", links=[(make_strategy(), 2), (make_resource(), 1)])
    _queries(client, "warm up")
    assert _queries(client, "wriggles") == one


def test_a_term_of_several_words_is_found_word_by_word(client, seat):
    """The vocabulary term "call out" is in "Calls out without waiting for a turn", though not as typed."""
    Synonym.objects.update_or_create(term="call out", defaults={"synonyms": "calling out"})
    waiting = make_strategy(title="Hands up and thinking time", teacher_statement="Give everyone time to think.")
    make_observation(text="Calls out without waiting for a turn", links=[(waiting, 3)])
    titles, content = _titles(client, "calls out")
    assert titles[:1] == ["Hands up and thinking time"]
    assert "Noticing this?" in content


def test_a_word_that_only_says_how_often_does_not_make_an_observation_match(client, seat):
    """ "can't sit still" is about sitting, not the observation "Still counts on fingers", though "still" is rarer."""
    facts = make_strategy(title="Number fact aids", teacher_statement="Offer a number line and a hundred square.")
    make_observation(text="Still counts on fingers", links=[(facts, 3)])
    upright = make_observation(text="Struggles to sit upright", links=[(make_strategy(), 2)])
    carpet = make_observation(text="Will not sit on the carpet", links=[(make_strategy(), 2)])
    found = {observation for observation, _ in noticing.matching(search.parse_query("can't sit still"))}
    assert found == {upright, carpet}
    assert "Number fact aids" not in _titles(client, "can't sit still")[0]


def test_words_saying_when_do_not_stop_an_observation_matching_what_is_seen(client, seat):
    """ "silent since September" is about a pupil who does not speak: "since September" only says when."""
    answers = make_strategy(title="Answer by pointing or writing", teacher_statement="Offer ways to answer.")
    speaking = make_observation(
        text="Speaks at home but not in class", synonyms="silent at school", links=[(answers, 3)]
    )
    make_strategy(title="Moving up in September", teacher_statement="Visit the new class before the holidays.")
    found = {observation for observation, _ in noticing.matching(search.parse_query("silent since September"))}
    assert found == {speaking}
    assert "Answer by pointing or writing" in _titles(client, "silent since September")[0]


def test_an_acronym_typed_ranks_items_that_name_it_above_items_suggested_by_observations(client, indexed):
    """ "ADHD" also means "attention", which an observation about seeking attention holds: what names ADHD first."""
    Synonym.objects.update_or_create(term="ADHD", defaults={"synonyms": "attention deficit, attention"})
    key_adult = make_strategy(title="Key adult for daily connection", teacher_statement="Check in every morning.")
    make_observation(text="Seeks adult attention all the time", links=[(key_adult, 3)])
    make_strategy(title="ADHD-friendly task chunking", teacher_statement="Split long tasks into short chunks.")
    make_resource(title="National charity guide", summary="Information about ADHD for schools.")
    make_strategy(title="Seating plans", teacher_statement="Seat pupils with ADHD away from the door.")
    titles, _ = _titles(client, "ADHD")
    assert set(titles[:3]) == {"ADHD-friendly task chunking", "Seating plans", "National charity guide"}
    assert titles[3] == "Key adult for daily connection"


def test_a_query_saying_something_is_missing_never_matches_a_strength(seat):
    from finder.models import Observation

    strength = make_observation(text="Is full of energy", kind=Observation.Kind.STRENGTH, links=[(make_strategy(), 2)])
    difficulty = make_observation(text="Has little energy after lunch", links=[(make_strategy(), 2)])
    assert {found for found, _ in noticing.matching(search.parse_query("energy"))} == {strength, difficulty}
    assert [found for found, _ in noticing.matching(search.parse_query("no energy"))] == [difficulty]


def test_a_short_synonym_matches_only_as_a_whole_word(seat):
    """ "ears" means HI, among others: "hi" is not inside "things", but "HI" in a wording counts."""
    Synonym.objects.update_or_create(term="ears", defaults={"synonyms": "HI"})
    make_observation(text="Throws things when upset", links=[(make_strategy(), 2)])
    aid = make_observation(text="Has HI and a radio aid", links=[(make_strategy(), 2)])
    assert [found for found, _ in noticing.matching(search.parse_query("ears"))] == [aid]


def test_the_reason_an_item_was_suggested_shows_only_on_the_search_it_was_suggested_for(client, seat):
    """An item both matching the words and suggested through what a teacher notices shows why; the next search,
    which finds it by its words alone, shows no reason (search keeps every item's facts between searches)."""
    fidget = make_strategy(title="A fidget toy", teacher_statement="For a pupil who wriggles constantly.")
    make_observation(text="Cannot keep still", synonyms="wriggles constantly", links=[(fidget, 3)])
    titles, content = _titles(client, "wriggles constantly")
    assert "A fidget toy" in titles and "Suggested because you may be noticing: cannot keep still" in content
    titles, content = _titles(client, "fidget toy")
    assert titles == ["A fidget toy"]
    assert "Suggested because you may be noticing" not in content
