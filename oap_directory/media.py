import posixpath

from django.conf import settings
from django.http import Http404
from django.views.static import serve

SAFE_INLINE_TYPES = {"image/png", "image/jpeg", "application/pdf"}
# Resource files are only ever sent by resources.views.resource_file, which checks the resource is published.
PRIVATE_FOLDERS = ("resources/",)


def serve_media(request, path):
    """Serve an uploaded file so that nothing uploaded can run as a page on this site."""
    if not (settings.DEBUG or settings.SERVE_MEDIA):
        raise Http404
    if posixpath.normpath("/" + path).lstrip("/").startswith(PRIVATE_FOLDERS):
        raise Http404
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except (OSError, ValueError):  # a name too long for the file system, or one it cannot hold
        raise Http404 from None
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    if response.get("Content-Type", "").split(";")[0] not in SAFE_INLINE_TYPES:
        response["Content-Disposition"] = "attachment"
    return response
