"""WSGI entry point: `gunicorn oap_directory.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oap_directory.settings")

application = get_wsgi_application()
