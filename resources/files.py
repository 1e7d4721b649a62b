"""Sending a resource's file to someone allowed to have it (the view checks that first).

Never cacheable by anyone but the person's own browser: a file must disappear when its resource is unpublished.
Local files are sent by Django, or by nginx through X-Accel-Redirect (MEDIA_X_ACCEL_REDIRECT); files in a
bucket through a short-lived signed address.
"""

import mimetypes
from pathlib import PurePath
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header

SAFE_INLINE_TYPES = {"image/png", "image/jpeg", "application/pdf"}


def send(field_file, download_name, is_preview=False):
    name = field_file.name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    headers = {
        "Cache-Control": "private, no-store" if is_preview else "private, max-age=300",
        "Content-Disposition": content_disposition_header(content_type not in SAFE_INLINE_TYPES, download_name),
        "Content-Type": content_type,
    }
    try:
        path = field_file.storage.path(name)
    except NotImplementedError:  # a bucket: the browser fetches the file itself, with a signed address
        return _redirect_to_signed_url(field_file, headers)
    if settings.MEDIA_X_ACCEL_REDIRECT:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.MEDIA_X_ACCEL_REDIRECT + quote(name)
    else:
        try:
            response = FileResponse(open(path, "rb"), content_type=content_type)  # noqa: SIM115 - FileResponse closes it
        except OSError:
            raise Http404 from None
    for header, value in headers.items():
        response[header] = value
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _redirect_to_signed_url(field_file, headers):
    url = field_file.storage.url(
        field_file.name,
        parameters={
            "ResponseCacheControl": headers["Cache-Control"],
            "ResponseContentDisposition": headers["Content-Disposition"],
            "ResponseContentType": headers["Content-Type"],
        },
    )
    response = HttpResponseRedirect(url)
    response["Cache-Control"] = "private, no-store"
    return response


def download_name(slug, name):
    """What the file is called on the reader's computer: the resource's slug and the file's extension."""
    return f"{slug}{PurePath(name).suffix.lower()}"
