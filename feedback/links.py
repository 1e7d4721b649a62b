"""Checking the web addresses the content links to: resources' links and every link in rich text.

Each address is asked for with HEAD, then GET if HEAD fails, with a short timeout, at most one request per host
per second and a User-Agent naming this service; redirects are followed by hand (at most MAX_REDIRECTS). Before
each request, and after each redirect, the host's addresses are looked up and private, loopback, link-local and
other non-public addresses are refused (unless LINK_CHECK_ALLOW_PRIVATE, which only tests set); the connection
then goes to the address that was checked, so a second lookup cannot point it elsewhere.
"""

import http.client
import ipaddress
import re
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils import timezone

from categories.content import Status
from categories.models import Category, Strategy
from feedback.models import LinkCheck
from resources.models import Intervention, Resource

TIMEOUT_SECONDS = 5
HOST_INTERVAL_SECONDS = 1.0
MAX_REDIRECTS = 5
REDIRECTS = {301, 302, 303, 307, 308}
HREF = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
# Rich-text fields whose links are checked, by model.
RICH_TEXT = {Strategy: ["why", "how"], Intervention: ["description"], Category: ["introduction"]}

_last_request_at = {}


class Refused(Exception):
    """The address is not on the public internet."""


@dataclass
class Result:
    outcome: str
    status_code: int | None = None
    final_url: str = ""
    error: str = ""


def _user_agent():
    return f"OAP Directory link checker (+{settings.SITE_URL})"


def _public_address(host, port):
    """The first address `host` resolves to, after checking that every one is on the public internet."""
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise OSError(f"The host name could not be found ({error})") from error
    addresses = [ipaddress.ip_address(answer[4][0].split("%")[0]) for answer in answers]
    if not settings.LINK_CHECK_ALLOW_PRIVATE:
        for address in addresses:
            if not address.is_global or address.is_multicast:
                raise Refused(f"{host} is a private or local address ({address})")
    return str(addresses[0])


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _wait_for(host):
    """At most one request per host per HOST_INTERVAL_SECONDS."""
    last = _last_request_at.get(host)
    if last is not None:
        wait = HOST_INTERVAL_SECONDS - (time.monotonic() - last)
        if wait > 0:
            time.sleep(wait)
    _last_request_at[host] = time.monotonic()


def _ask(method, url):
    """(status, Location header) for one request to `url`; OSError when it fails, Refused when not public."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:  # "http://[", or a port out of range: a remote site's redirect can say anything
        raise OSError(f"Not a web address ({error})") from error
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise OSError("Not a web address")
    address = _public_address(parts.hostname, port)
    _wait_for(parts.hostname)
    connection_class = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
    connection = connection_class(parts.hostname, port, address, TIMEOUT_SECONDS)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request(method, target, headers={"User-Agent": _user_agent(), "Accept": "*/*"})
        response = connection.getresponse()
        return response.status, response.getheader("Location", "")
    except (http.client.HTTPException, ssl.SSLError, ValueError) as error:
        raise OSError(str(error) or error.__class__.__name__) from error
    finally:
        connection.close()


def _ask_head_then_get(url):
    try:
        status, location = _ask("HEAD", url)
        if status < 400:
            return status, location
    except Refused:
        raise
    except OSError:
        pass
    return _ask("GET", url)


def check(url):
    """What happens when someone follows `url`: works, redirects elsewhere, broken, or refused as not public."""
    current = url
    try:
        for _ in range(MAX_REDIRECTS + 1):
            status, location = _ask_head_then_get(current)
            if status in REDIRECTS and location:
                try:
                    current = urljoin(current, location)
                except ValueError as error:
                    raise OSError(f"Redirected to something that is not a web address ({error})") from error
                continue
            if status >= 400:
                return Result(LinkCheck.Outcome.BROKEN, status, current, f"The server answered {status}")
            outcome = LinkCheck.Outcome.OK if current == url else LinkCheck.Outcome.REDIRECTED
            return Result(outcome, status, current)
        return Result(LinkCheck.Outcome.BROKEN, status, current, "Too many redirects")
    except Refused as error:
        return Result(LinkCheck.Outcome.REFUSED, None, current, str(error)[:200])
    except OSError as error:
        return Result(LinkCheck.Outcome.BROKEN, None, current, (str(error) or "The connection failed")[:200])


def links_in(html):
    """The absolute web addresses linked from a piece of rich text."""
    return [href for href in HREF.findall(html or "") if href.lower().startswith(("http://", "https://"))]


def addresses_in_use():
    """Every external address the content uses (not archived), mapped to the items that use it."""
    used = {}
    for resource in Resource.objects.exclude(status=Status.ARCHIVED).exclude(url="").only("title", "url", "slug"):
        used.setdefault(resource.url, []).append(resource)
    for intervention in Intervention.objects.exclude(status=Status.ARCHIVED).exclude(evidence_source_url=""):
        used.setdefault(intervention.evidence_source_url, []).append(intervention)
    for model, fields in RICH_TEXT.items():
        for item in model.objects.exclude(status=Status.ARCHIVED).only("slug", *fields, *_title_field(model)):
            for field in fields:
                for href in links_in(getattr(item, field)):
                    if item not in used.setdefault(href, []):
                        used[href].append(item)
    return used


def _title_field(model):
    return ["title"] if hasattr(model, "title") else ["name"]


def check_all(urls=None, now=None):
    """Check every address in use (or `urls`), store each result, and forget addresses no longer used."""
    urls = sorted(urls if urls is not None else addresses_in_use())
    for url in urls:
        result = check(url)
        LinkCheck.objects.update_or_create(
            url=url[:500],
            defaults={
                "outcome": result.outcome,
                "status_code": result.status_code,
                "final_url": result.final_url[:2000],
                "error": result.error,
                "checked_at": now or timezone.now(),
            },
        )
    LinkCheck.objects.exclude(url__in=urls).delete()
    return LinkCheck.objects.filter(url__in=urls)
