"""The one cost formula, in `Decimal`, rounded half-up to the penny once, at the end.

cost per pupil per year = hourly rate × (1 + on-cost %) × hours per session × sessions per week × weeks ÷ group size
                          + resource cost per pupil

Everything that shows a cost (intervention pages, the plan, the provision map) works it out here and shows
FORMULA_TEXT beside it. The rate is the staff role's rate on the costing date (StaffRole.objects.current(on=…)).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

from django.utils import timezone

PENNY = Decimal("0.01")
FORMULA_TEXT = (
    "Cost per pupil per year = the staff role’s hourly rate × (1 + on-costs) × hours per session × sessions per "
    "week × weeks ÷ pupils in the group + resources per pupil, rounded to the nearest penny at the end."
)


@dataclass(frozen=True)
class CostingInputs:
    hourly_rate: Decimal
    on_cost_percent: Decimal
    minutes_per_session: int
    sessions_per_week: Decimal
    weeks: Decimal
    group_size: int
    resource_cost_per_pupil: Decimal = Decimal("0")


def _money(value):
    return value.quantize(PENNY, rounding=ROUND_HALF_UP)


def cost_per_pupil_per_year(inputs: CostingInputs) -> Decimal:
    """The formula, in pounds: exact products, one division, then rounded half-up to the penny once at the end."""
    if inputs.group_size < 1:
        raise ValueError("A group has at least one pupil.")
    with localcontext(prec=60):
        staff = (
            Decimal(inputs.hourly_rate)
            * (100 + Decimal(inputs.on_cost_percent))
            * inputs.minutes_per_session
            * Decimal(inputs.sessions_per_week)
            * Decimal(inputs.weeks)
        )
        exact = staff / (100 * 60 * inputs.group_size) + Decimal(inputs.resource_cost_per_pupil)
        return _money(exact)


def weekly_staff_minutes(inputs) -> Decimal:
    """Staff minutes a week one group takes: exact, so that sums over many lines compare exactly with a cap."""
    return Decimal(inputs.minutes_per_session) * Decimal(inputs.sessions_per_week)


def weekly_staff_hours(inputs) -> Decimal:
    """Staff hours a week one group takes (for the weekly hour caps)."""
    with localcontext(prec=40):
        return weekly_staff_minutes(inputs) / 60


def over_cap(hours, cap):
    """Whether weekly hours go over a cap; no cap (None or 0) is never exceeded."""
    return bool(cap) and Decimal(hours) > Decimal(cap)


def _number(value):
    """3, 2.5 — not 3.0 or 2.50."""
    text = format(Decimal(value).normalize(), "f")
    return text


def worked_example(inputs, total=None):
    """The formula with this item's numbers in it, e.g. “£14.00 an hour × (1 + 0%) × 30 minutes … = £199.50”."""
    total = cost_per_pupil_per_year(inputs) if total is None else total
    pupils = "pupil" if inputs.group_size == 1 else "pupils"
    return (
        f"£{_money(Decimal(inputs.hourly_rate))} an hour × (1 + {_number(inputs.on_cost_percent)}% on-costs) × "
        f"{inputs.minutes_per_session} minutes a session × {_number(inputs.sessions_per_week)} sessions a week × "
        f"{_number(inputs.weeks)} weeks ÷ {inputs.group_size} {pupils} + "
        f"£{_money(Decimal(inputs.resource_cost_per_pupil))} resources per pupil = £{total} per pupil per year"
    )


def inputs_for(intervention, on=None) -> CostingInputs | None:
    """An intervention's costing inputs with its staff role's rate valid on `on` (default today), or None when it
    has no costing inputs or the role has no rate valid on that date."""
    from resources.models import CostingPolicy, StaffRole

    if not intervention.has_costing_inputs:
        return None
    on = on or timezone.localdate()
    role = StaffRole.objects.rate_for(intervention.staff_role.slug, on)
    if role is None:
        return None
    weeks = intervention.weeks if intervention.weeks is not None else CostingPolicy.load().weeks_per_year
    return CostingInputs(
        hourly_rate=role.hourly_rate,
        on_cost_percent=role.on_cost_percent,
        minutes_per_session=intervention.minutes_per_session,
        sessions_per_week=intervention.sessions_per_week,
        weeks=weeks,
        group_size=intervention.pupils_per_group,
        resource_cost_per_pupil=intervention.resource_cost_per_pupil,
    )


def inputs_from_document(rate, line) -> CostingInputs:
    """The inputs of a costing line in a plan or provision map: the rate it kept (`hourly_rate`, `on_cost_percent`)
    and its figures, as the downloaded documents hold them (numbers written as text)."""
    return CostingInputs(
        hourly_rate=Decimal(rate["hourly_rate"]),
        on_cost_percent=Decimal(rate["on_cost_percent"]),
        minutes_per_session=line["minutes_per_session"],
        sessions_per_week=Decimal(line["sessions_per_week"]),
        weeks=Decimal(line["weeks"]),
        group_size=line["group_size"],
        resource_cost_per_pupil=Decimal(line["resource_cost_per_pupil"]),
    )


RECALCULATED = "Cost worked out again with the current rates and policy"


def recompute_intervention_costs(on=None):
    """Every costed intervention's stored cost, worked out again with today's rates and policy (after a rate or
    the policy changes, and daily so that a rate that starts today applies). Returns how many changed."""
    from categories.history import record_version
    from resources.models import Intervention

    changed = 0
    for intervention in Intervention.objects.filter(staff_role__isnull=False).select_related("staff_role"):
        inputs = inputs_for(intervention, on)
        cost = cost_per_pupil_per_year(inputs) if inputs else None
        if cost is not None and cost != intervention.cost_per_pupil_per_year:
            # A changed figure is a change to the item: open-data feeds ("updated since") must see it.
            updated_at = timezone.now()
            Intervention.objects.filter(pk=intervention.pk).update(cost_per_pupil_per_year=cost, updated_at=updated_at)
            intervention.updated_at = updated_at
            intervention.cost_per_pupil_per_year = cost
            record_version(intervention, reason=RECALCULATED)  # history shows when and why the figure changed
            changed += 1
    return changed
