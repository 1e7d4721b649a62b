"""Public pages for anonymous visitors: cached on the server, validated and cached by browsers and CDNs, compressed.

`PublicPageMiddleware` runs right after Django's SecurityMiddleware (DESIGN.md, Caching). For an anonymous GET or
HEAD it validates the host, reads the content state (one small query) and then, before URL resolution and the rest
of the middleware:
- answers 304 when the client's If-None-Match / If-Modified-Since matches this content state and URL;
- serves the page from the cache (the database: never per-process memory, no Redis) when it is there.
Whether a page is public is decided when it is stored: a 200 from one of the public page views, that set no cookie
and no Cache-Control of its own (previews send `private, no-store`), for a request without a session cookie. Such
a page gets a strong ETag, Last-Modified, `Cache-Control: public, …` and is compressed (Brotli or gzip).
Signed-in staff always get `private, no-store`.

Keys and ETags are made of SiteSettings.content_version (bumped by every change to anything a public page shows,
and by every `migrate`, so an upgrade is never served stale pages), the canonical host (SITE_URL, never the Host
header) and the path with its query.
"""

import threading
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from oap_directory import api as open_data
from oap_directory import content_types
from oap_directory.http_caching import (
    ENCODINGS,
    MIN_COMPRESS_BYTES,
    chosen_encoding,
    compress,
    etag_base,
    etag_matches,
    unmodified_since,
)
from oap_directory.http_caching import public_headers as validators
from oap_directory.models import SiteSettings

SITE_WIDE_PUBLIC_PAGES = {
    "home",
    "about",
    "glossary",
    "tag_list",
    "tag_detail",
    "accessibility",
    "privacy",
    "cookies",
    "contact",
    "robots_txt",
    "sitemap",
}
# Headers that belong to one response, not to the stored page (the outer middleware and server add their own).
NOT_STORED = {"set-cookie", "x-request-id", "content-length", "date", "vary", "cache-control"}


def public_pages():
    """URL names whose anonymous answers may be public: every content type's page and list, and the site-wide pages."""
    names = set(SITE_WIDE_PUBLIC_PAGES) | open_data.PUBLIC_VIEW_NAMES
    for entry in content_types.all():
        names.update(name for name in (entry.detail_url, entry.list_url) if name)
    return names


_bulk = threading.local()


@contextmanager
def one_content_version_bump():
    """For loads that save hundreds of items (starter content, imports): bump the content version once, when the
    load has finished, instead of once per save and relation change. (Re-indexing the items, when the load's
    transaction commits, bumps it once more: search/signals.py.)"""
    if getattr(_bulk, "loading", False):
        yield
        return
    _bulk.loading = True
    try:
        yield
    finally:
        _bulk.loading = False
    if not transaction.get_connection().needs_rollback:  # a load that failed and is being undone changed nothing
        bump_content_version()


def bump_content_version(**kwargs):
    if getattr(_bulk, "loading", False):
        return
    SiteSettings.objects.filter(pk=1).update(
        content_version=F("content_version") + 1, content_changed_at=timezone.now()
    )


def connect():
    """Every model a public page shows (content_types.shown_models) bumps the content version when it changes;
    so does every `migrate` (an upgrade may change any page)."""
    for model in content_types.shown_models():
        post_save.connect(bump_content_version, sender=model, dispatch_uid=f"page-cache-save-{model.__name__}")
        post_delete.connect(bump_content_version, sender=model, dispatch_uid=f"page-cache-delete-{model.__name__}")
    for model in content_types.models():
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                bump_content_version, sender=field.remote_field.through, dispatch_uid=f"page-cache-m2m-{field}"
            )
    post_migrate.connect(_bump_after_migrate, dispatch_uid="page-cache-migrate")


def _bump_after_migrate(sender, **kwargs):
    if sender.name == "oap_directory":
        bump_content_version()


def _key(base, encoding):
    return f"page:{base}:{encoding}"


def _skipped(path):
    """Never public and never worth a cache look-up: static files, uploads, the admin, the health check."""
    prefixes = (settings.STATIC_URL, settings.MEDIA_URL, f"/{settings.ADMIN_URL}", "/healthz", "/ckeditor5/")
    return path.startswith(prefixes)


class PublicPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.public_pages = None

    def __call__(self, request):
        request.get_host()  # host validation first: a host not in ALLOWED_HOSTS is a 400 before anything else
        request.site = SimpleLazyObject(SiteSettings.current)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return self._private(request, self.get_response(request))
        if request.method not in ("GET", "HEAD") or _skipped(request.path):
            return self.get_response(request)
        state = SiteSettings.content_state()
        request.site = SimpleLazyObject(lambda: SiteSettings.current(state))
        base = etag_base(state, request)
        if etag_matches(request, base):
            return _not_modified(base, state)
        encoding = chosen_encoding(request)
        stored = cache.get(_key(base, encoding)) if settings.PAGE_CACHE_SECONDS > 0 else None
        if stored is None:
            response = self.get_response(request)
            if not self._is_public(request, response):
                return response
            stored = self._publish(request, response, state, base, encoding)
        if unmodified_since(request, state.changed_at):
            return _not_modified(base, state)
        return _from_cache(stored)

    @staticmethod
    def _private(request, response):
        """Anyone with a session: nothing is stored anywhere (staff see previews and pending changes)."""
        if not request.path.startswith(settings.STATIC_URL):
            response["Cache-Control"] = "private, no-store"
        return response

    def _is_public(self, request, response):
        if self.public_pages is None:
            self.public_pages = public_pages()
        match = getattr(request, "resolver_match", None)
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not response.has_header("Cache-Control")
            and not getattr(response, "is_preview", False)
            and match is not None
            and match.view_name in self.public_pages
        )

    def _publish(self, request, response, state, base, encoding):
        """Validators, freshness and compression; every encoding is stored when the page cache is on."""
        headers = [(name, value) for name, value in response.items() if name.lower() not in NOT_STORED]
        body = response.content
        caching = settings.PAGE_CACHE_SECONDS > 0 and request.method == "GET"
        wanted = ENCODINGS if caching else (encoding,)
        stored = {}
        for each in wanted:
            each_body = compress(body, each, stored=caching) if len(body) >= MIN_COMPRESS_BYTES else body
            each_headers = validators(base, each if each_body is not body else "identity", state.changed_at)
            stored[each] = (response.status_code, [*headers, *each_headers.items()], each_body)
        if caching:
            cache.set_many({_key(base, each): value for each, value in stored.items()}, settings.PAGE_CACHE_SECONDS)
        return stored[encoding]


def _from_cache(stored):
    status, headers, body = stored
    response = HttpResponse(body, status=status, headers=headers)
    # With its length known the server sends the page in one piece, not in chunks (CommonMiddleware, which would
    # say it, is below this middleware).
    response["Content-Length"] = str(len(body))
    return response


def _not_modified(base, state):
    response = HttpResponseNotModified()
    # The same validators and freshness a 200 would carry (RFC 9110, 15.4.5); the encoding doesn't matter here.
    for name, value in validators(base, "identity", state.changed_at).items():
        response[name] = value
    return response
