from django import template

from planning import tallies
from planning.fields import shown_date

register = template.Library()


@register.inclusion_tag("planning/admin/dashboard.html", takes_context=True)
def planning_dashboard(context):
    """For the admin home: the interventions most often added to plans this month (anonymous counts)."""
    if not context["request"].user.has_perm("planning.view_plantally"):
        return {"show": False}
    return {"show": True, "most_added": tallies.most_added()}


@register.filter
def uk_date(value):
    """2027-03-21 as 21/03/2027."""
    return shown_date(value)
