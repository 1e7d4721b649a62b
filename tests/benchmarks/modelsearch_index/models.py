"""modelsearch indexes models that subclass `index.Indexed`: proxies of ours, so the project's models stay as they are.

Each indexes the words our search indexes (titles, statements, bodies, tags and category names, title first)
and the fields the benchmark filters on. Only published items are indexed, as in our search.
"""

from modelsearch import index

from categories.models import Category, Strategy
from resources.models import Intervention, Resource

TAGS = index.RelatedFields("tags", [index.SearchField("name")])
PHASES = index.RelatedFields("phases", [index.FilterField("slug")])
ID = index.FilterField("id")
# What strategies and interventions share: tags, category names, and the fields the filters read.
CLASSIFIED = [
    TAGS,
    index.RelatedFields("categories", [index.SearchField("name"), index.FilterField("id")]),
    PHASES,
    index.RelatedFields("level", [index.FilterField("slug")]),
    ID,
]


class PublishedOnly(index.Indexed):
    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().published()


class IndexedStrategy(PublishedOnly, Strategy):
    search_fields = [
        index.SearchField("title", boost=10),
        index.SearchField("teacher_statement", boost=4),
        index.SearchField("child_statement", boost=4),
        index.SearchField("why"),
        index.SearchField("how"),
        *CLASSIFIED,
    ]

    class Meta:
        proxy = True


class IndexedIntervention(PublishedOnly, Intervention):
    search_fields = [
        index.SearchField("name", boost=10),
        index.SearchField("summary", boost=4),
        index.SearchField("description"),
        *CLASSIFIED,
    ]

    class Meta:
        proxy = True


class IndexedResource(PublishedOnly, Resource):
    search_fields = [
        index.SearchField("title", boost=10),
        index.SearchField("summary", boost=4),
        index.SearchField("provider"),
        TAGS,
        PHASES,
        ID,
    ]

    class Meta:
        proxy = True


class IndexedCategory(PublishedOnly, Category):
    search_fields = [
        index.SearchField("name", boost=10),
        index.SearchField("summary", boost=4),
        index.SearchField("introduction"),
        ID,
    ]

    class Meta:
        proxy = True
