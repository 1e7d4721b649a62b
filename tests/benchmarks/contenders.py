"""The search libraries people would pick instead of ours, as the search benchmark runs them.

Each contender runs in its own child process with its own settings module (settings_modelsearch.py,
settings_watson.py), since each needs its app installed and migrated. Both index the same published
strategies, interventions, resources and categories as our search, and answer a query as a results
page would: the first `size` results across the four types (as "type:slug") and the total count.

Filters, as on our search page (`type`, `phase`, `level`, `category`, each a list of slugs), narrow each
type's queryset before the library searches it; a type that has no such field is left out of a filtered
search (categories have no phase or level, resources no level or category).
"""

import tomllib
from heapq import nlargest
from pathlib import Path

TYPES = ["strategy", "intervention", "resource", "category"]


def _models(indexed):
    """{type name: model} from the contender's models, in the order of TYPES."""
    return dict(zip(TYPES, indexed, strict=True))


def _has(model, name):
    return any(field.name == name for field in model._meta.get_fields())


def scoped(model, type_name, filters, tree, queryset):
    """`queryset` narrowed by the filters, or None when this type can't match them.

    Each filter is an `id__in` subquery, so the queryset itself joins nothing: django-watson casts the
    primary key of a big-integer-keyed queryset with an unqualified "id", ambiguous beside a join."""
    if filters.get("type") and type_name not in filters["type"]:
        return None
    for name, lookup in (("phase", "phases__slug__in"), ("level", "level__slug__in")):
        if filters.get(name):
            if not _has(model, lookup.split("__")[0]):
                return None
            queryset = queryset.filter(id__in=model.objects.filter(**{lookup: filters[name]}).values("id"))
    if filters.get("category"):
        ids = [
            pk for slug in filters["category"] if slug in tree.by_slug for pk in tree.descendant_ids(tree.by_slug[slug])
        ]
        if type_name == "category":
            queryset = queryset.filter(id__in=ids)
        elif _has(model, "categories"):
            queryset = queryset.filter(id__in=model.objects.filter(categories__id__in=ids).values("id"))
        else:
            return None
    return queryset


def as_filters(query):
    """Benchmark filters ({"phase": "primary"}) and relevance filters ({"phase": ["primary"]}) alike: lists."""
    return {name: value if isinstance(value, list) else [value] for name, value in query.get("filters", {}).items()}


class ModelSearch:
    """modelsearch's database backend: one search per type, merged by the score it gives each result."""

    def __init__(self):
        from modelsearch.backends import get_search_backend

        from categories.tree import CategoryTree
        from tests.benchmarks.modelsearch_index import models

        self.backend = get_search_backend()
        self.tree = CategoryTree.load()
        self.models = _models([models.IndexedStrategy, models.IndexedIntervention, models.IndexedResource,
                               models.IndexedCategory])  # fmt: skip

    def rebuild(self):
        from django.core.management import call_command

        call_command("rebuild_modelsearch_index", verbosity=0)

    def page(self, query, size):
        """(the first `size` results as "type:slug", total count)."""
        from modelsearch.utils import parse_query_string

        _filters, text = parse_query_string(query["q"])
        filters, found, total = as_filters(query), [], 0
        for type_name, model in self.models.items():
            queryset = scoped(model, type_name, filters, self.tree, model.objects.all())
            if queryset is None:
                continue
            results = self.backend.search(text, queryset).annotate_score("_score")
            found += [(item._score, f"{type_name}:{item.slug}") for item in results[:size]]
            total += results.count()
        return [key for _score, key in nlargest(size, found, key=lambda pair: pair[0])], total


class Watson:
    """django-watson: one search across the four registered types, ranked by watson."""

    def __init__(self):
        from categories.models import Category, Strategy
        from categories.tree import CategoryTree
        from resources.models import Intervention, Resource

        self.tree = CategoryTree.load()
        self.models = _models([Strategy, Intervention, Resource, Category])

    def rebuild(self):
        from django.core.management import call_command

        call_command("buildwatson", verbosity=0)

    def page(self, query, size):
        """(the first `size` results as "type:slug", total count)."""
        from watson import search as watson

        filters = as_filters(query)
        scopes = [
            scoped(model, type_name, filters, self.tree, model.objects.published())
            for type_name, model in self.models.items()
        ]
        scopes = [queryset for queryset in scopes if queryset is not None]
        if not scopes:
            return [], 0
        results = watson.search(query["q"], models=scopes)
        types = {model._meta.model_name: type_name for type_name, model in self.models.items()}
        page = [
            f"{types[entry.content_type.model]}:{entry.meta['slug']}"
            for entry in results.select_related("content_type")[:size]
        ]
        return page, results.count()


LIBRARIES = {"modelsearch": ModelSearch, "watson": Watson}


# ---------------------------------------------------------------------------------------------
# Relevance: each contender's score on our relevance set, on the starter content.
# ---------------------------------------------------------------------------------------------

RELEVANCE_FILE = Path(__file__).resolve().parents[1] / "search" / "data" / "relevance.toml"
TUNED = ["acronym", "misspelling", "symptom", "domain", "filtered"]


def relevance_passes(case, top):
    """As tests/search/test_relevance.py judges it: one of `top3` in the top 3, none of `not_top3`."""
    found = set(top(case["query"], case.get("filters", {})))
    return bool(set(case["top3"]) & found) and not set(case.get("not_top3", [])) & found


def relevance_scores(top):
    """{section: [passed, total]} for every section of the relevance set; `top(query, filters)` gives the
    first three results as "type:slug"."""
    cases = tomllib.loads(RELEVANCE_FILE.read_text(encoding="utf-8"))
    return {
        section: [sum(1 for case in items if relevance_passes(case, top)), len(items)]
        for section, items in cases.items()
    }


def starter_content_relevance(top_for):
    """Load the starter content, build the index with `top_for()` (which returns a `top` function), score
    the relevance set, then roll everything back so the benchmark data starts from an empty database."""
    from django.db import transaction

    from oap_directory.starter_content import StarterContentLoader

    with transaction.atomic():
        StarterContentLoader().load()
        scores = relevance_scores(top_for())
        transaction.set_rollback(True)
    return scores
