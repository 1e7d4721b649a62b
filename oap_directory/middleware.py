from django.apps import apps
from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from categories.content import Gone
from oap_directory.logs import new_request_id, request_id
from oap_directory.models import SiteSettings, SlugRedirect


class SiteSettingsMiddleware:
    """Makes this council's settings available as `request.site`, loaded at most once per request.

    Content apps read vocabulary from `request.site` without importing site-wide code.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.site = SimpleLazyObject(SiteSettings.load)
        return self.get_response(request)


DETAIL_VIEWS = {
    "categories:strategy_detail": ("strategy", "categories.Strategy"),
    "categories:category_detail": ("category", "categories.Category"),
    "resources:intervention_detail": ("intervention", "resources.Intervention"),
    "resources:resource_detail": ("resource", "resources.Resource"),
}


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
        if match is None or match.view_name not in DETAIL_VIEWS:
            return None
        doc_type, model_label = DETAIL_VIEWS[match.view_name]
        redirect = SlugRedirect.objects.filter(type=doc_type, old_slug=match.kwargs.get("slug", "")).first()
        if redirect is None:
            return None
        item = apps.get_model(model_label).objects.filter(pk=redirect.object_id).first()
        if item is None or item.slug == redirect.old_slug:
            return None
        return HttpResponsePermanentRedirect(item.get_absolute_url())


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
