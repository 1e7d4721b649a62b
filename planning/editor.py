"""What the plan page shows: each field with its label, value and any error, the costing lines with their
worked-out figures, and what the teacher can add (the needs finder's suggestions, strategies found by name,
the council's interventions)."""

from dataclasses import dataclass

from categories.models import Strategy
from finder.models import Observation
from finder.ranking import suggest
from planning import costs
from planning.document import NEXT_STEPS, RESULTS
from planning.fields import DATE, KINDS, PREFIX, field_id, shown_date
from resources import costing
from resources.models import Intervention

SUGGESTED = 5
FOUND = 10


@dataclass
class Field:
    name: str
    label: str
    value: object
    error: str = ""

    @property
    def id(self):
        return field_id(self.name)


class Fields:
    """Makes each field of the page, remembering them all for the error summary."""

    def __init__(self, document, folded):
        self.document, self.folded, self.all = document, folded, []

    def __call__(self, path, label):
        name = PREFIX + path
        value = self.folded.typed[name] if name in self.folded.errors else self._at(path)
        if KINDS[path.rsplit(".", 1)[-1]][0] == DATE:
            value = shown_date(value)
        made = Field(name, label, value, self.folded.errors.get(name, ""))
        self.all.append(made)
        return made

    def _at(self, path):
        value = self.document
        for part in path.split("."):
            value = value[int(part)] if isinstance(value, list) else value[part]
        return value

    def errors(self):
        return [field for field in self.all if field.error]


def _outcomes(document, fields):
    rows = []
    for index, _outcome in enumerate(document["plan"]["outcomes"]):
        number, at = index + 1, f"plan.outcomes.{index}."
        rows.append(
            {
                "index": index,
                "number": number,
                "outcome": fields(at + "outcome", f"Outcome {number}"),
                "measure": fields(at + "measure", f"How outcome {number} will be measured"),
                "baseline": fields(at + "baseline", f"Baseline for outcome {number}"),
                "target": fields(at + "target", f"Target for outcome {number}"),
                "review_date": fields(at + "review_date", f"Review date for outcome {number}"),
                "result": fields(at + "result", f"Was outcome {number} met?"),
                "next_step": fields(at + "next_step", f"Next step for outcome {number}"),
                "review_notes": fields(at + "review_notes", f"Review notes for outcome {number}"),
            }
        )
    return rows


def _role_choices(current_roles, kept, kept_name):
    """The council's current roles, and the one a line or strategy already has if its rate has since ended."""
    choices = [(role.slug, role.name) for role in current_roles.values()]
    if kept and kept not in current_roles:
        choices.append((kept, f"{kept_name or kept} (no longer a current rate)"))
    return choices


def _lines(document, fields, current_roles):
    rows = []
    for index, line in enumerate(document["plan"]["interventions"]):
        at, name = f"plan.interventions.{index}.", line["name"]
        line_inputs = costs.inputs(line)
        cost = line["snapshot"]["cost_per_pupil_per_year"]
        rows.append(
            {
                "index": index,
                "line": line,
                "role": fields(at + "role", f"Delivered by (role) for {name}"),
                "role_choices": _role_choices(current_roles, line["role"], line["snapshot"]["role_name"]),
                "group_size": fields(at + "group_size", f"Pupils in the group for {name}"),
                "minutes_per_session": fields(at + "minutes_per_session", f"Minutes a session for {name}"),
                "sessions_per_week": fields(at + "sessions_per_week", f"Sessions a week for {name}"),
                "weeks": fields(at + "weeks", f"Weeks for {name}"),
                "resource_cost_per_pupil": fields(
                    at + "resource_cost_per_pupil", f"Resources per pupil (£) for {name}"
                ),
                "when": fields(at + "when", f"When {name} happens"),
                "worked": costing.worked_example(line_inputs, cost) if line_inputs else "",
                "when_hint": f"Delivered by {line['snapshot']['role_name'] or 'a role not chosen yet'}. For example "
                "“Monday and Thursday mornings, in the library”.",
            }
        )
    return rows


def _strategies(document, fields, current_roles):
    return [
        {
            "index": index,
            "entry": entry,
            "role": fields(f"plan.strategies.{index}.role", f"Who uses {entry['title']}"),
            "role_choices": _role_choices(current_roles, entry["role"], ""),
        }
        for index, entry in enumerate(document["plan"]["strategies"])
    ]


def suggestions(document):
    """What the needs finder suggests for the observations in Assess, leaving out what the plan already has."""
    uuids = [entry["uuid"] for entry in document["assess"]["observations"]]
    if not uuids:
        return {"strategies": [], "interventions": []}
    results = suggest(Observation.objects.published().filter(uuid__in=uuids))
    have = {entry["uuid"] for entry in document["plan"]["strategies"] + document["plan"]["interventions"]}
    return {
        "strategies": [s.item for s in results.strategies if str(s.item.uuid) not in have][:SUGGESTED],
        "interventions": [s.item for s in results.interventions if str(s.item.uuid) not in have][:SUGGESTED],
    }


def found_strategies(words, document):
    have = {entry["uuid"] for entry in document["plan"]["strategies"]}
    matches = Strategy.objects.published().filter(title__icontains=words).order_by("title")[: FOUND + len(have)]
    return [strategy for strategy in matches if str(strategy.uuid) not in have][:FOUND]


def context(document, folded, current_roles, words=""):
    fields = Fields(document, folded)
    page = {
        "reference": fields("reference", "Your reference for this plan"),
        "strengths": fields("assess.strengths", "Strengths"),
        "what_we_know": fields("assess.what_we_know", "What we know"),
        "outcomes": _outcomes(document, fields),
        "strategies": _strategies(document, fields, current_roles),
        "lines": _lines(document, fields, current_roles),
        "start_date": fields("do.start_date", "Start date"),
        "end_date": fields("do.end_date", "End date"),
        "do_notes": fields("do.notes", "How it will be done"),
        "meeting_date": fields("review.meeting_date", "Review meeting date"),
        "review_notes": fields("review.notes", "Notes from the review meeting"),
    }
    return {
        "doc": document,
        "page": page,
        "errors": [(field.id, f"{field.label}: {field.error}") for field in fields.errors()],
        "results": list(RESULTS.items()),
        "next_steps": list(NEXT_STEPS.items()),
        "suggested": suggestions(document),
        "words": words,
        "found": found_strategies(words, document) if words else [],
        "interventions": Intervention.objects.published().order_by("name").only("uuid", "name"),
        "rate_changes": costs.rate_changes(document, current_roles),
        "total": costs.total(document),
        "formula": costing.FORMULA_TEXT,
    }
