"""The one registry of content types: strategies, interventions, resources, categories and any type a later app adds.

Each app registers the types it owns from its `AppConfig.ready()`; everything that handles "any content type" —
search, redirects, the page cache, workflow, history, imports, feedback and the admin home — reads this registry
instead of naming the types itself. A leaf module: it imports no app, so any app may import it (DESIGN.md).

    content_types.register(ContentType("strategy", Strategy, detail_url="categories:strategy_detail", ...))
    content_types.get("strategy").model
    content_types.for_model(Strategy).name
    for entry in content_types.all(): ...

Apps also declare here which models the public pages show (`register_shown`), so that a change to any of them
bumps the content version the page cache keys on.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.urls import reverse


@dataclass
class SearchFields:
    """What search indexes for one item: its owning app decides how its fields map onto these."""

    title: str
    statements: str = ""
    summary: str = ""
    body: str = ""
    tags: Iterable[str] = ()
    categories: Iterable = ()  # Category objects; search adds their ancestors
    level: object = None  # a Level, or None
    phases: Iterable[str] = ()  # phase slugs
    kind: str = ""


@dataclass
class ContentType:
    """One type of editorial content: what it is called, where its pages are and how search reads it."""

    name: str  # "strategy": the search type, the redirect type and the API type
    model: type
    detail_url: str | None = None  # URL name of its public page, taking the slug (None: it has no page of its own)
    list_url: str | None = None  # URL name of its public list, if it has one
    order: int = 0  # where it comes in lists (admin home, search's type filter)
    search_fields: Callable | None = None  # (item, tree) -> SearchFields; None: not searchable
    search_queryset: Callable | None = None  # () -> the published items with what search_fields reads prefetched
    is_public: Callable | None = None  # (item, tree) -> bool; default: published
    # Items whose search row shows something of this item (e.g. a resource shows its strategies' categories).
    affects: list = field(default_factory=list)  # [(item, tree) -> iterable of items]

    @property
    def label(self):
        return str(self.model._meta.verbose_name)

    @property
    def label_plural(self):
        return str(self.model._meta.verbose_name_plural)

    @property
    def is_tagged(self):
        return hasattr(self.model, "tags")

    def url(self, slug):
        """The address of an item's public page; None for types without pages of their own."""
        return reverse(self.detail_url, args=[slug]) if self.detail_url else None

    def title(self, item):
        return str(item)


_types: dict[str, ContentType] = {}
_by_model: dict[type, ContentType] = {}
_shown_models: list[type] = []
_link_models: list[type] = []


def register(entry):
    """Add a content type (from its app's `ready()`); registering the same name again replaces it."""
    previous = _types.get(entry.name)
    if previous is not None:
        _by_model.pop(previous.model, None)
    _types[entry.name] = entry
    _by_model[entry.model] = entry
    register_shown(entry.model)
    return entry


def all():  # noqa: A001 - reads as content_types.all()
    """Every registered type, in display order."""
    return sorted(_types.values(), key=lambda entry: (entry.order, entry.name))


def get(name):
    """The type called `name`; KeyError if there is none."""
    return _types[name]


def for_model(model_or_item):
    """The type of a model or of one of its items; None if it is not content."""
    model = model_or_item if isinstance(model_or_item, type) else type(model_or_item)
    return _by_model.get(model) or _by_model.get(getattr(model._meta, "concrete_model", model))


def names():
    return [entry.name for entry in all()]


def choices():
    """(name, label) pairs, e.g. for a filter."""
    return [(entry.name, entry.label.capitalize()) for entry in all()]


def models():
    return [entry.model for entry in all()]


def searchable():
    return [entry for entry in all() if entry.search_fields is not None]


def by_detail_url(url_name):
    """The type whose public page has this URL name, or None."""
    return next((entry for entry in _types.values() if url_name and entry.detail_url == url_name), None)


def register_shown(*shown):
    """Models whose changes show on public pages (content, options, links, tags): saving one bumps the content version."""
    for model in shown:
        if model not in _shown_models:
            _shown_models.append(model)


def shown_models():
    return list(_shown_models)


def register_links(*link_models):
    """Through-models that link two content items in order (e.g. a strategy's resources): a change to one
    re-indexes the items at both ends and bumps the content version."""
    for model in link_models:
        if model not in _link_models:
            _link_models.append(model)
    register_shown(*link_models)


def link_models():
    return list(_link_models)
