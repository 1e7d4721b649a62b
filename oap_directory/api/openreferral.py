"""The Open Referral UK feed: the published interventions that are local services, as ORUK services.

Follows the ORUK profile version 3.0 (HSDS 3.0 with the UK extensions): `/openreferral/` describes the API,
`/openreferral/services` lists services (paginated as the profile's Page), `/openreferral/services/{id}` is one
service, fully nested. docs/openreferral-uk-service.schema.json is our JSON Schema of what the profile's
compiled service schema requires, and the tests validate every answer against it.
"""

import uuid
from datetime import UTC, datetime

from django.http import Http404
from django.urls import reverse
from django.utils.html import strip_tags
from ninja import NinjaAPI, Query

from oap_directory.api import items
from resources.models import Intervention

PROFILE_VERSION = "3.0"
PROFILE_URL = "https://open-referral-uk-profile.readthedocs.io/"
MAX_PER_PAGE = 100
NAMESPACE = uuid.UUID("6f5d3a5e-8c1b-4f63-9a57-2d3e0b7c9a41")  # makes stable ids for organisations and parts

PAGE = Query(1, ge=1, description="1-based page number.")
PER_PAGE = Query(20, ge=1, le=MAX_PER_PAGE, description="Services per page, at most 100.")
MODIFIED_AFTER = Query(None, description="Only services changed at or after this time (ISO 8601; UTC if no zone).")

oruk = NinjaAPI(
    title="OAP Directory: Open Referral UK services",
    version=PROFILE_VERSION,
    description=f"Local services from this directory, following the Open Referral UK profile {PROFILE_VERSION}.",
    urls_namespace="openreferral",
    docs_url=None,
    openapi_url="/openapi.json",
)


def _stable_id(*parts):
    return str(uuid.uuid5(NAMESPACE, "|".join(parts)))


def _timestamp(moment):
    """With millisecond accuracy, in UTC, as the profile asks."""
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def services():
    """Published interventions marked as local services."""
    return Intervention.objects.published().filter(is_local_service=True).order_by("name", "pk")


def _organisation(intervention, site):
    organisation = {
        "id": _stable_id("organization", intervention.provider_name.strip().lower()),
        "name": intervention.provider_name,
        "description": f"{intervention.provider_name} provides “{intervention.name}” for schools in "
        f"{site.council_name}'s area.",
    }
    if intervention.provider_website:
        organisation["website"] = intervention.provider_website
    return organisation


def _description(intervention):
    body = " ".join(strip_tags(intervention.description).split())
    return f"{intervention.summary}\n\n{body}".strip()


def service_data(intervention, site, nested=True):
    """One intervention as an ORUK service; `nested` adds the organisation, contacts and cost options."""
    service_id = str(intervention.uuid)
    organisation = _organisation(intervention, site)
    data = {
        "id": service_id,
        "organization_id": organisation["id"],
        "name": intervention.name,
        "description": _description(intervention),
        "url": items.absolute(intervention.get_absolute_url()),
        "status": "active",
        "last_modified": _timestamp(intervention.updated_at),
    }
    if intervention.contact_email:
        data["email"] = intervention.contact_email
    if intervention.last_reviewed_at:
        data["assured_date"] = intervention.last_reviewed_at.isoformat()
    if not nested:
        return data
    data["organization"] = organisation
    data["contacts"] = []
    if intervention.contact_name:
        data["contacts"].append(
            {"id": _stable_id("contact", service_id), "service_id": service_id, "name": intervention.contact_name}
        )
    data["cost_options"] = []
    if intervention.cost_per_pupil_per_year is not None:
        data["cost_options"].append(
            {
                "id": _stable_id("cost_option", service_id),
                "service_id": service_id,
                "option": "Per pupil",
                "amount": float(intervention.cost_per_pupil_per_year),
                "amount_description": "Indicative cost per pupil per academic year, in pounds",
            }
        )
    return data


@oruk.get("/", url_name="index", summary="About this API")
def index(request):
    return {
        "version": PROFILE_VERSION,
        "profile": PROFILE_URL,
        "openapi_url": items.absolute(reverse("openreferral:openapi-json")),
    }


@oruk.get("/services", url_name="service_list", summary="Local services, paginated")
def service_list(
    request,
    page: int = PAGE,
    per_page: int = PER_PAGE,
    modified_after: datetime | None = MODIFIED_AFTER,
):
    rows = services()
    if modified_after is not None:
        rows = rows.filter(updated_at__gte=modified_after.replace(tzinfo=modified_after.tzinfo or UTC))
    total = rows.count()
    pages = max(1, -(-total // per_page))
    chosen = list(rows[(page - 1) * per_page : page * per_page]) if page <= pages else []
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(chosen),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": total == 0,
        "contents": [service_data(intervention, request.site, nested=False) for intervention in chosen],
    }


@oruk.get("/services/{service_id}", url_name="service_detail", summary="One service, fully nested")
def service_detail(request, service_id: str):
    try:
        key = uuid.UUID(service_id)
    except ValueError:
        raise Http404 from None
    intervention = services().filter(uuid=key).first()
    if intervention is None:
        raise Http404
    return service_data(intervention, request.site)
