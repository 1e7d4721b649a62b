"""Strategies are ranked by the sum of link weights across what was ticked; ties go universal first, then to
strategies with more strongly-evidenced interventions, then by title."""

import pytest

from categories.content import Status
from finder.models import CheckPrompt, Signpost
from finder.ranking import suggest
from resources.models import Intervention
from tests.factories import (
    make_category,
    make_intervention,
    make_level,
    make_observation,
    make_phase,
    make_resource,
    make_strategy,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def levels():
    return make_level(name="Universal", order=1), make_level(name="Targeted", order=2, is_costed=True)


def _slugs(results):
    return [suggestion.item.slug for suggestion in results.strategies]


def test_weights_add_up_across_everything_ticked(levels):
    both = make_strategy(slug="both", level=levels[0])
    one = make_strategy(slug="one", level=levels[0])
    seat = make_observation(links=[(one, 3), (both, 2)])
    calls_out = make_observation(links=[(both, 2)])
    results = suggest([seat, calls_out])
    assert _slugs(results) == ["both", "one"]
    assert [s.score for s in results.strategies] == [4, 3]


def test_reasons_name_what_was_noticed(levels):
    strategy = make_strategy(level=levels[0])
    seat = make_observation(text="Finds it hard to stay in their seat", links=[(strategy, 3)])
    calls_out = make_observation(text="Calls out without waiting for a turn", links=[(strategy, 1)])
    [suggestion] = suggest([seat, calls_out]).strategies
    assert suggestion.because == "finds it hard to stay in their seat; calls out without waiting for a turn"
    assert suggestion.whys == ["It helps here."]


def test_ties_go_to_universal_strategies_first(levels):
    universal, targeted = levels
    first_by_title = make_strategy(slug="a-targeted", title="A targeted one", level=targeted)
    later_by_title = make_strategy(slug="z-universal", title="Z universal one", level=universal)
    seen = make_observation(links=[(first_by_title, 2), (later_by_title, 2)])
    assert _slugs(suggest([seen])) == ["z-universal", "a-targeted"]


def test_ties_at_one_level_go_to_more_strongly_evidenced_interventions_then_title(levels):
    universal, targeted = levels
    plain = make_strategy(slug="a-plain", title="A plain one", level=universal)
    backed = make_strategy(slug="b-backed", title="B backed one", level=universal)
    also_plain = make_strategy(slug="c-plain", title="C plain one", level=universal)
    make_intervention(level=targeted, strategies=[backed], evidence_strength=Intervention.EvidenceStrength.STRONG)
    make_intervention(level=targeted, strategies=[also_plain], evidence_strength="moderate")
    make_intervention(
        level=targeted, strategies=[plain], evidence_strength="strong", status=Status.DRAFT
    )  # not public: does not count
    seen = make_observation(links=[(plain, 1), (backed, 1), (also_plain, 1)])
    assert _slugs(suggest([seen])) == ["b-backed", "a-plain", "c-plain"]


def test_a_strength_adds_weight_only_to_what_it_links_to(levels):
    helped = make_strategy(slug="helped", level=levels[0])
    other = make_strategy(slug="other", level=levels[0])
    difficulty = make_observation(links=[(other, 2), (helped, 1)])
    strength = make_observation(kind="strength", links=[(helped, 2)])
    results = suggest([difficulty, strength])
    assert _slugs(results) == ["helped", "other"]
    assert [s.score for s in results.strategies] == [3, 2]


def test_unpublished_targets_are_never_suggested(levels):
    public = make_strategy(slug="public", level=levels[0])
    draft = make_strategy(slug="draft", level=levels[0], status=Status.DRAFT)
    seen = make_observation(links=[(public, 1), (draft, 3)])
    assert _slugs(suggest([seen])) == ["public"]


def test_a_phase_keeps_only_what_suits_it(levels):
    primary, secondary = make_phase(slug="primary"), make_phase(slug="secondary")
    for_primary = make_strategy(slug="for-primary", level=levels[0], phases=[primary])
    for_secondary = make_strategy(slug="for-secondary", level=levels[0], phases=[secondary])
    for_anyone = make_strategy(slug="for-anyone", level=levels[0])
    seen = make_observation(links=[(for_primary, 1), (for_secondary, 1), (for_anyone, 1)])
    assert sorted(_slugs(suggest([seen], phases=["primary"]))) == ["for-anyone", "for-primary"]


def test_a_phase_keeps_only_the_interventions_and_resources_that_suit_it(levels):
    primary, secondary, post16 = make_phase(slug="primary"), make_phase(slug="secondary"), make_phase(slug="post-16")
    both = make_strategy(slug="both", level=levels[0], phases=[secondary, primary])
    later = make_strategy(slug="later", level=levels[0], phases=[secondary, post16])
    links = [(both, 1), (later, 1)]
    for name, phases in (("primary", [primary]), ("secondary", [secondary]), ("any", [])):
        links += [(make_intervention(slug=f"group-{name}", level=levels[1], phases=phases), 1)]
        links += [(make_resource(slug=f"guide-{name}", phases=phases), 1)]
    results = suggest([make_observation(links=links)], phases=["primary"])
    assert sorted(_slugs(results)) == ["both"]
    assert sorted(s.item.slug for s in results.interventions) == ["group-any", "group-primary"]
    assert sorted(s.item.slug for s in results.resources) == ["guide-any", "guide-primary"]
    either = suggest([make_observation(links=links)], phases=["primary", "post-16"])
    assert sorted(_slugs(either)) == ["both", "later"]


def test_interventions_and_resources_are_suggested_with_their_reasons(levels):
    intervention = make_intervention(level=levels[1])
    resource = make_resource()
    seen = make_observation(text="Loses their place when reading", links=[(intervention, 2), (resource, 1)])
    results = suggest([seen])
    assert [s.item for s in results.interventions] == [intervention]
    assert [s.item for s in results.resources] == [resource]
    assert results.resources[0].because == "loses their place when reading"


def test_check_prompts_come_from_the_areas_ticked(levels):
    semh, hearing = make_category(), make_category()
    CheckPrompt.objects.create(area=semh, text="What do the family see at home?")
    CheckPrompt.objects.create(area=hearing, text="Has their hearing been checked?")
    seen = make_observation(area=semh, links=[(make_strategy(level=levels[0]), 1)])
    assert [prompt.text for prompt in suggest([seen]).check_prompts] == ["What do the family see at home?"]


def test_a_signpost_shows_at_its_threshold_of_difficulties_in_one_area(levels):
    area = make_category()
    Signpost.objects.create(area=area, message="Talk to your SENCO.", threshold=4)
    strategy = make_strategy(level=levels[0])
    difficulties = [make_observation(area=area, links=[(strategy, 1)]) for _ in range(4)]
    strength = make_observation(area=area, kind="strength", links=[(strategy, 1)])
    assert suggest(difficulties[:3] + [strength]).signposts == []
    assert [s.message for s in suggest(difficulties).signposts] == ["Talk to your SENCO."]
    Signpost.objects.filter(area=area).update(threshold=2)
    assert len(suggest(difficulties[:2]).signposts) == 1
