"""The grouped category filter, as the search page and the list pages use it."""

import pytest
from django.template.loader import render_to_string

from categories.category_filter import CategoryFilterField, category_filter_groups, item_counts
from categories.content import Status
from categories.tree import CategoryTree
from tests.factories import make_category

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    needs = make_category(name="Areas of need", slug="areas-of-need")
    semh = make_category(name="SEMH", slug="semh", parent=needs)
    make_category(name="Anxiety", slug="anxiety", parent=semh)
    make_category(name="Draft sub-area", slug="draft", parent=semh, status=Status.DRAFT)
    standards = make_category(name="Teachers' Standards", slug="standards")
    make_category(name="7. Behaviour", slug="ts7", parent=standards)
    return CategoryTree.load()


def _options(groups):
    return [
        (group["heading"], fieldset["legend"], option["value"], option["whole"], option["selected"], option["count"])
        for group in groups
        for fieldset in group["fieldsets"]
        for option in fieldset["options"]
    ]


def test_without_counts_every_public_area_and_sub_area_is_offered_under_its_framework(tree):
    groups = category_filter_groups(tree, ["anxiety"])
    assert [group["framework"].slug for group in groups] == ["areas-of-need", "standards"]
    assert _options(groups) == [
        ("Areas of need", "SEMH", "semh", True, False, None),
        ("Areas of need", "SEMH", "anxiety", False, True, None),
        ("", "Teachers' Standards", "ts7", False, False, None),  # no sub-areas: the framework is the legend
    ]


def test_with_counts_empty_options_and_empty_frameworks_are_left_out(tree):
    anxiety, semh = tree.by_slug["anxiety"].pk, tree.by_slug["semh"].pk
    counts = item_counts([(1, anxiety), (2, anxiety), (2, semh)], tree)
    assert counts[semh] == 2 and counts[anxiety] == 2 and counts[tree.by_slug["areas-of-need"].pk] == 2
    groups = category_filter_groups(tree, [], counts)
    assert [group["framework"].slug for group in groups] == ["areas-of-need"]


def test_a_chosen_framework_stays_offered_so_it_can_be_unticked(tree):
    groups = category_filter_groups(tree, ["standards"], {})
    assert _options(groups) == [("", "Teachers' Standards", "standards", True, True, 0)]


def test_a_long_group_shows_the_first_five_and_the_rest_behind_show_all(tree):
    semh = tree.by_slug["semh"]
    for number in range(6):
        make_category(name=f"Sub-area {number}", slug=f"sub-{number}", parent=semh)
    tree = CategoryTree.load()

    html = render_to_string(
        "components/category_filter.html",
        {"name": "category", "label": "Area", "groups": category_filter_groups(tree, ["sub-5"])},
    )

    shown, hidden = html.split("<details")
    assert 'value="sub-2"' in shown and 'value="sub-3"' not in shown
    assert "Show all 8" in hidden and "open" in hidden.split(">")[0]
    assert 'value="sub-5" id="category-sub-5" checked' in hidden


def test_the_component_renders_checkboxes_with_counts_in_a_fieldset_per_area(tree):
    counts = {tree.by_slug["semh"].pk: 3, tree.by_slug["anxiety"].pk: 1}
    html = render_to_string(
        "components/category_filter.html",
        {"name": "category", "label": "Area", "groups": category_filter_groups(tree, ["anxiety"], counts)},
    )
    assert html.index("Areas of need") < html.index("<legend") < html.index("SEMH")
    assert 'value="anxiety" id="category-anxiety" checked' in html
    assert 'All of SEMH <span class="oap-facet-count">(3)</span>' in html and "Draft sub-area" not in html
    assert "<details" not in html


def test_the_form_field_accepts_public_categories_only(tree):
    field = CategoryFilterField()
    field.set_tree(tree)
    assert {value for value, _ in field.choices} == {"areas-of-need", "semh", "anxiety", "standards", "ts7"}
