"""Anonymous visitors: where a request comes from, and the guards on the forms that store something.

DESIGN.md (Teacher tools and pupil data): anonymous POSTs that store something — page feedback, resource
suggestions, a shared self-evaluation — check `Origin`/`Referer` against `SITE_URL`, carry a honeypot field, and
are capped per client address for an hour. The cap is keyed on a salted hash of the address held only in the
cache (the database cache, never with the submission), and nothing here sets a cookie.

    if not visitors.from_this_site(request) or visitors.is_robot(request):
        ...refuse (400)...
    if visitors.over_cap(request, "feedback", per_hour=20):
        ...ask them to try later (429)...

A leaf module like `richtext`, `content_types` and `pdf`: it imports no app, so the teacher-tool apps that sit
below the site-wide code may use it.
"""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

HONEYPOT_FIELD = "website"  # a field people never see (hidden by CSS and from screen readers) and robots fill in
CAP_SECONDS = 3600


def client_ip(request):
    """The visitor's address: REMOTE_ADDR, or with TRUSTED_PROXY_COUNT proxies in front, the address the
    outermost trusted proxy saw (counted from the right of X-Forwarded-For, which a visitor can pad on the left).
    Sign-in lockouts (django-axes) use it too. An entry that is not an IP address is not trusted."""
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= trusted:
            try:
                return str(ipaddress.ip_address(forwarded[-trusted]))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR", "")


def _origin(url):
    try:
        parts = urlsplit(url)
    except ValueError:  # not an address at all, e.g. "http://["
        return ""
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else ""


def from_this_site(request):
    """The form was posted from one of this site's own pages (Origin, or failing that Referer, matches SITE_URL)."""
    site = _origin(settings.SITE_URL)
    origin = request.META.get("HTTP_ORIGIN", "")
    if origin and origin != "null":
        return _origin(origin) == site
    return bool(site) and _origin(request.META.get("HTTP_REFERER", "")) == site


def is_robot(request):
    """Someone filled in the honeypot field that people never see."""
    return bool(request.POST.get(HONEYPOT_FIELD, "").strip())


def over_cap(request, scope, per_hour):
    """Count this request against the visitor's hourly cap for `scope`; True once they are over it."""
    address = salted_hmac("oap_directory.visitors", client_ip(request)).hexdigest()
    key = f"visitor-cap:{scope}:{address}"
    if cache.add(key, 1, CAP_SECONDS):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, CAP_SECONDS)
        return False
    return count > per_hour
