"""What this app tells the site-wide registries at `ready()`: its content types, how search reads them, and the
relations its history versions keep. Apps above this one add to these entries from their own `ready()`."""

from oap_directory import content_types
from oap_directory.content_types import ContentType, SearchFields
from oap_directory.richtext import plain_text


def strategy_search_fields(strategy, tree):
    return SearchFields(
        title=strategy.title,
        statements=" ".join(filter(None, [strategy.teacher_statement, strategy.child_statement])),
        summary=strategy.teacher_statement or strategy.child_statement,
        body=f"{plain_text(strategy.why)} {plain_text(strategy.how)}",
        tags=strategy.tags.names(),
        categories=strategy.categories.all(),
        level=strategy.level,
        phases=[phase.slug for phase in strategy.phases.all()],
    )


def category_search_fields(category, tree):
    return SearchFields(
        title=category.name, summary=category.summary, body=plain_text(category.introduction), categories=[category]
    )


def _published_strategies():
    from categories.models import Strategy

    return Strategy.objects.published().select_related("level").prefetch_related("categories", "phases", "tags")


def _categories():
    from categories.models import Category

    return Category.objects.all()


def _category_is_public(category, tree):
    return category.pk in tree.by_id and tree.is_public(tree.by_id[category.pk])


def _category_reaches(category, tree):
    """A category's name and visibility show in the search rows of everything below it."""
    from categories.models import Category, Strategy

    if category.pk not in tree.by_id:
        return []
    ids = tree.descendant_ids(tree.by_id[category.pk])
    return [*Category.objects.filter(pk__in=ids), *Strategy.objects.filter(categories__in=ids).distinct()]


def register():
    from categories import history
    from categories.models import Category, Level, Phase, Strategy

    content_types.register(
        ContentType(
            "strategy",
            Strategy,
            detail_url="categories:strategy_detail",
            list_url="categories:strategy_list",
            order=10,
            search_fields=strategy_search_fields,
            search_queryset=_published_strategies,
        )
    )
    content_types.register(
        ContentType(
            "category",
            Category,
            detail_url="categories:category_detail",
            list_url="categories:category_list",
            order=40,
            search_fields=category_search_fields,
            search_queryset=_categories,
            is_public=_category_is_public,
            affects=[_category_reaches],
        )
    )
    content_types.register_shown(Level, Phase)

    history.register_m2m(Strategy, "categories", "Categories")
    history.register_m2m(Strategy, "phases", "Phases", key="slug")
    history.register_tags(Strategy)
    history.register_describer(Strategy, "categories", _category_names)


def _category_names(uuids):
    from categories.models import Category

    names = dict(Category.objects.filter(uuid__in=uuids).values_list("uuid", "name"))
    return [names.get(_uuid(value), "(deleted category)") for value in uuids]


def _uuid(value):
    import uuid

    try:
        return uuid.UUID(value)
    except ValueError:
        return None
