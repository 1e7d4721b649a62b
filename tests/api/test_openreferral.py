"""The Open Referral UK feed: local services only, valid against our schema of the ORUK profile."""

import json
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings as django_settings

from categories.content import Status
from tests.factories import make_intervention, make_level

pytestmark = pytest.mark.django_db

SCHEMA = json.loads((Path(django_settings.BASE_DIR) / "docs" / "openreferral-uk-service.schema.json").read_text())
SERVICE = jsonschema.Draft202012Validator(SCHEMA)
PAGE = jsonschema.Draft202012Validator({"$ref": "#/$defs/page", "$defs": SCHEMA["$defs"]})


def _local_service(**overrides):
    fields = {
        "is_local_service": True,
        "provider_name": "Northbrook Speech and Language Therapy Service",
        "provider_website": "https://slt.northbrook.example",
        "contact_name": "Schools outreach team",
        "contact_email": "outreach@slt.northbrook.example",
    }
    return make_intervention(**(fields | overrides))


def _errors(validator, data):
    return [f"{list(error.path)}: {error.message}" for error in validator.iter_errors(data)]


def test_index_names_the_profile_version(client):
    body = client.get("/openreferral/").json()
    assert body["version"] == "3.0"
    assert body["openapi_url"].endswith("/openreferral/openapi.json")
    assert SCHEMA["$id"].endswith("/3.0")


def test_only_published_local_services_are_listed(client):
    service = _local_service()
    make_intervention()  # not a local service: the flag is off by default
    _local_service(status=Status.DRAFT)
    _local_service(status=Status.ARCHIVED)
    body = client.get("/openreferral/services").json()
    assert _errors(PAGE, body) == []
    assert [item["id"] for item in body["contents"]] == [str(service.uuid)]
    assert body["total_items"] == 1 and body["first_page"] and body["last_page"] and not body["empty"]


def test_a_service_is_fully_nested_and_valid(client):
    service = _local_service(cost_per_pupil_per_year=312.5, level=make_level(is_costed=True))
    body = client.get(f"/openreferral/services/{service.uuid}").json()
    assert _errors(SERVICE, body) == []
    assert body["name"] == service.name
    assert body["status"] == "active"
    assert body["url"].endswith(f"/interventions/{service.slug}/")
    assert body["email"] == "outreach@slt.northbrook.example"
    assert body["organization"]["name"] == "Northbrook Speech and Language Therapy Service"
    assert body["organization_id"] == body["organization"]["id"]
    assert body["contacts"][0]["name"] == "Schools outreach team"
    assert body["cost_options"][0]["amount"] == 312.5


def test_uncosted_service_has_no_cost_options(client):
    service = _local_service(level=make_level(is_costed=False), cost_per_pupil_per_year=None)
    body = client.get(f"/openreferral/services/{service.uuid}").json()
    assert _errors(SERVICE, body) == []
    assert body["cost_options"] == []


def test_the_same_provider_is_one_organisation(client):
    first, second = _local_service(), _local_service()
    ids = {client.get(f"/openreferral/services/{s.uuid}").json()["organization"]["id"] for s in (first, second)}
    assert len(ids) == 1


def test_unpublished_or_not_local_services_are_not_found(client):
    for intervention in [_local_service(status=Status.IN_REVIEW), make_intervention()]:
        assert client.get(f"/openreferral/services/{intervention.uuid}").status_code == 404
    assert client.get("/openreferral/services/not-a-uuid").status_code == 404


def test_services_are_paginated_with_at_most_100_a_page(client):
    for _ in range(3):
        _local_service()
    body = client.get("/openreferral/services?per_page=2&page=2").json()
    assert _errors(PAGE, body) == []
    assert (body["size"], body["total_pages"], body["last_page"], body["first_page"]) == (1, 2, True, False)
    assert client.get("/openreferral/services?per_page=101").status_code == 422


def test_the_schema_refuses_a_service_missing_what_the_profile_requires():
    assert _errors(SERVICE, {"id": "3f7b145d-84af-42d7-8fae-eaca714b02b2", "name": "A service"}) != []
    assert _errors(SERVICE, {"id": "x", "name": "A service", "status": "active"}) != []
    assert _errors(SERVICE, {"id": "3f7b145d-84af-42d7-8fae-eaca714b02b2", "name": "A", "status": "open"}) != []


def test_a_local_service_needs_a_provider():
    from django.core.exceptions import ValidationError

    intervention = make_intervention(level=make_level(is_costed=False), cost_per_pupil_per_year=None)
    intervention.is_local_service = True
    with pytest.raises(ValidationError) as raised:
        intervention.full_clean()
    assert "provider_name" in raised.value.message_dict


def test_the_intervention_page_shows_the_provider_and_contact(client):
    service = _local_service()
    page = client.get(f"/interventions/{service.slug}/").content.decode()
    assert "Northbrook Speech and Language Therapy Service" in page
    assert 'href="mailto:outreach@slt.northbrook.example"' in page
    assert "Schools outreach team" in page


def test_services_modified_after_a_time(client):
    from datetime import timedelta

    service = _local_service()
    later = (service.updated_at + timedelta(seconds=1)).isoformat().replace("+00:00", "Z")
    earlier = (service.updated_at - timedelta(seconds=1)).isoformat().replace("+00:00", "Z")
    assert client.get(f"/openreferral/services?modified_after={later}").json()["total_items"] == 0
    assert client.get(f"/openreferral/services?modified_after={earlier}").json()["total_items"] == 1
