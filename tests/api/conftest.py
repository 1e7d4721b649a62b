import pytest


@pytest.fixture(autouse=True)
def _generous_rate_limit(settings):
    """Tests of the API make many requests from one address; tests of the limit itself set their own."""
    settings.API_REQUESTS_PER_MINUTE = 0
