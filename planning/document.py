"""A pupil's plan of support (assess, plan, do, review) as a document: the JSON file the teacher downloads and
uploads, and the copy their browser keeps. The server never stores it: each request that carries the plan
parses it here, changes it and hands it back (DESIGN.md, Teacher tools and pupil data). The shape is
docs/plan.schema.json; the canonical form and the checks are oap_directory/device_documents.py's.
"""

import uuid

from django.utils import timezone

from oap_directory.device_documents import DocumentKind, canonical

SCHEMA_VERSION = 1
KIND = DocumentKind("plan.schema.json", SCHEMA_VERSION, "a plan")
MAX_OUTCOMES, MAX_STRATEGIES, MAX_INTERVENTIONS, MAX_OBSERVATIONS = 20, 50, 20, 100  # the schema's limits
RESULTS = {"met": "Met", "partly-met": "Partly met", "not-met": "Not met"}
NEXT_STEPS = {"continue": "Continue", "adjust": "Adjust", "step-up": "Step up", "step-down": "Step down"}

__all__ = ["KIND", "canonical", "new", "parse"]
parse = KIND.parse


def new(council):
    return {
        "schema_version": SCHEMA_VERSION,
        "id": str(uuid.uuid4()),
        "reference": "",
        "council": council[:200],
        "created_on": timezone.localdate().isoformat(),
        "assess": {"observations": [], "strengths": "", "what_we_know": ""},
        "plan": {"outcomes": [], "strategies": [], "interventions": []},
        "do": {"start_date": "", "end_date": "", "notes": ""},
        "review": {"meeting_date": "", "notes": ""},
        "costing": {"formula": "", "total_per_pupil_per_year": "0.00"},
    }


def new_outcome():
    return {
        "outcome": "",
        "measure": "",
        "baseline": "",
        "target": "",
        "review_date": "",
        "result": "",
        "next_step": "",
        "review_notes": "",
    }


def add_observations(document, observations):
    """Observations ticked in the needs finder, once each, in the order ticked."""
    have = {entry["uuid"] for entry in document["assess"]["observations"]}
    for observation in observations:
        if str(observation.uuid) not in have and len(document["assess"]["observations"]) < MAX_OBSERVATIONS:
            document["assess"]["observations"].append(
                {"uuid": str(observation.uuid), "text": observation.text[:2000], "is_strength": observation.is_strength}
            )
            have.add(str(observation.uuid))


def add_strategy(document, strategy):
    """True when the strategy was added (not already there, and room for it)."""
    chosen = document["plan"]["strategies"]
    if any(entry["uuid"] == str(strategy.uuid) for entry in chosen) or len(chosen) >= MAX_STRATEGIES:
        return False
    chosen.append({"uuid": str(strategy.uuid), "slug": strategy.slug, "title": strategy.title[:200], "role": ""})
    return True


def remove(document, what):
    """`what` is "outcome:2", "strategy:0", "intervention:1" or "observation:3": that entry is taken out."""
    lists = {
        "outcome": document["plan"]["outcomes"],
        "strategy": document["plan"]["strategies"],
        "intervention": document["plan"]["interventions"],
        "observation": document["assess"]["observations"],
    }
    kind, _, index = what.partition(":")
    entries = lists.get(kind)
    if entries is not None and index.isdecimal() and int(index) < len(entries):
        del entries[int(index)]
