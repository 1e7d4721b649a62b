import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class EditorImageStorage(FileSystemStorage):
    """Images uploaded through the rich-text editor: media/editor-images/<random>.<ext>."""

    def __init__(self, **kwargs):
        kwargs.setdefault("location", settings.MEDIA_ROOT / "editor-images")
        kwargs.setdefault("base_url", f"{settings.MEDIA_URL}editor-images/")
        super().__init__(**kwargs)

    def get_available_name(self, name, max_length=None):
        extension = PurePath(name).suffix.lower()[:5]
        return super().get_available_name(f"{uuid.uuid4().hex}{extension}", max_length=max_length)
