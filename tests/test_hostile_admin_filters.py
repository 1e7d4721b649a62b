"""Hostile values in every admin list filter, for every role, never cause a server error.

Beside tests/test_hostile_admin.py (whose helpers and data it uses), in its own file so that a parallel run can
give it to the other worker: each file runs on one.
"""

import pytest

from tests.test_hostile_admin import (  # noqa: F401 - fixtures, found by name
    ROLES,
    _admins,
    _client_as,
    _filter_values,
    _filters,
    _get,
    _no_nav_sidebar,
    _server_errors,
    _url,
    objects,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ROLES)
def test_hostile_values_in_admin_list_filters_never_cause_a_server_error(client, request, objects, role, superuser):  # noqa: F811
    filters = [(model, names) for model, model_admin in _admins() for names in _filters(model_admin, superuser)]
    client = _client_as(client, request, role)
    responses = [
        (f"{_url(model)}?{names[0]}=", value, _get(client, _url(model), dict.fromkeys(names, value)))
        for model, names in filters
        for value in _filter_values(role, names)
    ]
    assert not _server_errors(responses)
