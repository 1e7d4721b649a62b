"""A search that matches what teachers notice offers the finder with those observations ticked."""

import pytest

from categories.content import Status
from tests.factories import make_observation, make_strategy

pytestmark = pytest.mark.django_db


@pytest.fixture
def seat():
    return make_observation(
        text="Finds it hard to stay in their seat", synonyms="can’t sit still\nfidgety", links=[(make_strategy(), 3)]
    )


def test_a_search_for_what_a_teacher_sees_offers_the_finder(client, seat):
    content = client.get("/search/?q=can%27t+sit+still").content.decode()
    assert "Noticing this?" in content
    assert "Finds it hard to stay in their seat" in content
    assert f'href="/finder/?seen={seat.uuid}"' in content


def test_the_panel_matches_the_observation_itself_in_any_letter_case(client, seat):
    assert "Noticing this?" in client.get("/search/?q=STAY+IN+THEIR+SEAT").content.decode()


def test_no_panel_for_unrelated_searches_or_unpublished_observations(client, seat):
    make_observation(text="Hums while working", links=[(make_strategy(), 1)], status=Status.DRAFT)
    assert "Noticing this?" not in client.get("/search/?q=phonics").content.decode()
    assert "Noticing this?" not in client.get("/search/?q=hums+while").content.decode()
    assert "Noticing this?" not in client.get("/search/?q=%00").content.decode()
