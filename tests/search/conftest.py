import pytest

from oap_directory import search
from oap_directory.starter_content import StarterContentLoader


@pytest.fixture
def starter_content(db):
    StarterContentLoader().load()
    search.rebuild()
