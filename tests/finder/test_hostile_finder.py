"""The finder's own parameters against the shared hostile values: never a 500, on either database.
(tests/test_hostile_inputs.py covers /finder/ with the site-wide parameters.)"""

import pytest

from tests.factories import make_category, make_observation, make_strategy
from tests.test_hostile_inputs import HOSTILE_VALUES, _safe

pytestmark = pytest.mark.django_db


def test_hostile_finder_parameters_never_cause_a_server_error(client):
    observation = make_observation(area=make_category(slug="semh"), links=[(make_strategy(), 2)])
    good = f"seen={observation.uuid}&area=semh"
    for value in HOSTILE_VALUES:
        for parameter in ["seen", "area", "step", "part"]:  # tests/test_hostile_inputs.py sends phase
            response = client.get(f"/finder/?{good}&{parameter}={_safe(value)}")
            assert response.status_code == 200, (parameter, value[:20], response.status_code)
            assert observation.text in response.content.decode()


def test_a_very_long_selection_is_cut_short_with_a_note(client):
    observation = make_observation(links=[(make_strategy(), 2)])
    many = "&".join(f"seen=00000000-0000-0000-0000-{n:012d}" for n in range(150))
    response = client.get(f"/finder/?seen={observation.uuid}&{many}")
    assert response.status_code == 200
    assert "were not recognised" in response.content.decode()
