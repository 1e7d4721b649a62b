"""Every public page is light: at most 150 KB and 10 requests on a first visit, and no web fonts.

How bytes are counted, honestly for production rather than for the test server:
- the page's HTML counts at its full size: the test server does not compress it, and neither does
  production (gunicorn, and the nginx example in docs/deploy.md has no gzip for proxied pages);
- static files count at their gzip size (level 9): production serves them through whitenoise, which
  stores a gzip copy of each and sends it to every browser that accepts gzip, as all do;
- content images (uploads under /media/) are left out, as the quality bar says.
Response headers are not counted. The first visit is a fresh browser context: nothing cached.
"""

import gzip
from urllib.parse import urlsplit

import pytest

from tests.browser.pages import PUBLIC_PAGES, SEARCH_PAGES

MAX_BYTES = 150 * 1024
MAX_REQUESTS = 10
PAGES = [(name, path) for name, path, _ in PUBLIC_PAGES] + SEARCH_PAGES[:3]


def _transferred(request):
    path = urlsplit(request.url).path
    response = request.response()
    body = response.body() if response else b""
    if path.startswith("/media/"):
        return 0
    if path.startswith("/static/"):
        return len(gzip.compress(body, compresslevel=9, mtime=0))
    return len(body)


@pytest.mark.parametrize(("name", "path"), PAGES, ids=[name for name, _ in PAGES])
def test_first_visit_is_light_and_uses_no_web_fonts(new_context, name, path):
    page = new_context(viewport={"width": 1280, "height": 800}).new_page()
    requests = []
    page.on("requestfinished", lambda request: requests.append(request))
    page.on("requestfailed", lambda request: requests.append(request))

    page.goto(path)

    sizes = {request.url: _transferred(request) for request in requests}
    summary = "\n".join(f"{size:>8} {url}" for url, size in sizes.items())
    assert len(requests) <= MAX_REQUESTS, f"{len(requests)} requests:\n{summary}"
    assert sum(sizes.values()) <= MAX_BYTES, f"{sum(sizes.values())} bytes:\n{summary}"
    assert not [request for request in requests if request.resource_type == "font"]
    assert page.evaluate("document.fonts.size") == 0, "the page declares a web font"
