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


def make_intervention(level=None, categories=(), phases=(), strategies=(), **overrides):
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
    for order, strategy in enumerate(strategies):
        StrategyIntervention.objects.create(strategy=strategy, intervention=intervention, order=order)
    return intervention
