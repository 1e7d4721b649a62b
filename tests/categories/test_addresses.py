import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from categories.addresses import slug_url

PAGES = [
    "categories:category_detail",
    "categories:strategy_detail",
    "categories:strategy_pdf",
    "resources:resource_detail",
    "resources:intervention_detail",
]


@pytest.mark.parametrize("name", PAGES)
def test_slug_url_gives_the_address_reverse_gives(name):
    for slug in ("use-phonics", "a", "year_7-transition"):
        assert slug_url(name, slug) == reverse(name, args=[slug])


def test_slug_url_follows_the_script_prefix_of_a_site_under_a_sub_path():
    set_script_prefix("/send/")
    try:
        assert slug_url("categories:strategy_detail", "use-phonics") == "/send/strategies/use-phonics/"
    finally:
        set_script_prefix("/")
    assert slug_url("categories:strategy_detail", "use-phonics") == "/strategies/use-phonics/"


def test_slug_url_refuses_a_slug_the_address_cannot_hold():
    with pytest.raises(NoReverseMatch):
        slug_url("categories:strategy_detail", "two words")
