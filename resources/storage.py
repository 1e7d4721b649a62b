"""Where resource files are kept: never at a public address.

Local disk (MEDIA_ROOT/resources/) or a private S3-compatible bucket, chosen in settings (STORAGES["resource_files"],
from environment variables). Files reach visitors only through `resources.files.send`, which checks the
resource is published first.
"""

import secrets
from pathlib import PurePath

from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.utils.functional import LazyObject, empty


class _ResourceFileStorage(LazyObject):
    """STORAGES["resource_files"], looked up when first used (and again if a test swaps it)."""

    def _setup(self):
        self._wrapped = storages["resource_files"]


resource_file_storage = _ResourceFileStorage()


def _storages_changed(setting, **kwargs):
    if setting == "STORAGES":
        resource_file_storage._wrapped = empty


setting_changed.connect(_storages_changed, dispatch_uid="resources.storage")


def storage():
    """For FileField(storage=…): the storage is chosen by settings, not written into migrations."""
    return resource_file_storage


def unguessable_name(instance, filename):
    """resources/<22 random characters>.<ext>: the name says nothing about the file and cannot be guessed."""
    extension = PurePath(filename).suffix.lower()[:6]
    return f"resources/{secrets.token_urlsafe(16)}{extension}"
