"""A school's provision map as a document: the provision it runs, costed line by line, totalled by area of need,
by level of support and overall, with the cost so far this academic year and the staff hours each role gives.

The server never stores a map (oap_directory/device_documents.py). A line keeps a snapshot of its staff role's
rate from the day it was added, so a council's later change of rate only affects new lines until the school
chooses “Use today's rates”. Lines hold a pupil count only: never a name. Costs use the one formula in
resources/costing.py.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import timezone

from oap_directory.device_documents import DocumentKind, clean_text
from resources import costing
from resources.costing import CostingInputs

SCHEMA_VERSION = 1
KIND = DocumentKind("provision-map.schema.json", SCHEMA_VERSION, "a provision map")
MAX_LINES = 200
NAME_LIMIT = 200
# Each editable number on a line: (lowest, highest, whole numbers only)
NUMBERS = {
    "groups": (1, 50, True),
    "group_size": (1, 60, True),
    "pupils": (0, 3000, True),
    "minutes_per_session": (1, 600, True),
    "sessions_per_week": (Decimal("0.1"), Decimal("50"), False),
    "weeks": (Decimal("0.5"), Decimal("52"), False),
    "resource_cost_per_pupil": (Decimal("0"), Decimal("99999.99"), False),
}
LABELS = {
    "groups": "number of groups",
    "group_size": "pupils in a group",
    "pupils": "number of pupils",
    "minutes_per_session": "minutes a session",
    "sessions_per_week": "sessions a week",
    "weeks": "weeks",
    "resource_cost_per_pupil": "resources per pupil",
}


def new(council, school=""):
    return {
        "schema_version": SCHEMA_VERSION,
        "council": clean_text(council, 200),
        "school": clean_text(school, 150),
        "role_caps": {},
        "lines": [],
    }


def role_snapshot(role, on):
    """What a line keeps of its staff role: the rate as it was on the day it was costed."""
    return {
        "slug": role.slug,
        "name": role.name,
        "hourly_rate": f"{role.hourly_rate:.2f}",
        "on_cost_percent": f"{role.on_cost_percent:.2f}",
        "rate_date": on.isoformat(),
    }


def _text_number(value):
    return format(Decimal(value).normalize(), "f")


def line_from_intervention(intervention, role, weeks_per_year, area, on):
    """A new line for a library intervention, with its costing inputs where it has them."""
    size = intervention.pupils_per_group or 1
    weeks = intervention.weeks if intervention.weeks is not None else weeks_per_year
    return {
        "name": intervention.name[:NAME_LIMIT],
        "intervention": str(intervention.uuid),
        "area": area,
        "level": intervention.level.name if intervention.level_id else "",
        "groups": 1,
        "group_size": size,
        "pupils": size,
        "minutes_per_session": intervention.minutes_per_session or 30,
        "sessions_per_week": _text_number(intervention.sessions_per_week or 1),
        "weeks": _text_number(weeks),
        "resource_cost_per_pupil": f"{intervention.resource_cost_per_pupil:.2f}",
        "role": role_snapshot(role, on),
    }


def own_line(name, area, level, role, weeks_per_year, on):
    """A new line for provision the school runs that is not in the council's library."""
    return {
        "name": clean_text(name, NAME_LIMIT),
        "intervention": "",
        "area": area,
        "level": level,
        "groups": 1,
        "group_size": 1,
        "pupils": 1,
        "minutes_per_session": 30,
        "sessions_per_week": "1",
        "weeks": _text_number(weeks_per_year),
        "resource_cost_per_pupil": "0.00",
        "role": role_snapshot(role, on),
    }


