"""Each step of the self-evaluation without JavaScript posts the whole document with the fields of the step it
shows; these functions fold those fields into the document. Nothing is kept on the server between requests."""

from selfreview.document import ACTION_STATUSES, clean_text
from selfreview.models import NOT_APPLICABLE

TEXT_LIMIT = 2000
MAX_ACTIONS = 100  # the schema's limit
ACTION_FIELDS = {"description": TEXT_LIMIT, "owner_role": 100, "due_term": 40, "success_criteria": TEXT_LIMIT}


def save_section(document, section, data, levels):
    """The ratings, rationale and evidence typed for one section's statements (a blank choice keeps it unrated)."""
    allowed = set(levels) | {NOT_APPLICABLE}
    for statement in section.statements.all():
        key = str(statement.uuid)
        level = data.get(f"rating-{key}", "")
        rationale = clean_text(data.get(f"rationale-{key}", ""), TEXT_LIMIT)
        evidence = clean_text(data.get(f"evidence-{key}", ""), TEXT_LIMIT)
        if level not in allowed:
            level = ""
        if level or rationale or evidence:
            document["ratings"][key] = {"level": level, "rationale": rationale, "evidence": evidence}
        else:
            document["ratings"].pop(key, None)


def save_actions(document, data):
    """The action plan as edited: each action's fields, and the ones ticked for removal taken out."""
    kept = []
    for index, action in enumerate(document["actions"]):
        if data.get(f"action-{index}-remove"):
            continue
        for name, limit in ACTION_FIELDS.items():
            field = f"action-{index}-{name}"
            if field in data:
                action[name] = clean_text(data[field], limit)
        status = data.get(f"action-{index}-status")
        if status in ACTION_STATUSES:
            action["status"] = status
        kept.append(action)
    document["actions"] = kept


def add_action(document, statement):
    """A new action for `statement`, pre-filled with the strategies linked to it."""
    strategies = list(statement.strategies.all())
    description = "Try: " + "; ".join(strategy.title for strategy in strategies) if strategies else ""
    document["actions"].append(
        {
            "statement": str(statement.uuid),
            "description": description,
            "owner_role": "",
            "due_term": "",
            "success_criteria": "",
            "status": "not-started",
            "strategies": [strategy.slug for strategy in strategies],
        }
    )
    return len(document["actions"]) - 1
