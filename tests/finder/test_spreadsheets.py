"""Observations to and from spreadsheets, by slug: new rows are drafts; links are exported, never imported."""

import pytest
import tablib

from categories.content import Status
from finder.models import Observation
from finder.spreadsheets import ObservationSpreadsheet
from tests.factories import make_category, make_observation, make_strategy

pytestmark = pytest.mark.django_db
HEADERS = ["slug", "text", "kind", "area", "sub_area", "phases", "synonyms", "is_common", "order"]


@pytest.fixture
def semh():
    return make_category(slug="semh")


def test_export_lists_areas_and_links_by_slug(semh):
    make_observation(slug="calls-out", area=semh, links=[(make_strategy(slug="whiteboards"), 3)])
    exported = ObservationSpreadsheet().export().csv
    assert "calls-out" in exported and "semh" in exported and "strategy:whiteboards (3)" in exported


def test_import_creates_drafts_and_refuses_unknown_areas(semh):
    rows = [["walks-around", "Walks around the room", "difficulty", "semh", "", "", "wanders", "", 0]]
    result = ObservationSpreadsheet().import_data(tablib.Dataset(*rows, headers=HEADERS))
    assert not result.has_validation_errors() and not result.has_errors()
    assert Observation.objects.get(slug="walks-around").status == Status.DRAFT

    rows = [["hums", "Hums", "difficulty", "nowhere", "", "", "", "", 0]]
    result = ObservationSpreadsheet().import_data(tablib.Dataset(*rows, headers=HEADERS))
    assert result.has_validation_errors() or result.has_errors()
    assert not Observation.objects.filter(slug="hums").exists()