def parse_number(name, text):
    """A posted number for field `name`, or raise ValueError with a message a teacher can act on."""
    low, high, whole = NUMBERS[name]
    text = (text or "").strip().removeprefix("£")
    try:
        value = Decimal(text)
    except (InvalidOperation, ValueError):
        value = None
    if value is None or not value.is_finite() or (whole and value != value.to_integral_value()):
        kind = "a whole number" if whole else "a number"
        raise ValueError(f"Enter {kind} for {LABELS[name]}, from {low} to {high}.")
    if not low <= value <= high:
        raise ValueError(f"Enter {LABELS[name]} from {low} to {high}.")
    if whole:
        return int(value)
    if name == "resource_cost_per_pupil":
        return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):.2f}"
    return _text_number(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def inputs(line):
    """The line's figures for the formula, with its role's rate as it was kept."""
    return costing.inputs_from_document(line["role"], line)


def weeks_so_far(year_start, today):
    """Whole weeks from the academic year's first day to today."""
    return Decimal(max(0, (today - year_start).days) // 7)


def pounds(value):
    return f"£{value:,.2f}"


@dataclass
class Line:
    number: int
    data: dict
    cost_per_pupil: Decimal
    projected: Decimal
    to_date: Decimal
    weekly_minutes: Decimal
    explanation: str

    @property
    def summary_rows(self):
        """The line as the costs section shows it (a summary list: it fits a phone where a wide table would not)."""
        data, role = self.data, self.data["role"]
        groups = f"{data['groups']} group{'s' if data['groups'] != 1 else ''} of {data['group_size']}"
        delivery = (
            f"{groups}, {data['minutes_per_session']} minutes × {data['sessions_per_week']} a week for "
            f"{data['weeks']} weeks; {role['name']} at £{role['hourly_rate']} an hour (rate of {role['rate_date']})"
        )
        return [
            {"key": "Area of need", "value": data["area"] or "Not given"},
            {"key": "Level of support", "value": data["level"] or "Not given"},
            {"key": "Delivery", "value": delivery},
            {"key": "Pupils", "value": data["pupils"]},
            {"key": "Cost per pupil per year", "value": pounds(self.cost_per_pupil)},
            {"key": "Cost to date", "value": pounds(self.to_date)},
            {"key": "Projected for the year", "value": pounds(self.projected)},
        ]


@dataclass
class Total:
    name: str
    pupils: int = 0
    to_date: Decimal = Decimal("0.00")
    projected: Decimal = Decimal("0.00")

    def add(self, line):
        self.pupils += line.data["pupils"]
        self.to_date += line.to_date
        self.projected += line.projected


@dataclass
class RoleHours:
    slug: str
    name: str
    minutes: Decimal = Decimal("0")
    cap: Decimal | None = None

    @property
    def hours(self):
        return (self.minutes / 60).quantize(Decimal("0.01"))

    @property
    def is_over(self):
        return costing.over_cap(self.minutes, self.cap * 60 if self.cap is not None else None)


@dataclass
class ProvisionMap:
    document: dict
    year_start: date
    today: date
    lines: list = field(default_factory=list)
    by_area: list = field(default_factory=list)
    by_level: list = field(default_factory=list)
    overall: Total = None
    roles: list = field(default_factory=list)

    @property
    def weeks_so_far(self):
        return weeks_so_far(self.year_start, self.today)

    @property
    def over_cap(self):
        return [role for role in self.roles if role.is_over]


def cost_line(number, data, weeks_done):
    line_inputs = inputs(data)
    per_pupil = costing.cost_per_pupil_per_year(line_inputs)
    so_far = CostingInputs(**(line_inputs.__dict__ | {"weeks": min(weeks_done, line_inputs.weeks)}))
    return Line(
        number=number,
        data=data,
        cost_per_pupil=per_pupil,
        projected=per_pupil * data["pupils"],
        to_date=costing.cost_per_pupil_per_year(so_far) * data["pupils"],
        weekly_minutes=costing.weekly_staff_minutes(line_inputs) * data["groups"],
        explanation=costing.worked_example(line_inputs, per_pupil),
    )


def build(document, policy, today=None):
    """The map with every line costed and the totals, hours and warnings worked out."""
    today = today or timezone.localdate()
    year_start = policy.year_start(today)
    result = ProvisionMap(document=document, year_start=year_start, today=today)
    weeks_done = weeks_so_far(year_start, today)
    result.lines = [cost_line(n, data, weeks_done) for n, data in enumerate(document["lines"], 1)]
    areas, levels, roles = {}, {}, {}
    result.overall = Total("All provision")
    for line in result.lines:
        areas.setdefault(line.data["area"] or "Not given", Total(line.data["area"] or "Not given")).add(line)
        levels.setdefault(line.data["level"] or "Not given", Total(line.data["level"] or "Not given")).add(line)
        result.overall.add(line)
        role = line.data["role"]
        hours = roles.setdefault(role["slug"], RoleHours(role["slug"], role["name"]))
        hours.minutes += line.weekly_minutes
    for hours in roles.values():
        school_cap = document["role_caps"].get(hours.slug)
        hours.cap = Decimal(school_cap) if school_cap else policy.weekly_hour_cap
    result.by_area, result.by_level = list(areas.values()), list(levels.values())
    result.roles = sorted(roles.values(), key=lambda role: role.name)
    return result


def apply_lines(document, data, roles):
    """Changes typed into the line fields and the school's role caps. Returns messages for values that could not
    be used (the value kept is the one before)."""
    errors = []
    for number, line in enumerate(document["lines"], 1):
        prefix = f"line-{number}-"
        if f"{prefix}name" in data and clean_text(data[f"{prefix}name"], NAME_LIMIT):
            line["name"] = clean_text(data[f"{prefix}name"], NAME_LIMIT)
        for name in ("area", "level"):
            if f"{prefix}{name}" in data:
                line[name] = clean_text(data[f"{prefix}{name}"], 150)
        for name in NUMBERS:
            if f"{prefix}{name}" not in data:
                continue
            try:
                line[name] = parse_number(name, data[f"{prefix}{name}"])
            except ValueError as error:
                errors.append((f"{prefix}{name}", f"Line {number} ({line['name']}): {error}"))
        slug = data.get(f"{prefix}role", line["role"]["slug"])
        if slug != line["role"]["slug"] and slug in roles:
            line["role"] = role_snapshot(roles[slug], timezone.localdate())
    for slug in list(document["role_caps"]) + [slug for slug in roles if slug not in document["role_caps"]]:
        name = f"cap-{slug}"
        if name not in data:
            continue
        text = data[name].strip()
        if not text:
            document["role_caps"].pop(slug, None)
            continue
        try:
            value = Decimal(text)
            if not value.is_finite() or not Decimal("0") <= value <= Decimal("100"):
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            errors.append((name, "Enter the weekly hours as a number from 0 to 100, or leave it empty."))
            continue
        document["role_caps"][slug] = _text_number(value.quantize(Decimal("0.1")))
    return errors


def update_rates(document, roles, today):
    """Every line's staff role at today's rate (a role with no rate today keeps the rate it had)."""
    for line in document["lines"]:
        role = roles.get(line["role"]["slug"])
        if role is not None:
            line["role"] = role_snapshot(role, today)


def stale_lines(document, roles, today):
    """Lines whose kept rate differs from the council's rate today, with today's rate: to offer an update."""
    changed = []
    for number, line in enumerate(document["lines"], 1):
        role = roles.get(line["role"]["slug"])
        if role is None:
            continue
        now = role_snapshot(role, today)
        kept = line["role"]
        if (now["hourly_rate"], now["on_cost_percent"]) != (kept["hourly_rate"], kept["on_cost_percent"]):
            changed.append((number, line, now))
    return changed


def csv_rows(provision_map):
    yield [
        "Line", "Provision", "Area of need", "Level of support", "Staff role", "Hourly rate (£)", "On-costs (%)",
        "Groups", "Pupils in a group", "Minutes a session", "Sessions a week", "Weeks", "Resources per pupil (£)",
        "Pupils", "Cost per pupil per year (£)", "Projected cost for the year (£)", "Cost to date (£)",
    ]  # fmt: skip
    for line in provision_map.lines:
        data, role = line.data, line.data["role"]
        yield [
            line.number, data["name"], data["area"], data["level"], role["name"], role["hourly_rate"],
            role["on_cost_percent"], data["groups"], data["group_size"], data["minutes_per_session"],
            data["sessions_per_week"], data["weeks"], data["resource_cost_per_pupil"], data["pupils"],
            f"{line.cost_per_pupil:.2f}", f"{line.projected:.2f}", f"{line.to_date:.2f}",
        ]  # fmt: skip
    total = provision_map.overall
    yield []
    yield ["Total", "", "", "", "", "", "", "", "", "", "", "", "", total.pupils, "", f"{total.projected:.2f}",
           f"{total.to_date:.2f}"]  # fmt: skip
