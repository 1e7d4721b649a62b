"""Content pages' addresses, made without resolving the URL pattern again for every item of a list.

`reverse()` walks the URL patterns each time; a list of a hundred strategies would pay that a hundred times. The
address around the slug is worked out once per URL name (and script prefix and URLconf), then each slug is put in.
"""

import re

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")  # what <slug:…> matches; nothing in it needs quoting
PLACEHOLDER = "oap-slug-placeholder"
_around_slug = {}
_pages = {}


def _key(name):
    return (name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


def page_url(name):
    """The same as `reverse(name)` for a URL that takes no arguments, worked out once."""
    key = _key(name)
    url = _pages.get(key)
    if url is None:
        url = _pages[key] = reverse(name)
    return url


def slug_urls(name):
    """A function giving `slug_url(name, slug)` for any slug, the pattern looked up once: for a whole list."""
    key = _key(name)
    around = _around_slug.get(key)
    if around is None:
        prefix, _, suffix = reverse(name, args=[PLACEHOLDER]).partition(PLACEHOLDER)
        around = _around_slug[key] = (prefix, suffix)
    prefix, suffix = around

    def url(slug):
        if not PLAIN_SLUG.fullmatch(slug or ""):
            return reverse(name, args=[slug])  # let reverse() quote it or refuse it, as it would anyway
        return f"{prefix}{slug}{suffix}"

    return url


def slug_url(name, slug):
    """The same as `reverse(name, args=[slug])` for a URL whose only argument is a slug."""
    return slug_urls(name)(slug)
