from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render

from accounts.staff import is_staff_session
from categories.content import Gone, Status
from categories.tree import CategoryTree
from oap_directory import content_types
from oap_directory.logs import new_request_id, request_id
from oap_directory.models import SlugRedirect


class GoneAndMovedMiddleware:
    """Archived items answer 410 with a helpful page; old slugs redirect (301) to the item's new address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Gone):
            context = {"item": exception.obj, "category": exception.category}
            return render(request, "410.html", context, status=410)
        if isinstance(exception, Http404):
            return self._moved(request)
        return None

    def _moved(self, request):
        match = getattr(request, "resolver_match", None)
        entry = content_types.by_detail_url(match.view_name) if match is not None else None
        if entry is None:
            return None
        redirect = SlugRedirect.objects.filter(type=entry.name, old_slug=match.kwargs.get("slug", "")).first()
        if redirect is None:
            return None
        item = entry.model.objects.filter(pk=redirect.object_id).first()
        if item is None or item.slug == redirect.old_slug:
            return None
        if not (_is_public(request, entry, item) or is_staff_session(request)):
            return None  # the new address of a draft or archived item is not public
        return HttpResponsePermanentRedirect(item.get_absolute_url())


def _is_public(request, entry, item):
    """Whether visitors may see the item's page: published, and for a category every ancestor too."""
    if entry.name == "category":
        return CategoryTree.for_request(request).is_public(item)
    return item.status == Status.PUBLISHED


class RequestIdMiddleware:
    """Give every request an id, put it in every log line and in the X-Request-ID response header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = new_request_id(request.headers.get("X-Request-ID"))
        token = request_id.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response["X-Request-ID"] = request.id
        return response


class PermissionsPolicyMiddleware:
    """Turn off browser features this site never uses (camera, microphone, location …)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class AdminNoIndexMiddleware:
    """Search engines are asked not to index the admin (robots.txt leaves it out so as not to reveal ADMIN_URL)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = "/" + settings.ADMIN_URL

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.prefix):
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response
