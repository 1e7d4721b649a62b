"""Self-evaluation frameworks in a content pack: rating scales, and each framework version with its sections,
statements (by uuid, the same in every version), descriptors, links and the council's targets. Schools' sharing
codes and shared evaluations never travel.

A framework version is known by its slug and version number, a scale by its name. A version that is published
(or retired) here never changes, and neither do the levels of a scale a framework here uses (ratings and targets
refer to them): an import that would change one says so and leaves it as it is.
"""

from django.utils import timezone

from categories.models import Category, Strategy
from oap_directory.pack_finder import identity
from resources.models import Resource
from selfreview.models import Framework, RatingLevel, RatingScale, Section, Statement, TargetLevel

# ------------------------------------------------------------------------------------------- export


def rating_scale(scale):
    levels = sorted(scale.levels.all(), key=lambda level: level.score)
    return {
        "name": scale.name,
        "levels": [
            {"slug": lv.slug, "label": lv.label, "score": lv.score, "description": lv.description} for lv in levels
        ],
    }


def _statement(statement):
    target = getattr(statement, "target", None)
    return {
        "uuid": str(statement.uuid), "text": statement.text, "order": statement.order,
        "is_statutory": statement.is_statutory,
        "descriptors": statement.descriptors if isinstance(statement.descriptors, dict) else {},
        "strategies": sorted(str(s.uuid) for s in statement.strategies.all()),
        "resources": sorted(str(r.uuid) for r in statement.resources.all()),
        "target": target.level.slug if target else None,
    }  # fmt: skip


def framework(item):
    return {
        "slug": item.slug, "version": item.version, "name": item.name, "introduction": item.introduction,
        "scale": item.scale.name, "status": item.status,
        "sections": [
            {
                "title": section.title, "order": section.order,
                "category": str(section.category.uuid) if section.category_id else None,
                "statements": [_statement(statement) for statement in section.statements.all()],
            }
            for section in item.sections.all()
        ],
    }  # fmt: skip


def build():
    """The self-evaluation part of content.json."""
    frameworks = Framework.objects.select_related("scale").prefetch_related(
        "sections__category",
        "sections__statements__strategies",
        "sections__statements__resources",
        "sections__statements__target__level",
    )
    return {
        "rating_scales": [rating_scale(scale) for scale in RatingScale.objects.prefetch_related("levels")],
        "frameworks": [framework(item) for item in frameworks.order_by("slug", "version")],
    }


# ------------------------------------------------------------------------------------------- import


def scale_key(item):
    return identity("rating-scale", item["name"])


def find_scale(item):
    return RatingScale.objects.filter(name=item["name"]).first()


def scale_locked(scale):
    if Framework.objects.filter(scale=scale).exists():
        return "frameworks here use it, so its levels stay as they are"
    return ""


def write_scale(importer, item, existing):
    scale = existing or RatingScale.objects.create(name=item["name"])
    for level in item["levels"]:
        RatingLevel.objects.filter(scale=scale, score=level["score"]).exclude(slug=level["slug"]).delete()
        RatingLevel.objects.update_or_create(
            scale=scale, slug=level["slug"],
            defaults={"label": level["label"], "score": level["score"], "description": level.get("description", "")},
        )  # fmt: skip
    scale.levels.exclude(slug__in=[level["slug"] for level in item["levels"]]).delete()
    return scale


def framework_key(item):
    return identity("framework", item["slug"], str(item["version"]))


def find_framework(item):
    return Framework.objects.filter(slug=item["slug"], version=item["version"]).first()


def framework_locked(existing):
    if existing.is_locked:
        return f"version {existing.version} is published here, and published versions never change"
    return ""


def _statements(importer, section, rows, levels):
    strategies = {str(s.uuid): s for s in Strategy.objects.filter(uuid__in=[u for r in rows for u in r["strategies"]])}
    resources = {str(r.uuid): r for r in Resource.objects.filter(uuid__in=[u for r in rows for u in r["resources"]])}
    for row in rows:
        statement = Statement.objects.create(
            section=section, uuid=row["uuid"], text=row["text"], order=row["order"],
            is_statutory=row["is_statutory"], descriptors=row.get("descriptors") or {},
        )  # fmt: skip
        statement.strategies.set([strategies[u] for u in row["strategies"] if u in strategies])
        statement.resources.set([resources[u] for u in row["resources"] if u in resources])
        if row.get("target") in levels:
            TargetLevel.objects.create(statement=statement, level=levels[row["target"]])
        missing = len(row["strategies"]) + len(row["resources"]) - statement.strategies.count()
        missing -= statement.resources.count()
        if missing:
            importer.report.messages.append(
                f"Statement “{row['text'][:80]}”: {missing} linked items are not here, so not linked."
            )


def write_framework(importer, item, existing):
    scale = RatingScale.objects.get(name=item["scale"])
    obj = existing or Framework(slug=item["slug"], version=item["version"])
    obj.name, obj.introduction, obj.scale = item["name"], item.get("introduction", ""), scale
    if importer.publish and item["status"] != Framework.Status.DRAFT:
        obj.status, obj.published_at = item["status"], timezone.now()
    obj.save()
    obj.sections.all().delete()
    levels = {level.slug: level for level in scale.levels.all()}
    categories = {str(c.uuid): c for c in Category.objects.filter(uuid__in=[s["category"] for s in item["sections"]])}
    for row in item["sections"]:
        section = Section.objects.create(
            framework=obj, title=row["title"], order=row["order"], category=categories.get(row["category"])
        )
        _statements(importer, section, row["statements"], levels)
    return obj


def import_frameworks(importer):
    for item in importer.content.get("rating_scales", []):
        importer.item(RatingScale, item, {}, f"Rating scale “{item['name']}”")
    for item in importer.content.get("frameworks", []):
        label = f"Framework “{item['name']}” version {item['version']}"
        if not RatingScale.objects.filter(name=item["scale"]).exists():
            importer.report.refuse(label, f"{label}: its rating scale “{item['scale']}” isn’t here or in the pack.")
            continue
        uuids = [row["uuid"] for section in item["sections"] for row in section["statements"]]
        if len(uuids) != len(set(uuids)):
            importer.report.refuse(label, f"{label}: two of its statements have the same uuid, so it was not imported.")
            continue
        importer.item(Framework, item, {}, label)
