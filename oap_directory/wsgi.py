"""WSGI entry point: `gunicorn oap_directory.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oap_directory.settings")

application = get_wsgi_application()

# Read once here, before gunicorn forks its workers from this process (preload_app), so that they share one copy of
# the English word list search's corrections consult (about 30 MB) rather than each reading its own.
from oap_directory.search.correction import english_words  # noqa: E402

english_words()
