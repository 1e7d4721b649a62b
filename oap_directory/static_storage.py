"""Static files as whitenoise serves them in production: hashed names, gzip for everything, and Brotli as well for
the files every visitor downloads (our CSS and JavaScript: a smaller first visit). The admin's and CKEditor's
large bundles get gzip only: Brotli at its best quality takes most of a minute over them at every collectstatic."""

from pathlib import PurePath

from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage

VISITORS_DOWNLOAD = ("css/oap", "js/oap", "js/govuk-frontend")


class VisitorFirstCompressor(Compressor):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.gzip_only = Compressor(**{**kwargs, "use_brotli": False})

    def compress(self, path):
        """Files are compressed in parallel threads: choose a compressor per file, change none."""
        if any(f"/{prefix}" in PurePath(path).as_posix() for prefix in VISITORS_DOWNLOAD):
            return super().compress(path)
        return self.gzip_only.compress(path)


class StaticStorage(CompressedManifestStaticFilesStorage):
    def create_compressor(self, **kwargs):
        return VisitorFirstCompressor(**kwargs)
