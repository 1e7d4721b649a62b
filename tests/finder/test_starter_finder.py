"""The finder's starter content: enough observations, real links, original wording, and sensible answers."""

import json

import pytest
from django.db import transaction

from categories.content import Status
from categories.models import Level
from finder.models import CheckPrompt, DiagnosticTerm, Observation
from finder.ranking import suggest
from oap_directory.starter_content import STARTER_DIR, StarterContentLoader
from tests.test_starter_content import SEED_PHRASES, digest, shingles

FINDER = json.loads((STARTER_DIR / "finder.json").read_text(encoding="utf-8"))
SEAT = "finds-it-hard-to-stay-in-their-seat"
CALLS_OUT = "calls-out-without-waiting-for-a-turn"

# Written before the ranking code: what a SENCO would expect first for a Year 4 pupil who can't stay in their
# seat and calls out. At least four of these five must be in the finder's top five.
A_SENCO_WOULD_EXPECT = {
    "movement-breaks-and-a-job-to-do",
    "reduce-distractions-and-use-visual-timers",
    "adhd-friendly-task-chunking",
    "check-understanding-with-all-pupil-responses",
    "self-monitoring-card-for-staying-on-task",
}


@pytest.fixture(scope="module")
def _starter_loaded(django_db_setup, django_db_blocker):
    """The starter content, loaded once for this module's tests and rolled back after them (it is slow to load)."""
    with django_db_blocker.unblock(), transaction.atomic():
        StarterContentLoader().load()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def starter(_starter_loaded, db):
    pass


def test_there_are_enough_observations_across_the_four_areas():
    published = [row for row in FINDER["observations"] if row["status"] == "published"]
    assert len(published) >= 80
    assert {row["area"] for row in published} == {
        "communication-and-interaction",
        "cognition-and-learning",
        "semh",
        "sensory-and-physical",
    }
    strengths = [row for row in published if row["kind"] == "strength"]
    assert len({row["area"] for row in strengths}) == 4


def test_every_observation_links_with_a_weight_and_a_reason():
    for row in FINDER["observations"]:
        assert row["links"], row["slug"]
        for link in row["links"]:
            assert link["weight"] in (1, 2, 3)
            assert len(link["why"].split()) >= 6, (row["slug"], link)


def test_every_area_has_check_prompts_and_a_signpost():
    areas = {row["area"] for row in FINDER["observations"]}
    assert {row["area"] for row in FINDER["check_prompts"]} == areas
    assert {row["area"] for row in FINDER["signposts"]} == areas


def test_wording_is_unique_and_original():
    texts = [row["text"].lower() for row in FINDER["observations"]]
    assert len(texts) == len(set(texts))
    seeds = {line for line in SEED_PHRASES.read_text().splitlines() if line and not line.startswith("#")}
    assert [phrase for phrase in shingles(json.dumps(FINDER)) if digest(phrase) in seeds] == []


def test_every_observation_has_several_other_wordings_each_its_own_and_free_of_labels():
    """Search brings in an observation through its other wordings: one shared by two would bring in the wrong one."""
    terms = [DiagnosticTerm(term=row["term"]) for row in FINDER["diagnostic_terms"]]
    seen = {}
    for row in FINDER["observations"]:
        assert 4 <= len(row["synonyms"]) <= 7, row["slug"]
        for wording in row["synonyms"]:
            key = wording.lower().replace("’", "'")
            assert seen.setdefault(key, row["slug"]) == row["slug"], f"“{wording}” is in {seen[key]} and {row['slug']}"
            assert wording.strip() == wording and not wording.endswith("."), wording
            assert [term.term for term in terms if term.is_in(wording)] == [], wording
    assert [row["text"] for row in FINDER["observations"] if row["text"].lower() in seen] == []


def test_loading_publishes_linked_observations_free_of_diagnostic_terms(starter):
    published = Observation.objects.published()
    assert published.count() == len([row for row in FINDER["observations"] if row["status"] == "published"])
    assert not Observation.objects.orphans().exists()
    assert CheckPrompt.objects.count() == len(FINDER["check_prompts"])
    assert DiagnosticTerm.objects.count() >= 10
    offenders = [obs.text for obs in Observation.objects.all() if DiagnosticTerm.found_in(obs.text, obs.synonyms)]
    assert offenders == []
    assert StarterContentLoader().load() == {}
    assert CheckPrompt.objects.count() == len(FINDER["check_prompts"])


def test_a_year_4_pupil_who_cannot_stay_seated_and_calls_out_gets_what_a_senco_expects(starter, client):
    seen = [Observation.objects.published().get(slug=slug) for slug in (SEAT, CALLS_OUT)]
    results = suggest(seen, phases=["primary"])
    top_five = {suggestion.item.slug for suggestion in results.strategies[:5]}
    assert len(top_five & A_SENCO_WOULD_EXPECT) >= 4, top_five
    universal = Level.objects.get(slug="universal")
    assert results.strategies[0].item.level == universal
    assert all(suggestion.item.status == Status.PUBLISHED for suggestion in results.strategies)
    assert results.check_prompts

    # The same journey in the browser's terms: the page, its reasons, its check prompts and its share link.
    query = "&".join(f"seen={observation.uuid}" for observation in seen)
    content = client.get(f"/finder/?area=semh&phase=primary&{query}").content.decode()
    assert "Check these first" in content
    assert "Suggested because:</strong> finds it hard to stay in their seat; calls out without waiting" in content
    assert 'id="finder-share"' in content
