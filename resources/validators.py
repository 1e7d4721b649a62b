"""Uploaded resource files: an allow-list of types, checked by content as well as name."""

import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError

SIGNATURES = {
    ".pdf": b"%PDF-",
    ".png": b"\x89PNG\r\n\x1a\n",
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
}
OFFICE_FOLDERS = {".docx": "word/", ".xlsx": "xl/", ".pptx": "ppt/"}
ALLOWED = ", ".join(ext.lstrip(".").upper() for ext in [*SIGNATURES, *OFFICE_FOLDERS] if ext != ".jpeg")


def _is_office_document(upload, folder):
    try:
        with zipfile.ZipFile(upload) as archive:
            return any(name.startswith(folder) for name in archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)


def validate_resource_file(upload):
    extension = PurePath(upload.name).suffix.lower()
    limit_mb = settings.RESOURCE_MAX_UPLOAD_MB
    if upload.size > limit_mb * 1024 * 1024:
        raise ValidationError(f"The file is too big: the limit is {limit_mb} MB.")
    if extension not in SIGNATURES and extension not in OFFICE_FOLDERS:
        raise ValidationError(f"This type of file can’t be uploaded. Use one of: {ALLOWED}.")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if extension in SIGNATURES:
        matches = head.startswith(SIGNATURES[extension])
    else:
        matches = head.startswith(b"PK\x03\x04") and _is_office_document(upload, OFFICE_FOLDERS[extension])
    if not matches:
        raise ValidationError(f"The file’s contents don’t match its “{extension}” name. Save it again as {ALLOWED}.")
