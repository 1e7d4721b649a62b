"""My list: a teacher's shortlist of strategies, interventions and resources, kept without an account or a cookie.

A list is only the items' identities (uuids), in order, in the address of the list page
(`/my-list/?items=<uuid>,<uuid>,…`) or, with JavaScript, in the browser's local storage (static/js/my_list.js).
The server keeps nothing: every request carries the whole list, and this module reads it back into items.

- At most `MAX_ITEMS` items (100 uuids with commas are about 3.7 KB, under gunicorn's 4 KB request line).
- Malformed, repeated and unknown uuids are dropped with a note; more than `MAX_ITEMS` keeps the first ones and
  says so; items archived since show as "no longer available", never as an error.
"""

import uuid
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve, reverse

from categories.content import Status
from oap_directory import content_types

MAX_ITEMS = 100
LISTABLE_TYPES = ("strategy", "intervention", "resource")  # in the order the list groups them
SEPARATOR = ","


@dataclass
class Parsed:
    """The uuids a request carries, and what was dropped from it."""

    uuids: list = field(default_factory=list)
    malformed: int = 0
    repeated: int = 0
    over_limit: int = 0


@dataclass
class Entry:
    """One item on a list: the item itself, or a note that it is no longer available."""

    uuid: uuid.UUID
    type: content_types.ContentType
    item: object

    @property
    def is_available(self):
        return self.item.status == Status.PUBLISHED

    @property
    def title(self):
        return self.type.title(self.item)

    @property
    def url(self):
        return self.type.url(self.item.slug)


def parse(values):
    """The uuids in `items` query values (each a comma-separated list), in order, without repeats."""
    parsed = Parsed()
    seen = set()
    for value in values:
        for part in value.split(SEPARATOR):
            part = part.strip()
            if not part:
                continue
            try:
                item_uuid = uuid.UUID(part)
            except ValueError:
                parsed.malformed += 1
                continue
            if item_uuid in seen:
                parsed.repeated += 1
            elif len(parsed.uuids) >= MAX_ITEMS:
                parsed.over_limit += 1
            else:
                seen.add(item_uuid)
                parsed.uuids.append(item_uuid)
    return parsed


def entries(uuids):
    """The list's items in its order, one query per type; unknown, draft and in-review items are left out."""
    found = {}
    for name in LISTABLE_TYPES:
        entry_type = content_types.get(name)
        visible = entry_type.model.objects.filter(uuid__in=uuids, status__in=[Status.PUBLISHED, Status.ARCHIVED])
        for item in visible:
            found[item.uuid] = Entry(item.uuid, entry_type, item)
    return [found[item_uuid] for item_uuid in uuids if item_uuid in found]


def add_identities(results):
    """Give each search result that can go on a list its uuid, so it can offer "Add to my list": one query per
    listable type on the page."""
    for name in LISTABLE_TYPES:
        ids = [result.object_id for result in results if result.type == name]
        if ids:
            model = content_types.get(name).model
            uuids = dict(model.objects.filter(pk__in=ids).values_list("pk", "uuid"))
            for result in results:
                if result.type == name:
                    result.uuid = uuids.get(result.object_id)


def grouped(list_entries):
    """(content type, its entries) for each type on the list, in LISTABLE_TYPES order."""
    groups = []
    for name in LISTABLE_TYPES:
        members = [entry for entry in list_entries if entry.type.name == name]
        if members:
            groups.append((members[0].type, members))
    return groups


def query(uuids, **extra):
    """The query string of a list page showing `uuids` (and any extra parameters)."""
    return urlencode({"items": SEPARATOR.join(str(item_uuid) for item_uuid in uuids), **extra})


def list_url(uuids, name="my_list", absolute=False, **extra):
    url = f"{reverse(name)}?{query(uuids, **extra)}"
    return f"{settings.SITE_URL}{url}" if absolute else url


def item_at(address):
    """The published strategy, intervention or resource that a web address on this site points at, or None."""
    try:
        parts = urlsplit(address.strip())
    except ValueError:  # not an address at all, e.g. "http://["
        return None
    site = urlsplit(settings.SITE_URL)
    if parts.netloc and parts.netloc.lower() != site.netloc.lower():
        return None
    path = parts.path if parts.path.startswith("/") else f"/{parts.path}"
    try:
        match = resolve(path)
    except Resolver404:
        return None
    entry_type = content_types.by_detail_url(match.view_name)
    slug = match.kwargs.get("slug")
    if entry_type is None or entry_type.name not in LISTABLE_TYPES or not slug:
        return None
    return entry_type.model.objects.published().filter(slug=slug).first()


def find(words, exclude=(), limit=5):
    """Published items whose title or name contains `words`, for the list page's own search box."""
    results = []
    for name in LISTABLE_TYPES:
        entry_type = content_types.get(name)
        title_field = "title" if hasattr(entry_type.model, "title") else "name"
        matches = (
            entry_type.model.objects.published()
            .filter(**{f"{title_field}__icontains": words})
            .exclude(uuid__in=exclude)
            .order_by(title_field)[:limit]
        )
        results.extend(Entry(item.uuid, entry_type, item) for item in matches)
    return results
