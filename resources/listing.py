"""What lists show of each resource and intervention, read as rows rather than model instances.

The same idea as `categories.listing`: a list reads only the columns its items show (one query, however many items),
and each summary answers the template engine's first lookup (a dictionary lookup) directly. The two statements a
category page runs on every request are written out as SQL, as `categories.listing` explains.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.template.defaultfilters import floatformat

from categories.addresses import slug_urls
from categories.content import Status
from categories.listing import Summary, adding_to_my_list, chosen_levels_and_phases, placeholders, rows, uuid_text
from resources.models import Intervention, Resource

RESOURCE_COLUMNS = ("slug", "uuid", "title", "summary", "kind", "provider")
INTERVENTION_COLUMNS = (
    "slug",
    "uuid",
    "name",
    "summary",
    "evidence_strength",
    "cost_per_pupil_per_year",
    "level__name",
)
RESOURCE_KINDS = dict(Resource.Kind.choices)
EVIDENCE_STRENGTHS = dict(Intervention.EvidenceStrength.choices)


@dataclass(slots=True)
class ResourceSummary(Summary):
    slug: str
    uuid: str  # for "Add to my list"
    title: str
    summary: str
    kind: str
    provider: str
    url: str
    add_url: str

    @property
    def meta(self):
        """“Video · Local authority”: the line under the summary."""
        return " · ".join(part for part in (RESOURCE_KINDS.get(self.kind, self.kind), self.provider) if part)


@dataclass(slots=True)
class InterventionSummary(Summary):
    slug: str
    uuid: str
    name: str
    summary: str
    evidence_strength: str
    cost_per_pupil_per_year: object  # a Decimal, or None where the intervention is not costed
    level_name: str
    url: str
    add_url: str

    @property
    def meta(self):
        """“Targeted · Evidence: strong · about £120 per pupil per year”."""
        evidence = EVIDENCE_STRENGTHS.get(self.evidence_strength, self.evidence_strength).lower()
        parts = [self.level_name, f"Evidence: {evidence}"]
        if self.cost_per_pupil_per_year is not None:
            parts.append(f"about £{floatformat(self.cost_per_pupil_per_year, '0g')} per pupil per year")
        return " · ".join(parts)


def _resource_summaries(rows_read):
    url, adding = slug_urls("resources:resource_detail"), adding_to_my_list()
    summaries = []
    for slug, uuid, *rest in rows_read:
        uuid = uuid_text(uuid)
        summaries.append(ResourceSummary(slug, uuid, *rest, url(slug), f"{adding}{uuid}"))
    return summaries


def _intervention_summaries(rows_read):
    url, adding = slug_urls("resources:intervention_detail"), adding_to_my_list()
    summaries = []
    for slug, uuid, name, summary, evidence_strength, cost, level_name in rows_read:
        uuid = uuid_text(uuid)
        # SQLite gives a decimal column back as a number; Decimal(str()) reads it as its digits say.
        cost = cost if cost is None or isinstance(cost, Decimal) else Decimal(str(cost))
        summaries.append(
            InterventionSummary(
                slug, uuid, name, summary, evidence_strength, cost, level_name, url(slug), f"{adding}{uuid}"
            )
        )
    return summaries


def resource_summaries(resources):
    """Summaries of a queryset (or a slice of one) of resources, in its order."""
    return _resource_summaries(resources.values_list(*RESOURCE_COLUMNS))


def intervention_summaries(interventions):
    """Summaries of a queryset (or a slice of one) of interventions, in its order."""
    return _intervention_summaries(interventions.values_list(*INTERVENTION_COLUMNS))


def resources_linked_to(strategy_ids, limit):
    """Summaries of the first `limit` published resources (by title) linked to any of the strategies `strategy_ids`."""
    if not strategy_ids:
        return []
    statement = (
        "SELECT resource.slug, resource.uuid, resource.title, resource.summary, resource.kind, resource.provider"
        " FROM resources_resource resource WHERE resource.status = %s AND EXISTS (SELECT 1 FROM"
        " resources_strategyresource link WHERE link.resource_id = resource.id"
        f" AND link.strategy_id IN ({placeholders(strategy_ids)}))"
        " ORDER BY resource.title, resource.id LIMIT %s"
    )
    return _resource_summaries(rows(statement, [Status.PUBLISHED, *strategy_ids, limit]))


def interventions_in(category_ids, filters):
    """Summaries of the published interventions suggested on any of the categories `category_ids` that match the
    levels and phases chosen in `filters` (a LevelPhaseFilterForm), by name."""
    if not category_ids:
        return []
    chosen, chosen_params = chosen_levels_and_phases(Intervention, "intervention", filters)
    statement = (
        "SELECT intervention.slug, intervention.uuid, intervention.name, intervention.summary,"
        " intervention.evidence_strength, intervention.cost_per_pupil_per_year, level.name"
        " FROM resources_intervention intervention INNER JOIN categories_level level ON level.id = intervention.level_id"
        " WHERE intervention.status = %s AND EXISTS (SELECT 1 FROM resources_intervention_categories suggested"
        " WHERE suggested.intervention_id = intervention.id"
        f" AND suggested.category_id IN ({placeholders(category_ids)})){chosen}"
        " ORDER BY intervention.name, intervention.id"
    )
    return _intervention_summaries(rows(statement, [Status.PUBLISHED, *category_ids, *chosen_params]))
