"""Documents that live on the visitor's device: a school's self-evaluation, a pupil's plan, a provision map.

The server never stores them (DESIGN.md, Teacher tools and pupil data). Each request that carries one parses it
here and hands it back in one canonical form that the browser writes too (static/js/device-documents.js): UTF-8,
keys sorted, 2-space indent, trailing newline. Each kind of document has a JSON Schema in docs/ and a
`schema_version`; a file of another version, a malformed file or one too large is refused with a message a
teacher can act on.

A leaf module like `richtext`, `content_types`, `pdf` and `visitors` (decision 013): it imports no app.
"""

import csv
import hashlib
import io
import json
import re

import jsonschema
from django.conf import settings
from django.http import HttpResponse

MAX_BYTES = 1_000_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class DocumentError(ValueError):
    """The file or the posted document can't be used; the message says why, in words a teacher follows."""


def canonical(document):
    """The one written form of a document (a str; encode as UTF-8)."""
    return json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def posted_digest(document):
    """A digest of a document as the browser posted it, for the page: its script compares it with the copy it keeps,
    so that a page shown again later (a reload, the back button) never overwrites a later copy."""
    return hashlib.sha256(canonical(document).encode("utf-8")).hexdigest()


def clean_text(value, limit):
    """Typed text as a document keeps it: no control characters (they can't be printed), within its limit."""
    return _CONTROL.sub("", value or "").strip()[:limit]


def download_response(document, filename):
    """The document as a file to save, in its canonical form."""
    response = HttpResponse(canonical(document).encode("utf-8"), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def spreadsheet_cell(value):
    """Text that a spreadsheet would run as a formula is prefixed with an apostrophe."""
    value = str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_response(rows, filename):
    """A CSV file of `rows` (lists of cells; an empty list is a blank line) that spreadsheets open safely."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow(map(spreadsheet_cell, row))
    response = HttpResponse(("\ufeff" + out.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class DocumentKind:
    """One kind of device document: its schema (a file in docs/), its version and what a teacher calls it."""

    def __init__(self, schema_file, version, noun):
        self.version = version
        self.noun = noun  # "a self-evaluation", "a plan": used in messages
        schema = json.loads((settings.BASE_DIR / "docs" / schema_file).read_text(encoding="utf-8"))
        self._validator = jsonschema.Draft202012Validator(schema)

    def is_valid(self, document):
        return next(self._validator.iter_errors(document), None) is None

    def read_upload(self, upload):
        """The document in an uploaded file, read no further than a file could be; raises DocumentError."""
        return self.parse(upload.read(MAX_BYTES + 1))

    def parse(self, data):
        """The document in `data` (str or bytes), checked against the schema; raises DocumentError."""
        if isinstance(data, bytes):
            if len(data) > MAX_BYTES:
                raise DocumentError(f"This file is too large to be {self.noun}.")
            try:
                data = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise DocumentError(f"This file is not {self.noun} saved from this site.") from None
        if len(data) > MAX_BYTES:
            raise DocumentError(f"This file is too large to be {self.noun}.")
        try:
            document = json.loads(data)
        except (ValueError, RecursionError):
            raise DocumentError(f"This file is not {self.noun} saved from this site.") from None
        if not isinstance(document, dict) or "schema_version" not in document:
            raise DocumentError(f"This file is not {self.noun} saved from this site.")
        self._check_version(document["schema_version"])
        if not self.is_valid(document):
            raise DocumentError("This file has been changed outside this site and can't be read. Use an earlier copy.")
        try:
            canonical(document).encode("utf-8")
        except UnicodeEncodeError:
            raise DocumentError("This file contains characters that can't be saved. Use an earlier copy.") from None
        return document

    def _check_version(self, version):
        if version != self.version or isinstance(version, bool):
            raise DocumentError(
                "This file was saved in a format this site does not know (schema version "
                f"{str(version)[:20]}). Download a fresh copy from the site that made it."
            )
