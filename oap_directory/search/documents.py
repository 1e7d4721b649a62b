"""Turn published content into SearchDocument rows, and keep the vocabulary for “Did you mean”."""

import logging
import re
from collections import Counter, namedtuple

from django.db import DatabaseError, connection, transaction

from categories.addresses import slug_urls
from categories.content import Status
from categories.tree import CategoryTree
from oap_directory import content_types
from oap_directory.models import SearchDocument, SearchTerm
from oap_directory.page_cache import bump_content_version

# What a result shows, read for the page of results by either backend.
DISPLAY_FIELDS = [
    "id",
    "type",
    "object_id",
    "slug",
    "title",
    "statements",
    "summary",
    "category_ids",
    "level",
    "phases",
]
DisplayRow = namedtuple("DisplayRow", DISPLAY_FIELDS)  # a result's fields, read without the ORM
# What an item says (statements, summary, body) and its title: where search looks for the words as typed.
TEXT_FIELDS = ["statements", "summary", "body", "title"]
# What search reads for every match: what ranking, the facets and the blend with noticed items need (match_facts).
MATCH_FIELDS = ["id", "type", "title", "category_ids", "level", "phases"]
TABLE = SearchDocument._meta.db_table
logger = logging.getLogger(__name__)
VOCABULARY_WORD = re.compile(r"[^\W\d_]{3,40}", re.UNICODE)


def addresses(doc_type):
    """A function giving the address of an item of this type's public page from its slug (None for types without
    one), the URL pattern looked up once: for a page of results."""
    name = content_types.get(doc_type).detail_url
    return slug_urls(name) if name else lambda slug: None


def url_for(doc_type, slug):
    """The address of an item's public page (None for types without one)."""
    return addresses(doc_type)(slug)


class MatchFacts(dict):
    """{id: the document's facts} (see match_facts), and what is worked out from them once per content version
    (`derived`): ranking's weight for each document, the facets' sets of documents."""

    def derived(self, name, build):
        """`build(self)`, worked out once for these facts: a search reads them for every match. Kept among the
        object's attributes under `name`, which holds a space so as never to hide one of its methods."""
        found = self.__dict__.get(name)
        if found is None:
            found = self.__dict__[name] = build(self)
        return found

    def orders(self):
        """{id: its place in title order}."""
        return self.derived("title order", lambda facts: {pk: fact["order"] for pk, fact in facts.items()})

    def including(self, ids):
        """These facts and those of these documents, which were indexed since these facts were read (a request
        that began just before re-indexing bumped the version), from the database: ordered after every other."""
        missing = [pk for pk in ids if pk not in self]
        if not missing:
            return self
        rows = SearchDocument.objects.filter(pk__in=missing).order_by("title", "id").values_list(*MATCH_FIELDS)
        return MatchFacts({**self, **_facts(rows, first=len(self))})


def match_facts():
    """{id: the document's facts} for every document: MATCH_FIELDS and "order", its place in title order (from 0),
    as the database orders titles (ties by id). search() reads them once per content version for a page (each time
    when called without a request's settings): re-indexing after a change, and rebuild(), bump the version once the
    rows are written (the change itself bumped it before). The backends then
    return only each match's id and rank, and the rest comes from here.

    The facts are shared by every search this process serves until the version changes: a search never changes
    them, and copies one to add to it (noticing.blend)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(MATCH_FIELDS)} FROM {TABLE} ORDER BY title, id")  # noqa: S608
        return MatchFacts(_facts(cursor.fetchall()))


def _facts(rows, first=0):
    """Facts for (MATCH_FIELDS) rows in title order, numbered from `first`."""
    return {
        pk: {"id": pk, "type": kind, "title": title, "category_ids": categories, "level": level, "phases": phases,
             "order": order}
        for order, (pk, kind, title, categories, level, phases) in enumerate(rows, start=first)
    }  # fmt: skip


def texts(ids):
    """{id: what the item says and its title, as one text} for these documents."""
    if not ids:
        return {}
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {', '.join(TEXT_FIELDS)} FROM {TABLE} WHERE id IN ({placeholders})", ids)  # noqa: S608
        return {pk: " ".join(fields) for pk, *fields in cursor.fetchall()}


def rows_for(ids, facts):
    """The facts of each of these documents, in the order given."""
    facts = facts.including(ids)
    return [facts[pk] for pk in ids if pk in facts]


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
    entry = content_types.for_model(obj)
    if entry.is_public is not None:
        return entry.is_public(obj, tree)
    return obj.status == Status.PUBLISHED


def build_document(obj, tree):
    """The SearchDocument fields for a published item (not saved), from what its content type says to index."""
    entry = content_types.for_model(obj)
    found = entry.search_fields(obj, tree)
    category_ids, category_names = _categories(tree, found.categories)
    fields = {
        "slug": obj.slug,
        "title": found.title,
        "statements": found.statements,
        "summary": found.summary,
        "body": found.body,
        "kind": found.kind,
        "tag_names": " ".join(found.tags),
        "category_ids": _joined(category_ids),
        "category_names": " ".join(category_names),
        "level": found.level.slug if found.level is not None else "",
        "level_order": found.level.order if found.level is not None else 0,
        "phases": _joined(found.phases),
    }
    return entry.name, fields


def index(obj, tree=None):
    """Add, update or remove the item's search row to match what the public may see. The caller bumps the content
    version once the rows are written (search/signals.py does): what a process keeps per version (the documents'
    facts; on SQLite, what each word finds) is read again only then."""
    tree = tree or CategoryTree.load()
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
    """Remove the item's search row. The caller bumps the content version, as for index()."""
    SearchDocument.objects.filter(type=content_types.for_model(obj).name, object_id=obj.pk).delete()


def rebuild():
    """Rebuild every search row and the vocabulary from the published content."""
    tree = CategoryTree.load()
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        documents = []
        for entry in content_types.searchable():
            for obj in entry.search_queryset():
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
    bump_content_version()  # what search keeps per content version (match_facts) is read again
    merge_index()
    return len(documents)


def merge_index():
    """Merge what changes have added to the database's full-text index into the index proper: after a rebuild,
    and once a day (manage.py daily_tasks). It only makes searches faster: if the database refuses (PostgreSQL
    lets only the index's owner do it; SQLite's file may be busy), a warning is logged and False returned."""
    if connection.vendor == "postgresql":
        from oap_directory.search.postgres import merge_index
    else:
        from oap_directory.search.sqlite import merge_index
    try:
        with transaction.atomic():
            merge_index()
    except DatabaseError as error:
        logger.warning("The full-text search index was not merged: %s", error)
        return False
    return True


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
