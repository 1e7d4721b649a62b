"""PDFs of pages, rendered on request by WeasyPrint, never stored.

A PDF is the page itself: the view renders its usual template, with the same print stylesheet the browser uses,
and this module turns that HTML into a PDF tagged for accessibility (PDF/UA-1; the document's language and title
come from the page's `<html lang>` and `<title>`).

- Nothing is fetched over the network: stylesheets and images are read from the static files and from the
  media folders that pages embed (editor images, the council's logo); every other address is refused, so a page
  can never make the server fetch a URL. `data:` URLs are allowed.
- Rendering takes a second or more of CPU, so each worker process renders one PDF at a time, with a short queue
  (DESIGN.md, Caching). Beyond it `Busy` is raised and `pdf_response` answers 503 with `Retry-After`: a clear
  "try again in a moment" page, never a pile-up of requests.

A leaf module: it imports no app (DESIGN.md), so any app's views may use it.
"""

import mimetypes
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

MEDIA_FOLDERS_PAGES_EMBED = ("editor-images/", "branding/")
QUEUE_LENGTH = 2  # requests that may wait for the renderer, besides the one rendering
WAIT_SECONDS = 15
RETRY_AFTER_SECONDS = 10

_renderer = threading.Lock()
_queue = threading.BoundedSemaphore(QUEUE_LENGTH + 1)


class Busy(Exception):
    """Too many PDFs are being made at once in this worker: try again in a moment."""


def _inside(root, relative):
    """`root / relative` if it stays inside `root` and is a file, else None."""
    root = Path(root).resolve()
    path = (root / relative).resolve()
    return path if path.is_relative_to(root) and path.is_file() else None


def local_file(path):
    """The file on disk that a page's static or media address points at, or None."""
    static_url, media_url = settings.STATIC_URL, settings.MEDIA_URL
    if path.startswith(static_url):
        relative = path[len(static_url) :]
        found = finders.find(relative) if ".." not in Path(relative).parts else None
        return Path(found) if found else _inside(settings.STATIC_ROOT, relative)  # collected, hashed names
    if path.startswith(media_url):
        relative = path[len(media_url) :]
        if relative.startswith(MEDIA_FOLDERS_PAGES_EMBED):
            return _inside(settings.MEDIA_ROOT, relative)
    return None


def _url_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFilesOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parts = urlsplit(url)
            path = local_file(unquote(parts.path)) if parts.scheme in ("http", "https") else None
            if path is None:
                raise ValueError(f"PDFs only embed this site's own static files and images, not {url[:200]}")
            mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime_type})

    return LocalFilesOnly(allowed_protocols={"data"})


def render_pdf(html, base_url=None):
    """The PDF of an HTML page (bytes). Raises Busy when this worker already has a full queue."""
    from weasyprint import HTML

    base_url = base_url or settings.SITE_URL
    if not _queue.acquire(blocking=False):
        raise Busy
    try:
        if not _renderer.acquire(timeout=WAIT_SECONDS):
            raise Busy
        try:
            document = HTML(string=html, base_url=base_url, url_fetcher=_url_fetcher())
            return document.write_pdf(pdf_variant="pdf/ua-1")
        finally:
            _renderer.release()
    finally:
        _queue.release()


def pdf_response(request, template, context, filename, cacheable=False):
    """Render `template` as a page and answer with its PDF, shown in the browser as `filename`.

    PDFs of public pages may be cached like the pages (`cacheable=True`); PDFs of a teacher's plan or a school's
    self-evaluation never are (the default).
    """
    html = render_to_string(template, {**context, "is_pdf": True}, request=request)
    try:
        content = render_pdf(html)
    except Busy:
        response = render(request, "pdf_busy.html", {"retry_after": RETRY_AFTER_SECONDS}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    if not cacheable:
        response["Cache-Control"] = "private, no-store"
    return response
