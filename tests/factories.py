"""Plain factory functions: build the data a test needs, in the test."""

import itertools

from categories.content import Status
from categories.models import Category, Level, Phase, Strategy
from resources.models import Intervention, Resource, StrategyIntervention, StrategyResource

_numbers = itertools.count(1)


def _n():
    return next(_numbers)


def make_level(**overrides):
    n = _n()
    fields = {"name": f"Level {n}", "slug": f"level-{n}", "order": n, "is_costed": False}
    return Level.objects.create(**(fields | overrides))


def make_phase(**overrides):
    n = _n()
    fields = {"name": f"Phase {n}", "slug": f"phase-{n}", "order": n}
    return Phase.objects.create(**(fields | overrides))


def make_category(**overrides):
    n = _n()
    fields = {"name": f"Category {n}", "slug": f"category-{n}", "status": Status.PUBLISHED, "summary": "A summary."}
    return Category.objects.create(**(fields | overrides))


def make_strategy(categories=(), phases=(), tags=(), **overrides):
    n = _n()
    fields = {
        "title": f"Strategy number {n}",
        "slug": f"strategy-{n}",
        "teacher_statement": f"Teacher statement {n}.",
        "child_statement": f"I am helped in way {n}, so that I can learn.",
        "why": "<p>Why it matters.</p>",
        "how": "<p>How to do it.</p>",
        "status": Status.PUBLISHED,
    }
    strategy = Strategy.objects.create(**(fields | overrides))
    strategy.categories.set(categories)
    strategy.phases.set(phases)
    if tags:
        strategy.tags.set(list(tags))
    return strategy


def make_resource(phases=(), tags=(), strategies=(), **overrides):
    n = _n()
    fields = {
        "title": f"Resource number {n}",
        "slug": f"resource-{n}",
        "summary": "A useful guide.",
        "url": f"https://www.northbrook.example/resource-{n}",
        "status": Status.PUBLISHED,
    }
    resource = Resource.objects.create(**(fields | overrides))
    resource.phases.set(phases)
    if tags:
        resource.tags.set(list(tags))
    for order, strategy in enumerate(strategies):
        StrategyResource.objects.create(strategy=strategy, resource=resource, order=order)
    return resource


def make_intervention(level=None, categories=(), phases=(), strategies=(), tags=(), **overrides):
    n = _n()
    level = level or make_level(is_costed=True)
    fields = {
        "name": f"Intervention number {n}",
        "slug": f"intervention-{n}",
        "summary": "A targeted programme.",
        "description": "<p>Sessions in a small group.</p>",
        "level": level,
        "cost_per_pupil_per_year": 250 if level.is_costed else None,
        "status": Status.PUBLISHED,
    }
    intervention = Intervention.objects.create(**(fields | overrides))
    intervention.categories.set(categories)
    intervention.phases.set(phases)
    if tags:
        intervention.tags.set(list(tags))
    for order, strategy in enumerate(strategies):
        StrategyIntervention.objects.create(strategy=strategy, intervention=intervention, order=order)
    return intervention


def make_staff_role(**overrides):
    from datetime import date
    from decimal import Decimal

    from resources.models import StaffRole

    n = _n()
    fields = {
        "name": f"Role {n}",
        "slug": f"role-{n}",
        "hourly_rate": Decimal("14.00"),
        "on_cost_percent": Decimal("0"),
        "valid_from": date(2020, 1, 1),
    }
    return StaffRole.objects.create(**(fields | overrides))


def make_glossary_term(**overrides):
    from oap_directory.models import GlossaryTerm

    n = _n()
    fields = {"term": f"Term {n}", "slug": f"term-{n}", "definition": f"What term {n} means."}
    return GlossaryTerm.objects.create(**(fields | overrides))


def make_observation(area=None, links=(), phases=(), **overrides):
    """An observation (published unless told otherwise) with links: [(strategy, intervention or resource, weight)]."""
    from finder.models import Observation, ObservationLink

    n = _n()
    status = overrides.pop("status", Status.PUBLISHED)
    fields = {"text": f"Noticed thing {n}", "slug": f"noticed-{n}", "area": area or make_category()}
    observation = Observation.objects.create(**(fields | overrides))
    observation.phases.set(phases)
    for target, weight in links:
        kind = type(target).__name__.lower()
        ObservationLink.objects.create(observation=observation, weight=weight, why="It helps here.", **{kind: target})
    if status != observation.status:
        observation.status = status
        observation.save()
    return observation
