"""What a teacher takes to the review meeting: the plan as a page to print or a PDF (the same template), and its
costing lines as CSV. Made on request from the posted plan; never stored or cached."""

import re

from oap_directory.device_documents import csv_response as spreadsheet
from planning import costs
from planning.document import NEXT_STEPS, RESULTS
from resources import costing

_UNSAFE = re.compile(r"[^A-Za-z0-9-]+")


def filename(document, extension):
    """plan-<the teacher's reference>.<extension>, reduced to letters, digits and hyphens."""
    reference = _UNSAFE.sub("-", document["reference"]).strip("-")[:40]
    return f"plan-{reference or document['created_on']}.{extension}"


def _lines(document):
    rows = []
    for line in document["plan"]["interventions"]:
        line_inputs = costs.inputs(line)
        cost = line["snapshot"]["cost_per_pupil_per_year"]
        rows.append({"line": line, "worked": costing.worked_example(line_inputs, cost) if line_inputs else ""})
    return rows


def summary(document):
    """What the printed plan shows beyond the document itself."""
    return {
        "lines": _lines(document),
        "role_names": {slug: role.name for slug, role in costs.roles().items()},
        "total": costs.total(document),
        "formula": costing.FORMULA_TEXT,
        "results": RESULTS,
        "next_steps": NEXT_STEPS,
    }


def csv_response(document):
    header = ["Intervention", "Delivered by (role)", "Pupils in the group", "Minutes a session", "Sessions a week"]
    header += ["Weeks", "Resources per pupil (£)", "Hourly rate (£)", "On-costs (%)", "Costed on"]
    header += ["Staff hours a week", "Cost per pupil per year (£)"]
    rows = [header]
    for line in document["plan"]["interventions"]:
        snapshot = line["snapshot"]
        rows.append(
            [line["name"], snapshot["role_name"], line["group_size"], line["minutes_per_session"]]
            + [line["sessions_per_week"], line["weeks"], line["resource_cost_per_pupil"], snapshot["hourly_rate"]]
            + [snapshot["on_cost_percent"], line["costing_date"], snapshot["weekly_staff_hours"]]
            + [snapshot["cost_per_pupil_per_year"]]
        )
    rows.append(["Total per pupil per year", *[""] * 10, str(costs.total(document))])
    return spreadsheet(rows, filename(document, "csv"))
