"""Which content item a page address shows: feedback is about items, not addresses."""

from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

from categories.tree import CategoryTree
from oap_directory import content_types


def item_at(path):
    """(content type, published item) for the public page at `path` on this site, or None."""
    try:
        path = urlsplit(path).path
    except ValueError:  # not an address at all, e.g. "http://["
        return None
    if not path.startswith("/") or "\x00" in path:
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    entry_type = content_types.by_detail_url(match.view_name)
    slug = match.kwargs.get("slug")
    if entry_type is None or not slug:
        return None
    item = entry_type.model.objects.published().filter(slug=slug).first()
    if item is None or (entry_type.name == "category" and not CategoryTree.load().is_public(item)):
        return None  # a category under one that is not published has no public page either
    return entry_type, item
