"""Turn published content into SearchDocument rows, and keep the vocabulary for “Did you mean”."""

import re
from collections import Counter

from django.db import connection, transaction
from django.urls import reverse

from categories.content import Status
from categories.models import Category, Strategy
from categories.tree import CategoryTree
from oap_directory.models import SearchDocument, SearchTerm
from oap_directory.richtext import plain_text
from resources.models import Intervention, Resource

Type = SearchDocument.Type
MODEL_TYPES = {
    Strategy: Type.STRATEGY,
    Intervention: Type.INTERVENTION,
    Resource: Type.RESOURCE,
    Category: Type.CATEGORY,
}
URL_NAMES = {
    Type.STRATEGY: "categories:strategy_detail",
    Type.INTERVENTION: "resources:intervention_detail",
    Type.RESOURCE: "resources:resource_detail",
    Type.CATEGORY: "categories:category_detail",
}
VOCABULARY_WORD = re.compile(r"[^\W\d_]{3,40}", re.UNICODE)


def url_for(doc_type, slug):
    return reverse(URL_NAMES[doc_type], args=[slug])


def _joined(values):
    return "|" + "|".join(str(value) for value in values) + "|" if values else ""


def _categories(tree, categories):
    """Public categories with all their ancestors: (ids, names)."""
    ids, names = [], []
    for category in categories:
        category = tree.by_id.get(category.pk)
        if category is None or not tree.is_public(category):
            continue
        for node in [*tree.ancestors(category), category]:
            if node.pk not in ids:
                ids.append(node.pk)
                names.append(node.name)
    return ids, names


def _is_searchable(obj, tree):
    if isinstance(obj, Category):
        return obj.pk in tree.by_id and tree.is_public(tree.by_id[obj.pk])
    return obj.status == Status.PUBLISHED


def build_document(obj, tree):
    """The SearchDocument fields for a published item (not saved)."""
    doc_type = MODEL_TYPES[type(obj)]
    fields = {"slug": obj.slug, "kind": "", "level": "", "level_order": 0, "phases": "", "statements": ""}
    tags = []
    if doc_type == Type.STRATEGY:
        categories = list(obj.categories.all())
        tags = list(obj.tags.names())
        fields |= {
            "title": obj.title,
            "statements": f"{obj.teacher_statement} {obj.child_statement}",
            "summary": obj.teacher_statement,
            "body": f"{plain_text(obj.why)} {plain_text(obj.how)}",
        }
    elif doc_type == Type.INTERVENTION:
        categories = list(obj.categories.all())
        tags = list(obj.tags.names())
        delivery = " ".join(filter(None, [obj.who_delivers, obj.group_size, obj.frequency, obj.duration]))
        fields |= {
            "title": obj.name,
            "summary": obj.summary,
            "body": f"{plain_text(obj.description)} {delivery} {obj.cost_notes}",
        }
    elif doc_type == Type.RESOURCE:
        linked = Strategy.objects.published().filter(resource_links__resource=obj)
        categories = list(Category.objects.filter(strategies__in=linked).distinct())
        categories += list(
            Category.objects.filter(interventions__resources=obj, interventions__status=Status.PUBLISHED)
        )
        tags = list(obj.tags.names())
        fields |= {
            "title": obj.title,
            "summary": obj.summary,
            "body": f"{obj.provider} {obj.audience}",
            "kind": obj.kind,
        }
    else:
        categories = [obj]
        fields |= {"title": obj.name, "summary": obj.summary, "body": plain_text(obj.introduction)}
    category_ids, category_names = _categories(tree, categories)
    fields |= {
        "tag_names": " ".join(tags),
        "category_ids": _joined(category_ids),
        "category_names": " ".join(category_names),
    }
    level = getattr(obj, "level", None)
    if level is not None:
        fields |= {"level": level.slug, "level_order": level.order}
    if doc_type != Type.CATEGORY:
        fields["phases"] = _joined(obj.phases.values_list("slug", flat=True))
    return doc_type, fields


def index(obj, tree=None):
    """Add, update or remove the item's search row to match what the public may see."""
    tree = tree or CategoryTree.load()
    doc_type = MODEL_TYPES[type(obj)]
    if obj.pk is None or not _is_searchable(obj, tree):
        unindex(obj)
        return None
    doc_type, fields = build_document(obj, tree)
    with transaction.atomic():
        document, _ = SearchDocument.objects.update_or_create(type=doc_type, object_id=obj.pk, defaults=fields)
        _update_vector([document.pk])
    add_to_vocabulary([document])
    return document


def unindex(obj):
    SearchDocument.objects.filter(type=MODEL_TYPES[type(obj)], object_id=obj.pk).delete()


def rebuild():
    """Rebuild every search row and the vocabulary from the published content."""
    tree = CategoryTree.load()
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        documents = []
        querysets = [
            Strategy.objects.published().select_related("level").prefetch_related("categories", "phases", "tags"),
            Intervention.objects.published().select_related("level").prefetch_related("categories", "phases", "tags"),
            Resource.objects.published().prefetch_related("phases", "tags"),
            Category.objects.all(),
        ]
        for queryset in querysets:
            for obj in queryset:
                if _is_searchable(obj, tree):
                    doc_type, fields = build_document(obj, tree)
                    documents.append(SearchDocument(type=doc_type, object_id=obj.pk, **fields))
        SearchDocument.objects.bulk_create(documents, batch_size=500)
        _update_vector(None)
        SearchTerm.objects.all().delete()
        counts = Counter(word for document in SearchDocument.objects.all() for word in _document_words(document))
        SearchTerm.objects.bulk_create(
            [SearchTerm(word=word, frequency=count) for word, count in counts.items()], batch_size=1000
        )
    return len(documents)


def _update_vector(ids):
    if connection.vendor != "postgresql":
        return  # SQLite's FTS5 table is kept in step by triggers
    from oap_directory.search.postgres import update_vectors

    update_vectors(ids)


def _document_words(document):
    text = " ".join([document.title, document.statements, document.summary, document.body, document.tag_names])
    return {word.lower() for word in VOCABULARY_WORD.findall(text)}


def add_to_vocabulary(documents):
    words = set().union(*(_document_words(document) for document in documents)) if documents else set()
    if words:
        SearchTerm.objects.bulk_create([SearchTerm(word=word) for word in words], ignore_conflicts=True)
