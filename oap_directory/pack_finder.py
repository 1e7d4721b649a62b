"""The needs finder's content in a content pack: observations with their links, check prompts, signposts and
diagnostic terms. The monthly tallies never travel: they are this site's own anonymous counts.

Observations keep their uuids. Check prompts, signposts and diagnostic terms have none, so each is known by a
fixed identity made from what identifies it (its area and wording, its area, its term); the identities are
never written into the pack, only used to remember what an import saw. Links point to strategies,
interventions and resources by uuid.
"""

import uuid

from django.db.models import Prefetch

from categories.models import Category
from finder.models import CheckPrompt, DiagnosticTerm, Observation, ObservationLink, Signpost

NAMESPACE = uuid.UUID("0b7f1c52-6a43-4d6e-9f1e-3c5a8d2e7b94")
TARGETS = ("strategy", "intervention", "resource")


def identity(*parts):
    return str(uuid.uuid5(NAMESPACE, "|".join(parts)))


# ------------------------------------------------------------------------------------------- export


def _link(link):
    kind = next(name for name in TARGETS if getattr(link, f"{name}_id"))
    return {"type": kind, "uuid": str(getattr(link, kind).uuid), "weight": link.weight, "why": link.why}


def observation(item):
    links = sorted(
        (_link(link) for link in item.links.all()), key=lambda link: (-link["weight"], link["type"], link["uuid"])
    )
    return {
        "uuid": str(item.uuid), "slug": item.slug, "text": item.text, "kind": item.kind,
        "area": str(item.area.uuid), "sub_area": str(item.sub_area.uuid) if item.sub_area_id else None,
        "phases": [phase.name for phase in item.phases.all()], "synonyms": item.synonyms,
        "is_common": item.is_common, "order": item.order, "links": links,
        "status": item.status, "review_by": item.review_by.isoformat() if item.review_by else None,
    }  # fmt: skip


def check_prompt(prompt):
    return {"area": str(prompt.area.uuid), "text": prompt.text, "order": prompt.order}


def signpost(item):
    return {"area": str(item.area.uuid), "message": item.message, "threshold": item.threshold}


def diagnostic_term(term):
    return {"term": term.term, "instead": term.instead}


def build():
    """The finder's part of content.json."""
    links = ObservationLink.objects.select_related(*TARGETS)
    observations = Observation.objects.select_related("area", "sub_area").prefetch_related(
        "phases", Prefetch("links", queryset=links)
    )
    return {
        "observations": [observation(item) for item in observations.order_by("slug")],
        "check_prompts": [
            check_prompt(p) for p in CheckPrompt.objects.select_related("area").order_by("area__slug", "order", "text")
        ],
        "signposts": [signpost(s) for s in Signpost.objects.select_related("area").order_by("area__slug")],
        "diagnostic_terms": [diagnostic_term(term) for term in DiagnosticTerm.objects.order_by("term")],
    }


# ------------------------------------------------------------------------------------------- import


def check_prompt_key(item):
    return identity("check-prompt", item["area"], item["text"])


def find_check_prompt(item):
    return CheckPrompt.objects.filter(area__uuid=item["area"], text=item["text"]).first()


def signpost_key(item):
    return identity("signpost", item["area"])


def find_signpost(item):
    return Signpost.objects.filter(area__uuid=item["area"]).first()


def diagnostic_term_key(item):
    return identity("diagnostic-term", item["term"].lower())


def find_diagnostic_term(item):
    return DiagnosticTerm.objects.filter(term__iexact=item["term"]).first()


def _area(importer, item, label):
    """Our category with the pack item's area uuid, or None after refusing the item."""
    area = importer.by_uuid.get(item["area"]) or Category.objects.filter(uuid=item["area"]).first()
    if area is None:
        importer.report.refuse(label, f"{label}: its area of need isn’t here, so it was not imported.")
    return area


def _links(importer, observation_obj, rows):
    targets = {name: ObservationLink._meta.get_field(name).related_model for name in TARGETS}
    wanted = {name: [row["uuid"] for row in rows if row["type"] == name] for name in TARGETS}
    found = {
        name: {str(obj.uuid): obj for obj in targets[name].objects.filter(uuid__in=wanted[name])} for name in TARGETS
    }
    observation_obj.links.all().delete()
    missing = 0
    for row in rows:
        target = found[row["type"]].get(row["uuid"])
        if target is None:
            missing += 1
            continue
        ObservationLink.objects.create(
            observation=observation_obj, weight=row["weight"], why=row["why"], **{row["type"]: target}
        )
    if missing:
        importer.report.messages.append(f"“{observation_obj}”: {missing} links lead to items not here, so not linked.")


def import_observations(importer):
    for item in importer.content.get("observations", []):
        label = f"Observation “{item['text']}”"
        area = _area(importer, item, label)
        if area is None:
            continue
        sub_area = Category.objects.filter(uuid=item["sub_area"]).first() if item.get("sub_area") else None
        if item.get("sub_area") and (sub_area is None or sub_area.parent_id != area.pk):
            importer.report.messages.append(f"{label}: its sub-area isn’t inside “{area}” here, so it has none.")
            sub_area = None
        fields = {name: item.get(name, "") for name in ("slug", "text", "kind", "synonyms")} | {
            "area": area, "sub_area": sub_area, "is_common": item.get("is_common", False),
            "order": item.get("order", 0), "review_by": item.get("review_by"),
        }  # fmt: skip
        obj = importer.item(Observation, item, fields, label)
        if obj is not None and (terms := DiagnosticTerm.found_in(obj.text, obj.synonyms)):
            importer.report.messages.append(
                f"{label} uses {', '.join(f'“{term}”' for term in terms)}: observations describe what a pupil does, "
                "not a label. Check its wording."
            )
        if obj is not None:
            obj.phases.set(importer.phases(item.get("phases", [])))
            _links(importer, obj, item.get("links", []))
            importer.publish_when_linked(obj, label)


def import_options(importer):
    """Check prompts, signposts and diagnostic terms."""
    for item in importer.content.get("check_prompts", []):
        label = f"Check prompt “{item['text']}”"
        if area := _area(importer, item, label):
            importer.item(CheckPrompt, item, {"area": area, "text": item["text"], "order": item.get("order", 0)}, label)
    for item in importer.content.get("signposts", []):
        if area := _area(importer, item, "Signpost"):
            fields = {"area": area, "message": item["message"], "threshold": item["threshold"]}
            importer.item(Signpost, item, fields, f"Signpost for {area}")
    for item in importer.content.get("diagnostic_terms", []):
        fields = {"term": item["term"], "instead": item.get("instead", "")}
        importer.item(DiagnosticTerm, item, fields, f"Diagnostic term “{item['term']}”")
