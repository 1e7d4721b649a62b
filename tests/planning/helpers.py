from decimal import Decimal

from oap_directory.device_documents import canonical
from tests.factories import make_intervention, make_staff_role
from tests.selfreview.test_tool import embedded_document

__all__ = ["embedded_document"]

URL = "/plan/"


def post(client, document, **data):
    return client.post(URL, {"document": canonical(document), **data})


def started(client):
    return embedded_document(client.post(URL, {"step": "start"}))


def teaching_assistant(**overrides):
    fields = {"name": "Teaching assistant", "slug": "teaching-assistant", "hourly_rate": Decimal("14.00")}
    return make_staff_role(**(fields | overrides))


def reading_group(role, **overrides):
    """The costing fixture: three 30-minute sessions a week for 38 weeks, a group of 4 → £199.50 per pupil."""
    fields = {
        "name": "Reading catch-up group",
        "staff_role": role,
        "pupils_per_group": 4,
        "minutes_per_session": 30,
        "sessions_per_week": Decimal("3"),
        "weeks": Decimal("38"),
        "resource_cost_per_pupil": Decimal("0"),
    }
    return make_intervention(**(fields | overrides))
