"""The plan's form fields. Each is named after the place it fills in the document ("doc.assess.strengths",
"doc.plan.outcomes.0.measure"), so the page posts the whole plan and the server (and, as the teacher types, the
browser's script, static/js/plan.js) folds each field into the document the same way. A value that does not fit
its field is refused with a message and the document keeps what it had."""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from oap_directory.device_documents import clean_text
from planning.document import NEXT_STEPS, RESULTS

PREFIX = "doc."
TEXT, SHORT, DATE, CHOICE, WHOLE, AMOUNT, MONEY, ROLE = (
    "text",
    "short",
    "date",
    "choice",
    "whole",
    "amount",
    "money",
    "role",
)
KINDS = {
    "reference": (SHORT, 60),
    "strengths": (TEXT, 2000),
    "what_we_know": (TEXT, 2000),
    "outcome": (TEXT, 2000),
    "measure": (TEXT, 2000),
    "baseline": (SHORT, 200),
    "target": (SHORT, 200),
    "review_date": (DATE, None),
    "result": (CHOICE, RESULTS),
    "next_step": (CHOICE, NEXT_STEPS),
    "review_notes": (TEXT, 2000),
    "role": (ROLE, None),
    "group_size": (WHOLE, (1, 100)),
    "minutes_per_session": (WHOLE, (1, 600)),
    "sessions_per_week": (AMOUNT, None),
    "weeks": (AMOUNT, None),
    "resource_cost_per_pupil": (MONEY, None),
    "when": (SHORT, 200),
    "start_date": (DATE, None),
    "end_date": (DATE, None),
    "notes": (TEXT, 2000),
    "meeting_date": (DATE, None),
}
EDITABLE = {
    ("reference",),
    ("assess", "strengths"),
    ("assess", "what_we_know"),
    ("do", "start_date"),
    ("do", "end_date"),
    ("do", "notes"),
    ("review", "meeting_date"),
    ("review", "notes"),
}
IN_LISTS = {
    ("plan", "outcomes"): {"outcome", "measure", "baseline", "target", "review_date", "result", "next_step", "review_notes"},
    ("plan", "strategies"): {"role"},
    ("plan", "interventions"): {
        "role", "group_size", "minutes_per_session", "sessions_per_week", "weeks", "resource_cost_per_pupil", "when"
    },
}  # fmt: skip
AMOUNT_PATTERN = re.compile(r"^\d{1,3}(\.\d{1,2})?$")
MONEY_PATTERN = re.compile(r"^\d{1,7}(\.\d{1,2})?$")


@dataclass
class Folded:
    """What a POST changed: the fields refused (name → message, and the value typed, to show again)."""

    errors: dict = field(default_factory=dict)
    typed: dict = field(default_factory=dict)


def _place(document, path):
    """(the dict holding the field, its key) for an editable path, or (None, None)."""
    parts = tuple(path.split("."))
    if parts in EDITABLE:
        holder = document
        for part in parts[:-1]:
            holder = holder[part]
        return holder, parts[-1]
    if len(parts) == 4 and parts[:2] in IN_LISTS and parts[2].isdecimal() and parts[3] in IN_LISTS[parts[:2]]:
        entries = document[parts[0]][parts[1]]
        index = int(parts[2])
        if index < len(entries):
            return entries[index], parts[3]
    return None, None


def convert(key, value, roles):
    """The value as the document keeps it; raises ValueError with a message when it does not fit."""
    kind, rule = KINDS[key]
    value = clean_text(value.replace("\r\n", "\n").replace("\r", "\n"), 5000)  # as the browser's script reads it
    if kind in (TEXT, SHORT):
        return value[:rule]
    if kind == DATE:
        return _date(value)
    if kind == CHOICE:
        return value if value in rule or value == "" else ""
    if kind == ROLE:
        return value if value in roles or value == "" else ""
    if kind == WHOLE:
        low, high = rule
        if not value.isdecimal() or not low <= int(value) <= high:
            raise ValueError(f"Enter a whole number from {low} to {high}")
        return int(value)
    if kind == AMOUNT:
        if not AMOUNT_PATTERN.match(value) or Decimal(value) == 0:
            raise ValueError("Enter a number such as 3 or 2.5 (up to 999)")
        return format(Decimal(value).normalize(), "f")
    if not MONEY_PATTERN.match(value.lstrip("£")):
        raise ValueError("Enter an amount in pounds, such as 12.50")
    return str(Decimal(value.lstrip("£")).quantize(Decimal("0.01")))


UK_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _date(value):
    """A date typed as 21/3/2027 (or 21-03-2027, or 2027-03-21), kept as 2027-03-21."""
    if value == "":
        return ""
    uk, iso = UK_DATE.match(value), ISO_DATE.match(value)
    try:
        if uk:
            return datetime.date(int(uk[3]), int(uk[2]), int(uk[1])).isoformat()
        if iso:
            return datetime.date(int(iso[1]), int(iso[2]), int(iso[3])).isoformat()
    except ValueError:
        pass
    raise ValueError("Enter a real date, for example 21/03/2027")


def shown_date(value):
    """2027-03-21 as 21/03/2027, the way it is typed."""
    match = ISO_DATE.match(value or "")
    return f"{match[3]}/{match[2]}/{match[1]}" if match else value


def fold(document, data, roles):
    """Put each posted field into the document (a dict of lists, e.g. a QueryDict); returns what was refused."""
    folded = Folded()
    for name in data:
        if not name.startswith(PREFIX):
            continue
        holder, key = _place(document, name[len(PREFIX) :])
        if holder is None:
            continue
        value = data.get(name, "")
        try:
            known = roles if key != "role" else {*roles, holder[key]}  # a role whose rate has since ended stays
            holder[key] = convert(key, value, known)
        except (ValueError, InvalidOperation) as error:
            folded.errors[name] = str(error)
            folded.typed[name] = value[:200]
    return folded


def field_id(name):
    return name.replace(".", "-")
