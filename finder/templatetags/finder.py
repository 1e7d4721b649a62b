from django import template
from django.urls import reverse

from finder import tallies
from finder.models import Observation

register = template.Library()

ORPHANS_SHOWN = 10


@register.inclusion_tag("finder/admin/dashboard.html", takes_context=True)
def finder_dashboard(context):
    """For the admin home: observations that lead nowhere, and this month's most ticked (anonymous counts)."""
    user = context["request"].user
    if not user.has_perm("finder.view_observation"):
        return {"show": False}
    orphans = list(Observation.objects.orphans().order_by("text")[: ORPHANS_SHOWN + 1])
    return {
        "show": True,
        "orphans": orphans[:ORPHANS_SHOWN],
        "more_orphans": len(orphans) > ORPHANS_SHOWN,
        "orphans_url": reverse("admin:finder_observation_changelist") + "?links=orphans",
        "most_ticked": tallies.most_ticked(),
    }


PANEL_OBSERVATIONS = 3


@register.inclusion_tag("finder/noticing_panel.html")
def noticing_panel(observations):
    """Beside search results: the observations search matched (best first), with a link into the finder."""
    observations = list(observations or [])[:PANEL_OBSERVATIONS]
    seen = "&".join(f"seen={observation.uuid}" for observation in observations)
    return {"observations": observations, "finder_url": reverse("finder:finder") + f"?{seen}"}
