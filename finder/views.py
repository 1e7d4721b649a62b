from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Q
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from categories.content import Status
from categories.models import Phase
from categories.presentation import breadcrumbs
from categories.tree import CategoryTree
from finder import tallies
from finder.forms import FinderForm
from finder.models import Observation
from finder.ranking import suggest

SHOWN = {"strategies": 15, "interventions": 8, "resources": 8}


def _areas(tree):
    """Public areas of need that have published observations, in the council's order."""
    ids = set(Observation.objects.published().order_by().values_list("area_id", flat=True).distinct())
    return sorted(
        (tree.by_id[pk] for pk in ids if pk in tree.by_id and tree.is_public(tree.by_id[pk])),
        key=lambda area: (area.order, area.name),
    )


def _to_notice(form, seen):
    """The observations to tick, grouped by area (strengths last in each) and sub-area: those in the chosen areas
    and the areas of anything already ticked, and the common ones when the teacher is not sure."""
    observations = Observation.objects.published().with_published_links().select_related("sub_area")
    wanted = Q(area_id__in={area.pk for area in form.chosen_areas} | {observation.area_id for observation in seen})
    if form.is_not_sure:
        wanted |= Q(is_common=True)
    observations = observations.filter(wanted)
    if form.chosen_phases:
        phases = Q(phases__slug__in=form.chosen_phases) | Q(phases__isnull=True)
        observations = observations.filter(pk__in=Observation.objects.filter(phases).values("pk"))
    return _grouped(observations, form.areas)


def _grouped(observations, areas):
    groups = {area.pk: {"area": area, "sub_areas": {}, "strengths": []} for area in areas}
    for observation in observations.order_by("sub_area__order", "sub_area__name", "order", "text"):
        group = groups.get(observation.area_id)
        if group is None:
            continue
        if observation.is_strength:
            group["strengths"].append(observation)
        else:
            sub_area = observation.sub_area
            if sub_area is not None and sub_area.status != Status.PUBLISHED:  # its area is public: it need not be
                sub_area = None
            group["sub_areas"].setdefault(sub_area, []).append(observation)
    return [
        {**group, "sub_areas": list(group["sub_areas"].items())}
        for group in groups.values()
        if group["sub_areas"] or group["strengths"]
    ]


def _results(form, seen):
    results = suggest(seen, phases=form.chosen_phases)
    return {
        "results": results,
        "shown": {name: getattr(results, name)[:limit] for name, limit in SHOWN.items()},
        "share_url": f"{settings.SITE_URL}{reverse('finder:finder')}?{form.query(seen)}",
        "change_url": f"?{form.query(seen, step='notice')}",
        "plan_query": urlencode({"seen": [str(observation.uuid) for observation in seen]}, doseq=True),
    }


@require_GET
@cache_control(private=True, no_cache=True)
def finder(request):
    """Never cached, and never a cookie: the address holds the whole selection (observation identities only)."""
    tree = CategoryTree.for_request(request)
    form = FinderForm(request.GET, _areas(tree), list(Phase.objects.active()))
    seen = form.seen()
    step = form.current_step(seen)
    context = {"form": form, "seen": seen, "step": step, "seen_ids": {obs.pk for obs in seen}, "nav_active": "finder"}
    if request.GET.get("part") == "results":
        return render(request, "finder/_results.html", context | _results(form, seen))
    if step == "notice":
        context["groups"] = _to_notice(form, seen)
    elif step == "results":
        context |= _results(form, seen)
        tallies.count(seen)
    context["breadcrumbs"] = breadcrumbs(("What are you noticing?", None))
    context["areas_url"] = f"?{form.query(seen, step='areas')}"
    return render(request, "finder/finder.html", context)
