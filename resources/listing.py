"""What lists show of each resource and intervention, read as rows rather than model instances.

The same idea as `categories.listing`: a list reads only the columns its items show (one query, however many items),
and each summary answers the template engine's first lookup (a dictionary lookup) directly.
"""

from dataclasses import dataclass

from django.template.defaultfilters import floatformat

from categories.addresses import slug_url
from categories.listing import Summary
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
    uuid: object  # for "Add to my list"
    title: str
    summary: str
    kind: str
    provider: str

    @property
    def url(self):
        return slug_url("resources:resource_detail", self.slug)

    @property
    def meta(self):
        """“Video · Local authority”: the line under the summary."""
        return " · ".join(part for part in (RESOURCE_KINDS.get(self.kind, self.kind), self.provider) if part)


@dataclass(slots=True)
class InterventionSummary(Summary):
    slug: str
    uuid: object
    name: str
    summary: str
    evidence_strength: str
    cost_per_pupil_per_year: object  # a Decimal, or None where the intervention is not costed
    level_name: str

    @property
    def url(self):
        return slug_url("resources:intervention_detail", self.slug)

    @property
    def meta(self):
        """“Targeted · Evidence: strong · about £120 per pupil per year”."""
        evidence = EVIDENCE_STRENGTHS.get(self.evidence_strength, self.evidence_strength).lower()
        parts = [self.level_name, f"Evidence: {evidence}"]
        if self.cost_per_pupil_per_year is not None:
            parts.append(f"about £{floatformat(self.cost_per_pupil_per_year, '0g')} per pupil per year")
        return " · ".join(parts)


def resource_summaries(resources):
    """Summaries of a queryset (or a slice of one) of resources, in its order."""
    return [ResourceSummary(*row) for row in resources.values_list(*RESOURCE_COLUMNS)]


def intervention_summaries(interventions):
    """Summaries of a queryset (or a slice of one) of interventions, in its order."""
    return [InterventionSummary(*row) for row in interventions.values_list(*INTERVENTION_COLUMNS)]
