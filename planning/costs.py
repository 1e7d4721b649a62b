"""The plan's costing lines: each intervention with its inputs, the staff role's rates as at the line's costing
date, and the cost worked out by the one formula (resources.costing). A line keeps a snapshot of the rates and
figures it was costed with, so a downloaded plan keeps its figures; when the council has changed a rate since,
the page shows both and the teacher chooses whether to update."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from resources import costing
from resources.models import CostingPolicy, StaffRole

DEFAULTS = {"group_size": 1, "minutes_per_session": 30, "sessions_per_week": "1"}


def roles(on=None):
    """Slug → the role with a rate valid on `on` (default today), in name order."""
    current = {}
    for role in StaffRole.objects.current(on).order_by("name", "-valid_from"):
        current.setdefault(role.slug, role)
    return current


def _amount(value):
    return format(Decimal(value).normalize(), "f")


def new_line(intervention, today=None):
    """A costing line for `intervention`, from its own costing inputs where it has them, costed today."""
    today = today or timezone.localdate()
    has_inputs = intervention.has_costing_inputs
    weeks = intervention.weeks if has_inputs and intervention.weeks is not None else CostingPolicy.load().weeks_per_year
    line = {
        "uuid": str(intervention.uuid),
        "slug": intervention.slug,
        "name": intervention.name[:200],
        "role": intervention.staff_role.slug if has_inputs else "",
        "group_size": intervention.pupils_per_group if has_inputs else DEFAULTS["group_size"],
        "minutes_per_session": intervention.minutes_per_session if has_inputs else DEFAULTS["minutes_per_session"],
        "sessions_per_week": _amount(intervention.sessions_per_week) if has_inputs else DEFAULTS["sessions_per_week"],
        "weeks": _amount(weeks),
        "resource_cost_per_pupil": str(intervention.resource_cost_per_pupil or Decimal("0.00"))
        if has_inputs
        else "0.00",
        "when": "",
        "costing_date": today.isoformat(),
        "snapshot": {},
    }
    take_rates(line, roles(today).get(line["role"]), today)
    if not has_inputs and intervention.cost_per_pupil_per_year is not None:
        # The council's own figure, typed in the admin, until the teacher chooses who delivers it.
        line["snapshot"]["cost_per_pupil_per_year"] = str(intervention.cost_per_pupil_per_year)
    return line


def take_rates(line, role, on):
    """Cost the line with `role`'s rates (None: no rate) as at `on`."""
    line["costing_date"] = on.isoformat()
    line["snapshot"] = {
        "role_name": role.name if role else "",
        "hourly_rate": str(role.hourly_rate) if role else "",
        "on_cost_percent": str(role.on_cost_percent) if role else "",
    }
    work_out(line)


def inputs(line):
    """The line's CostingInputs from its snapshot rates, or None when it has no rate."""
    snapshot = line["snapshot"]
    if not snapshot.get("hourly_rate"):
        return None
    return costing.inputs_from_document(snapshot, line)


def work_out(line):
    """The line's cost and weekly staff hours from its inputs and snapshot rates."""
    line_inputs = inputs(line)
    snapshot = line["snapshot"]
    if line_inputs is None:  # no rate: the council's figure where the line was given one (new_line), else none
        snapshot["cost_per_pupil_per_year"] = snapshot.get("cost_per_pupil_per_year", "")
        snapshot["weekly_staff_hours"] = ""
        return
    snapshot["cost_per_pupil_per_year"] = str(costing.cost_per_pupil_per_year(line_inputs))
    hours = costing.weekly_staff_hours(line_inputs).quantize(Decimal("0.01"))
    snapshot["weekly_staff_hours"] = str(hours)


def refresh(document, current_roles, before):
    """After the teacher's edits: a line whose role changed takes that role's rates today; every line and the
    plan's total are worked out again (with the rates each line was costed with). `before` maps each line
    (its `id()`; the caller keeps the lines) → its role as it was before the edits. A line added since took
    today's rates (or the council's figure) when it was made."""
    today = timezone.localdate()
    for line in document["plan"]["interventions"]:
        if id(line) in before and before[id(line)] != line["role"]:
            take_rates(line, current_roles.get(line["role"]), today)
        else:
            work_out(line)
    document["costing"] = {"formula": costing.FORMULA_TEXT, "total_per_pupil_per_year": str(total(document))}


def total(document):
    costs = [line["snapshot"]["cost_per_pupil_per_year"] for line in document["plan"]["interventions"]]
    return sum((Decimal(cost) for cost in costs if cost), Decimal("0.00"))


@dataclass
class Changed:
    """A line whose role's rates have changed since it was costed: the figures then and now."""

    index: int
    line: dict
    role: object
    cost_now: Decimal | None


def rate_changes(document, current_roles):
    changed = []
    for index, line in enumerate(document["plan"]["interventions"]):
        role, snapshot = current_roles.get(line["role"]), line["snapshot"]
        if not snapshot["hourly_rate"] or role is None:
            continue
        if (
            Decimal(snapshot["hourly_rate"]) != role.hourly_rate
            or Decimal(snapshot["on_cost_percent"]) != role.on_cost_percent
        ):
            now = dict(line, snapshot=dict(snapshot))
            take_rates(now, role, timezone.localdate())
            changed.append(Changed(index, line, role, Decimal(now["snapshot"]["cost_per_pupil_per_year"])))
    return changed


def update_rates(document, current_roles):
    """Every line costed again with today's rates."""
    today = timezone.localdate()
    for line in document["plan"]["interventions"]:
        take_rates(line, current_roles.get(line["role"]), today)
    document["costing"] = {"formula": costing.FORMULA_TEXT, "total_per_pupil_per_year": str(total(document))}
