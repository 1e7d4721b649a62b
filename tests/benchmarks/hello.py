"""The load benchmark's baseline: a bare Django "hello" view with two middleware, nothing else.

Served by the same gunicorn settings as the site (`gunicorn -c gunicorn.conf.py tests.benchmarks.hello:application`)
in the same run, so that each page's throughput can be given as a fraction of what Django and gunicorn alone manage
on this machine at that moment. No database, no templates, no sessions.
"""

import os

import django
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path


def hello(request):
    return HttpResponse("hello\n", content_type="text/plain")


urlpatterns = [path("", hello)]

settings.configure(
    DEBUG=False,
    SECRET_KEY=os.environ.get("SECRET_KEY", "hello-benchmark-only"),
    ALLOWED_HOSTS=os.environ.get("ALLOWED_HOSTS", "127.0.0.1").split(","),
    ROOT_URLCONF=__name__,
    MIDDLEWARE=["django.middleware.security.SecurityMiddleware", "django.middleware.common.CommonMiddleware"],
    INSTALLED_APPS=[],
    DATABASES={},
    USE_TZ=True,
    SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
    LOGGING_CONFIG=None,
)
django.setup()
application = get_wsgi_application()
