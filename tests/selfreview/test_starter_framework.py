"""The starter self-evaluation framework: built from the whole-school categories, original wording, every
statement linked to strategies, statutory items flagged."""

import pytest

from categories.models import Strategy
from selfreview.models import Framework, Statement

pytestmark = pytest.mark.django_db


def assert_the_starter_framework_is_complete(created):
    """Called by tests/test_starter_content.py, which loads the starter content once (it takes a while)."""
    assert created["self-evaluation statements"] == 48
    framework = Framework.objects.get()
    assert framework.is_published and framework.version == 1
    sections = list(framework.sections.select_related("category"))
    assert len(sections) >= 8
    assert all(section.category and section.category.parent.slug == "whole-school" for section in sections)
    statements = list(Statement.objects.filter(section__framework=framework).prefetch_related("strategies"))
    assert len(statements) >= 48
    assert len({statement.text for statement in statements}) == len(statements)
    assert sum(statement.is_statutory for statement in statements) >= 8
    published = set(Strategy.objects.published().values_list("pk", flat=True))
    assert all({s.pk for s in statement.strategies.all()} & published for statement in statements)
    assert [level.label for level in framework.scale.levels.all()] == ["Not yet", "Emerging", "Developing", "Embedded"]


def test_every_deployment_gives_a_starter_statement_the_same_uuid():
    """Files made on one copy of the starter framework can be continued on another, and after a reload."""
    import json

    from oap_directory.starter_content import STARTER_DIR
    from selfreview.starter import load_framework

    data = json.loads((STARTER_DIR / "self-evaluation.json").read_text())
    assert load_framework(data) == 48
    uuids = sorted(str(statement.uuid) for statement in Statement.objects.all())
    assert load_framework(data) == 0  # already there: nothing changes
    Framework.objects.all().delete()
    load_framework(data)
    assert sorted(str(statement.uuid) for statement in Statement.objects.all()) == uuids


def test_every_starter_statement_describes_each_level_in_its_own_words(client):
    """A school choosing between “Emerging” and “Developing” sees what each looks like for that statement."""
    import json

    from django.utils.html import escape

    from oap_directory.starter_content import STARTER_DIR
    from selfreview.document import new
    from selfreview.starter import load_framework
    from tests.selfreview.test_tool import post

    load_framework(json.loads((STARTER_DIR / "self-evaluation.json").read_text()))
    framework = Framework.objects.get()
    slugs = [level.slug for level in framework.scale.levels.all()]
    statements = list(Statement.objects.filter(section__framework=framework))
    assert all(sorted(statement.descriptors) == sorted(slugs) for statement in statements)
    descriptors = [text for statement in statements for text in statement.descriptors.values()]
    assert len(set(descriptors)) == len(descriptors) == 4 * len(statements)
    assert all(20 <= len(text) <= 200 and text.endswith(".") for text in descriptors)
    general = {level.description for level in framework.scale.levels.all()}
    assert not general & set(descriptors)
    page = post(client, new(framework), go="section:1").content.decode()
    assert escape(statements[0].descriptors["emerging"]) in page
