"""Anonymous monthly counts of how often each intervention was added to a plan: the only thing the plan builder
stores. Nothing about the teacher, the pupil or the plan: one number per intervention per month."""

from finder.tallies import add_one_each, this_month
from planning.models import PlanTally


def count(interventions):
    """Add one to this month's count of each intervention added to a plan."""
    add_one_each(PlanTally, "intervention", interventions)


def most_added(month=None, limit=10):
    """This month's interventions most often added to plans, for the editors' dashboard."""
    return list(
        PlanTally.objects.filter(month=month or this_month())
        .select_related("intervention")
        .order_by("-count", "intervention__name")[:limit]
    )
