"""The starter self-evaluation framework (fixtures/starter/self-evaluation.json), loaded with the starter content.

Statement uuids are derived from the framework's slug and the statement's place in it, so every deployment of the
starter framework gives a statement the same uuid and schools' files stay valid across a reload.
"""

import uuid

from django.db import transaction

from categories.models import Category, Strategy
from selfreview.models import Framework, RatingLevel, RatingScale, Section, Statement, TargetLevel

UUID_NAMESPACE = uuid.UUID("6c0f3f7e-8d1a-4b4e-9a52-5b1f2b9d7e10")


@transaction.atomic
def load_framework(data):
    """Create the scale and version 1 of the framework unless a framework with that slug exists; return the
    number of statements created."""
    spec = data["framework"]
    if Framework.objects.filter(slug=spec["slug"]).exists():
        return 0
    scale = _scale(data["scale"])
    framework = Framework.objects.create(
        name=spec["name"], slug=spec["slug"], introduction=spec["introduction"], scale=scale
    )
    categories = {c.slug: c for c in Category.objects.filter(slug__in=[s["category"] for s in spec["sections"]])}
    strategies = {s.slug: s for s in Strategy.objects.all()}
    levels = {level.slug: level for level in scale.levels.all()}
    count = 0
    for section_order, row in enumerate(spec["sections"]):
        section = Section.objects.create(
            framework=framework, title=row["title"], order=section_order, category=categories.get(row["category"])
        )
        for order, item in enumerate(row["statements"]):
            statement = Statement.objects.create(
                section=section,
                uuid=uuid.uuid5(UUID_NAMESPACE, f"{spec['slug']}:{section_order}:{order}"),
                text=item["text"],
                order=order,
                is_statutory=item["is_statutory"],
                descriptors=item.get("descriptors", {}),
            )
            statement.strategies.set([strategies[slug] for slug in item["strategies"] if slug in strategies])
            if "target" in item:
                TargetLevel.objects.create(statement=statement, level=levels[item["target"]])
            count += 1
    framework.publish()
    return count


def _scale(spec):
    scale, created = RatingScale.objects.get_or_create(name=spec["name"])
    if created:
        RatingLevel.objects.bulk_create(RatingLevel(scale=scale, **level) for level in spec["levels"])
    return scale
