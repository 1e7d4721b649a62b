"""Give a directory's standard starting categories the fixed identities new directories get.

A directory set up before the identities were fixed has random uuids for its whole-school actions, areas of need,
their sub-areas and Teachers' Standards, so content packs from other councils did not line up with it. Each
category found at one of the standard slug paths below takes its fixed identity (uuid5 of the namespace and its
slug, as `categories.identities.standard_identity` gives), unless another row already has that uuid; what
refers to categories by uuid (the history of strategies and interventions, content-pack bases, import records)
follows it. The list is frozen here: a later change to the starter content does not change this migration.
"""

import uuid

from django.db import migrations

NAMESPACE = uuid.UUID("2c6df4f4-5d4b-475d-bfb4-50b40b3057a3")
STANDARD_PATHS = {
    "whole-school",
    "whole-school/inclusive-leadership",
    "whole-school/learning-environment",
    "whole-school/quality-first-teaching",
    "whole-school/working-with-families",
    "whole-school/transitions",
    "whole-school/identifying-needs",
    "whole-school/staff-development",
    "whole-school/pupil-voice",
    "areas-of-need",
    "areas-of-need/communication-and-interaction",
    "areas-of-need/communication-and-interaction/speaking-and-listening",
    "areas-of-need/communication-and-interaction/understanding-language",
    "areas-of-need/communication-and-interaction/social-communication",
    "areas-of-need/cognition-and-learning",
    "areas-of-need/cognition-and-learning/reading",
    "areas-of-need/cognition-and-learning/writing",
    "areas-of-need/cognition-and-learning/maths",
    "areas-of-need/cognition-and-learning/memory-and-processing",
    "areas-of-need/semh",
    "areas-of-need/semh/emotional-regulation",
    "areas-of-need/semh/anxiety-and-wellbeing",
    "areas-of-need/semh/attention-and-activity",
    "areas-of-need/semh/relationships-and-belonging",
    "areas-of-need/sensory-and-physical",
    "areas-of-need/sensory-and-physical/hearing",
    "areas-of-need/sensory-and-physical/vision",
    "areas-of-need/sensory-and-physical/physical-and-motor",
    "areas-of-need/sensory-and-physical/sensory-processing",
    "teachers-standards",
    "teachers-standards/ts1-high-expectations",
    "teachers-standards/ts2-good-progress",
    "teachers-standards/ts3-subject-knowledge",
    "teachers-standards/ts4-well-structured-lessons",
    "teachers-standards/ts5-adapt-teaching",
    "teachers-standards/ts6-assessment",
    "teachers-standards/ts7-behaviour",
    "teachers-standards/ts8-professional-responsibilities",
}


def _slug_paths(Category):
    """Each category's slug path (`areas-of-need/semh`), by id."""
    rows = {pk: (slug, parent_id) for pk, slug, parent_id in Category.objects.values_list("pk", "slug", "parent_id")}
    paths = {}
    for pk in rows:
        slugs, seen, current = [], set(), pk
        while current is not None and current not in seen:  # a cycle (never saved by the admin) ends the walk
            seen.add(current)
            slug, current = rows[current]
            slugs.insert(0, slug)
        paths[pk] = "/".join(slugs)
    return paths


def _renamed(Category):
    """{old uuid: fixed uuid} for the standard categories to rename, renaming them."""
    renamed = {}
    for pk, path in _slug_paths(Category).items():
        if path not in STANDARD_PATHS:
            continue
        fixed = uuid.uuid5(NAMESPACE, path.rsplit("/", 1)[-1])
        if Category.objects.filter(uuid=fixed).exists():  # already its own, or another row's: left alone
            continue
        old = Category.objects.get(pk=pk).uuid
        Category.objects.filter(pk=pk).update(uuid=fixed)
        renamed[str(old)] = str(fixed)
    return renamed


def _follow_in_history(model, renamed):
    changed = []
    for version in model.objects.exclude(relations={}).iterator():
        categories = version.relations.get("categories") or []
        if any(value in renamed for value in categories):
            version.relations["categories"] = [renamed.get(value, value) for value in categories]
            changed.append(version)
    model.objects.bulk_update(changed, ["relations"], batch_size=500)


def give_standard_identities(apps, schema_editor):
    Category = apps.get_model("categories", "Category")
    renamed = _renamed(Category)
    if not renamed:
        return
    for old, new in renamed.items():
        apps.get_model("categories", "HistoricalCategory").objects.filter(uuid=old).update(uuid=new)
        ImportedItem = apps.get_model("oap_directory", "ImportedItem")
        if not ImportedItem.objects.filter(uuid=new).exists():
            ImportedItem.objects.filter(uuid=old).update(uuid=new)
    _follow_in_history(apps.get_model("categories", "HistoricalStrategy"), renamed)
    _follow_in_history(apps.get_model("resources", "HistoricalIntervention"), renamed)
    ImportRecord = apps.get_model("oap_directory", "ImportRecord")
    for record in ImportRecord.objects.iterator():
        items = [
            [kind, renamed.get(value, value) if kind == "category" else value] for kind, value in record.created_items
        ]
        if items != record.created_items:
            ImportRecord.objects.filter(pk=record.pk).update(created_items=items)


class Migration(migrations.Migration):
    dependencies = [
        ("oap_directory", "0017_accessibility_statement_not_claimed"),
        ("categories", "0003_help_text"),
        ("resources", "0005_intervention_local_service"),
    ]

    operations = [migrations.RunPython(give_standard_identities, migrations.RunPython.noop)]
