"""From what a teacher noticed to ranked suggestions, with the reasons for each; never a diagnosis.

Strategies are ranked by the sum of the weights of the links from the ticked observations. Ties go to the least
intensive level first (universal before targeted), then to strategies linking to more strongly-evidenced
interventions, then by title. A strength adds weight only to what it links to and never counts towards a
signpost. The number of queries does not depend on how many observations are ticked.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q

from categories.content import Status
from categories.models import Strategy
from finder.models import PUBLISHED_TARGET, CheckPrompt, ObservationLink, Signpost
from resources.models import Intervention, Resource, StrategyIntervention

LAST = 10**6  # sorts items without a level after every level
# What the suggestions show and sort by (and their identities, which plans keep): not the strategies' long rich text.
SHOWN_FIELDS = [
    "observation_id",
    "weight",
    "why",
    *(
        f"strategy__{name}"
        for name in ("uuid", "title", "slug", "teacher_statement", "child_statement", "status", "level")
    ),
    *(f"intervention__{name}" for name in ("uuid", "name", "slug", "summary", "status", "evidence_strength", "level")),
    *(f"resource__{name}" for name in ("uuid", "title", "slug", "summary", "status")),
    *(f"{kind}__level__{name}" for kind in ("strategy", "intervention") for name in ("name", "order")),
]


@dataclass
class Suggestion:
    """One strategy, intervention or resource, with its score and what it was suggested because of."""

    item: object
    score: int = 0
    reasons: list = field(default_factory=list)  # the observations that led here, in the order ticked
    whys: list = field(default_factory=list)  # the links' "why this helps" sentences, without repeats
    strong_interventions: int = 0

    @property
    def because(self):
        return "; ".join(sentence_case_off(observation.text) for observation in self.reasons)

    def add(self, link, observation):
        self.score += link.weight
        if observation not in self.reasons:
            self.reasons.append(observation)
        if link.why not in self.whys:
            self.whys.append(link.why)


@dataclass
class Results:
    strategies: list
    interventions: list
    resources: list
    check_prompts: list
    signposts: list


def suggest(observations, phases=()):
    """Ranked suggestions for these observations (published ones, as chosen by the teacher)."""
    observations = list(observations)
    ids = [observation.pk for observation in observations]
    by_id = {observation.pk: observation for observation in observations}
    found = {"strategy": {}, "intervention": {}, "resource": {}}
    for link in _links(ids, phases):
        kind = next(name for name in found if getattr(link, f"{name}_id"))
        target = getattr(link, kind)
        found[kind].setdefault(target.pk, Suggestion(target)).add(link, by_id[link.observation_id])
    strategies = list(found["strategy"].values())
    _count_strong_interventions(strategies)
    return Results(
        strategies=sorted(strategies, key=_strategy_order),
        interventions=sorted(found["intervention"].values(), key=_intervention_order),
        resources=sorted(found["resource"].values(), key=lambda s: (-s.score, s.item.title.lower())),
        check_prompts=_check_prompts(observations),
        signposts=_signposts(observations),
    )


def _links(ids, phases):
    links = (
        ObservationLink.objects.filter(observation_id__in=ids)
        .filter(PUBLISHED_TARGET)
        .select_related("strategy__level", "intervention__level", "resource")
        .only(*SHOWN_FIELDS)
        .order_by("observation_id", "-weight", "id")
    )
    if phases:
        for kind, model in (("strategy", Strategy), ("intervention", Intervention), ("resource", Resource)):
            links = links.filter(_suits(kind, model, phases))
    position = {pk: index for index, pk in enumerate(ids)}
    return sorted(links, key=lambda link: position[link.observation_id])


def _suits(kind, model, phases):
    """Links whose `kind` target names one of these phases or none (an item naming none suits every phase).

    Asked of each linked item's own phase rows, so the cost follows the links found, not the size of the library.
    """
    own_phases = model.phases.through.objects.filter(**{f"{model._meta.model_name}_id": OuterRef(f"{kind}_id")})
    return Q(**{f"{kind}__isnull": True}) | ~Exists(own_phases) | Exists(own_phases.filter(phase__slug__in=phases))


def _count_strong_interventions(suggestions):
    counts = dict(
        StrategyIntervention.objects.filter(
            strategy_id__in=[suggestion.item.pk for suggestion in suggestions],
            intervention__status=Status.PUBLISHED,
            intervention__evidence_strength=Intervention.EvidenceStrength.STRONG,
        )
        .values_list("strategy_id")
        .annotate(total=Count("id"))
    )
    for suggestion in suggestions:
        suggestion.strong_interventions = counts.get(suggestion.item.pk, 0)


def _level_order(item):
    return item.level.order if item.level_id else LAST


def _strategy_order(suggestion):
    item = suggestion.item
    return (-suggestion.score, _level_order(item), -suggestion.strong_interventions, item.title.lower(), item.pk)


EVIDENCE_ORDER = {value: index for index, value in enumerate(Intervention.EvidenceStrength.values)}


def _intervention_order(suggestion):
    item = suggestion.item
    return (-suggestion.score, _level_order(item), EVIDENCE_ORDER.get(item.evidence_strength, LAST), item.name.lower())


def _check_prompts(observations):
    areas = {observation.area_id for observation in observations}
    return list(CheckPrompt.objects.filter(area_id__in=areas).order_by("area__order", "area__name", "order", "id"))


def _signposts(observations):
    """Each area's message when at least its threshold of difficulties in that area were ticked."""
    difficulties = Counter(observation.area_id for observation in observations if not observation.is_strength)
    if not difficulties:
        return []
    signposts = Signpost.objects.filter(area_id__in=difficulties).select_related("area")
    return [signpost for signpost in signposts if difficulties[signpost.area_id] >= signpost.threshold]


def sentence_case_off(text):
    """“Finds it hard…” reads “finds it hard…” inside a sentence; “EAL…” stays as it is."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text
