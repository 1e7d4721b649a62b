"""What every open-data answer shares: CORS for GET from anywhere (it is public data), a per-client rate limit
counted in the database (no Redis), and the content licence as a Link header.

Runs before the page cache, so cached answers and 304s count against the limit and carry the CORS headers too.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from oap_directory.api import PREFIXES
from oap_directory.models import ApiRequestCount
from oap_directory.visitors import client_ip

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Link, Retry-After",
}
PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
    "Access-Control-Max-Age": "86400",
}


def seconds_to_wait(request):
    """Count this request against its client's minute; how long to wait when over the limit, else 0."""
    limit = settings.API_REQUESTS_PER_MINUTE
    if limit <= 0:
        return 0
    client = salted_hmac("oap_directory.api", client_ip(request)).hexdigest()
    now = timezone.now()
    minute = now.replace(second=0, microsecond=0)
    this_minute = ApiRequestCount.objects.filter(client=client, minute=minute)
    if not this_minute.update(count=F("count") + 1):
        try:
            with transaction.atomic():
                ApiRequestCount.objects.create(client=client, minute=minute)
        except IntegrityError:  # another worker counted this client's first request of the minute
            this_minute.update(count=F("count") + 1)
        else:
            ApiRequestCount.objects.filter(minute__lt=minute - timedelta(minutes=1)).delete()
            return 0
    if this_minute.values_list("count", flat=True).first() <= limit:
        return 0
    return 60 - now.second


def _too_many(wait):
    limit = settings.API_REQUESTS_PER_MINUTE
    response = JsonResponse(
        {"detail": f"Too many requests: at most {limit} a minute. Try again in {wait} seconds."},
        status=429,
    )
    response["Retry-After"] = str(wait)
    response["Cache-Control"] = "no-store"
    return response


class OpenDataMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(PREFIXES):
            return self.get_response(request)
        request.get_host()  # host validation first, as for every page
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            _set(response, PREFLIGHT_HEADERS)
        elif wait := seconds_to_wait(request):
            response = _too_many(wait)
        else:
            response = self.get_response(request)
            site = getattr(request, "site", None)
            if site is not None and response.status_code < 400:
                response["Link"] = f'<{site.content_licence_url}>; rel="license"'
        _set(response, CORS_HEADERS)
        return response


def _set(response, headers):
    for name, value in headers.items():
        response[name] = value
