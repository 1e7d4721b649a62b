import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from categories.content import Status
from categories.models import Strategy
from categories.tree import CategoryTree
from tests.factories import make_category, make_strategy

pytestmark = pytest.mark.django_db


def test_category_cannot_become_its_own_descendant():
    top = make_category(name="Areas of need")
    area = make_category(name="Cognition and learning", parent=top)
    leaf = make_category(name="Reading", parent=area)
    top.parent = leaf
    with pytest.raises(ValidationError) as error:
        top.full_clean()
    assert "cannot sit inside itself" in str(error.value)


def test_category_cannot_be_its_own_parent():
    category = make_category()
    category.parent = category
    with pytest.raises(ValidationError):
        category.full_clean()


def test_three_level_tree_knows_ancestors_and_descendants():
    top = make_category(name="Areas")
    area = make_category(name="Cognition", parent=top)
    leaf = make_category(name="Reading", parent=area)
    tree = CategoryTree.load()
    assert [c.name for c in tree.ancestors(tree.by_id[leaf.pk])] == ["Areas", "Cognition"]
    assert set(tree.descendant_ids(tree.by_id[top.pk])) == {top.pk, area.pk, leaf.pk}


def test_category_is_public_only_when_it_and_every_ancestor_is_published():
    top = make_category(status=Status.DRAFT)
    leaf = make_category(parent=make_category(parent=top))
    tree = CategoryTree.load()
    assert not tree.is_public(tree.by_id[leaf.pk])


def test_slugs_are_unique():
    make_strategy(slug="same")
    with pytest.raises(IntegrityError):
        make_strategy(slug="same")


def test_published_queryset_hides_other_statuses():
    shown = make_strategy(status=Status.PUBLISHED)
    for status in [Status.DRAFT, Status.IN_REVIEW, Status.ARCHIVED]:
        make_strategy(status=status)
    assert list(Strategy.objects.published()) == [shown]


def test_saving_bumps_version_and_records_first_publication():
    strategy = make_strategy(status=Status.DRAFT)
    assert strategy.published_at is None
    strategy.status = Status.PUBLISHED
    strategy.save()
    assert strategy.version == 2
    assert strategy.published_at is not None


def test_rich_text_is_sanitised_when_saved():
    strategy = make_strategy(how='<p onclick="x()">Do this<script>alert(1)</script></p>')
    strategy.refresh_from_db()
    assert strategy.how == "<p>Do this</p>"
