"""A school's self-evaluation as a document: the JSON file it downloads and uploads, and the browser's copy.

The server never stores it. Each request that carries the document parses it here, changes it and hands it
back, in the canonical form of oap_directory/device_documents.py, which the browser writes too. The shape is
docs/self-evaluation.schema.json, which that module validates against.
"""

from oap_directory.device_documents import DocumentError, DocumentKind, canonical, clean_text
from selfreview.models import NOT_APPLICABLE, Framework

__all__ = ["DocumentError", "canonical", "clean_text", "parse"]

SCHEMA_VERSION = 1
KIND = DocumentKind("self-evaluation.schema.json", SCHEMA_VERSION, "a self-evaluation")
ACTION_STATUSES = {"not-started": "Not started", "in-progress": "In progress", "done": "Done"}
parse = KIND.parse


def new(framework, school_name="", phase=""):
    return {
        "schema_version": SCHEMA_VERSION,
        "framework": {"slug": framework.slug, "version": framework.version},
        "school": {"name": clean_text(school_name, 150), "phase": phase},
        "ratings": {},
        "actions": [],
        "last_year": {},
    }


def framework_for(document):
    """The framework version the document was made against (published or since retired, never a draft)."""
    reference = document["framework"]
    framework = (
        Framework.objects.filter(slug=reference["slug"], version=reference["version"], published_at__isnull=False)
        .select_related("scale")
        .first()
    )
    if framework is None:
        raise DocumentError("This file was made against a framework this site does not have.")
    return framework


def check_against(document, framework, statements, levels):
    """Every rating and action refers to a statement of this framework and every level is on its scale."""
    known = {str(statement.uuid) for statement in statements}
    allowed = set(levels) | {NOT_APPLICABLE, ""}
    ratings_ok = all(key in known and rating["level"] in allowed for key, rating in document["ratings"].items())
    actions_ok = all(action["statement"] in known for action in document["actions"])
    if not (ratings_ok and actions_ok):
        raise DocumentError("This file does not match the framework it names. Use an earlier copy.")


def start_from_last_year(last_year, framework, statements, levels):
    """A new document against `framework` carrying over last year's levels and unfinished actions, and keeping
    last year's levels so each change can be shown. Statements are matched by uuid across versions."""
    known = {str(statement.uuid) for statement in statements}
    document = new(framework, last_year["school"]["name"], last_year["school"]["phase"])
    allowed = set(levels) | {NOT_APPLICABLE}
    carried = {
        key: rating["level"]
        for key, rating in last_year["ratings"].items()
        if key in known and rating["level"] in allowed
    }
    document["last_year"] = carried
    document["ratings"] = {key: {"level": level, "rationale": "", "evidence": ""} for key, level in carried.items()}
    document["actions"] = [
        action for action in last_year["actions"] if action["statement"] in known and action["status"] != "done"
    ]
    return document
