"""Settings for OAP Directory, read from the environment.

Every value has a safe production default; the Makefile turns DEBUG on for
local runs and tests. See docs/deploy.md for the full table.
"""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from import_export.formats.base_formats import CSV, XLSX

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=""):
    import os

    return os.environ.get(name, default)


def envbool(name, default="False"):
    value = env(name, default).strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name, default):
    value = env(name, str(default)).strip()
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "False")

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "development-only-not-secret"  # noqa: S105 - used only with DEBUG on

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS")
if DEBUG and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")

CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")


def canonical_origin(name, default):
    """An origin like https://oap.example.gov.uk: every absolute URL is built from it, never from the Host header."""
    from urllib.parse import urlsplit

    value = env(name, default).strip().rstrip("/")
    if not value:
        raise ImproperlyConfigured(f"{name} must be set when DEBUG is off, e.g. https://oap.example.gov.uk")
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.hostname or parts.path or parts.query or parts.fragment:
        raise ImproperlyConfigured(f"{name} must look like https://oap.example.gov.uk (no path), not {value!r}")
    return value


SITE_URL = canonical_origin("SITE_URL", f"http://127.0.0.1:{env('PORT', '8000')}" if DEBUG else "")

INSTALLED_APPS = [
    "oap_directory.apps.OapAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "taggit",
    "simple_history",
    "csp",
    "import_export",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_ckeditor_5",
    "accounts",
    "categories",
    "resources",
    "finder",
    "feedback",
    "selfreview",
    "planning",
    "oap_directory",
]

MIDDLEWARE = [
    "oap_directory.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Open data (/api/, /openreferral/): CORS and the per-client rate limit, before cached answers are served.
    "oap_directory.api.middleware.OpenDataMiddleware",
    # Host validation, then 304s and cached public pages before URL resolution and everything below.
    "oap_directory.page_cache.PublicPageMiddleware",
    "csp.middleware.CSPMiddleware",
    "oap_directory.middleware.PermissionsPolicyMiddleware",
    "oap_directory.middleware.AdminNoIndexMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "oap_directory.middleware.GoneAndMovedMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_RESET_ON_SUCCESS = True
# Lock a username from one client address only: failures for a made-up username, or from elsewhere,
# never lock real staff out. Usernames count in any case; the address comes from client_ip.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "accounts.lockout.username"
AXES_CLIENT_IP_CALLABLE = "oap_directory.visitors.client_ip"
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
STAFF_2FA_REQUIRED = envbool("STAFF_2FA_REQUIRED", "False")
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", "OAP Directory")

ROOT_URLCONF = "oap_directory.urls"
WSGI_APPLICATION = "oap_directory.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "oap_directory.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=600,
        conn_health_checks=True,
    )
}
PREPARED_STATEMENTS = envbool("DATABASE_PREPARED_STATEMENTS", "False")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Write-ahead logging: readers don't wait for a writer, and a small write (a search log) doesn't wait for a disk flush.
    # Concurrent saves wait for each other instead of failing with "database is locked": a transaction takes the
    # write lock when it starts (IMMEDIATE), and a second writer waits up to 20 seconds for it.
    # Pages are read through memory mapping (up to 256 MB): a connection lasts one request here, so its own page cache
    # starts empty each time, while mapped pages are shared through the operating system's cache (docs/deploy.md:
    # keep the file on a local disk).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=268435456;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    # PostgreSQL: parameters are bound by the server, not quoted into the statement by the client (docs/decisions/017):
    # works through any connection pooler. With DATABASE_PREPARED_STATEMENTS=true a statement a connection has run
    # five times is also parsed and planned only once: for a database reached directly (not through a pooler that
    # cannot keep prepared statements) whose app servers are restarted after every `migrate` (docs/deploy.md).
    # Options given in DATABASE_URL (e.g. ?sslmode=require) win over these.
    postgres_options = {"server_side_binding": True}
    if PREPARED_STATEMENTS:
        postgres_options["prepare_threshold"] = 5
    DATABASES["default"]["OPTIONS"] = postgres_options | DATABASES["default"].get("OPTIONS", {})
if env("TEST_DB_SUFFIX") and DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    # Concurrent runs on one PostgreSQL server each get their own test database.
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}{env('TEST_DB_SUFFIX')}"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Public pages for anonymous visitors are cached in the database (oap_directory/page_cache.py), and browsers and
# CDNs may keep them for PUBLIC_MAX_AGE seconds, then use them while revalidating (a 304 costs one small query).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "oap_cache",
        "OPTIONS": {"MAX_ENTRIES": 6000},  # three encodings of up to 2,000 pages
    }
}
PAGE_CACHE_SECONDS = envint("PAGE_CACHE_SECONDS", 600)
PUBLIC_MAX_AGE = envint("PUBLIC_MAX_AGE", 60)
PUBLIC_STALE_WHILE_REVALIDATE = envint("PUBLIC_STALE_WHILE_REVALIDATE", 600)
API_REQUESTS_PER_MINUTE = envint("API_REQUESTS_PER_MINUTE", 120)  # per client address; 0 turns the limit off
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "admin:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Resource files: never at a public address; sent only while their resource is published (resources/files.py).
    "resource_files": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "oap_directory.static_storage.StaticStorage"
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
SERVE_MEDIA = envbool("SERVE_MEDIA", "False")
# With nginx in front: resource files are streamed by nginx from this internal location (docs/deploy.md).
MEDIA_X_ACCEL_REDIRECT = env("MEDIA_X_ACCEL_REDIRECT")
if MEDIA_X_ACCEL_REDIRECT and not (MEDIA_X_ACCEL_REDIRECT.startswith("/") and MEDIA_X_ACCEL_REDIRECT.endswith("/")):
    raise ImproperlyConfigured("MEDIA_X_ACCEL_REDIRECT must look like '/protected-media/'.")
# Or resource files in a private S3-compatible bucket, handed out through short-lived signed addresses.
if env("S3_BUCKET"):
    STORAGES["resource_files"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("S3_BUCKET"),
            "endpoint_url": env("S3_ENDPOINT_URL") or None,
            "region_name": env("S3_REGION") or None,
            "access_key": env("S3_ACCESS_KEY_ID") or None,
            "secret_key": env("S3_SECRET_ACCESS_KEY") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": envint("S3_URL_SECONDS", 60),
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "private, no-store"},
        },
    }

ADMIN_URL = env("ADMIN_URL", "admin/")
if not ADMIN_URL.endswith("/") or ADMIN_URL.startswith("/"):
    raise ImproperlyConfigured("ADMIN_URL must look like 'admin/': no leading slash, one trailing slash.")

# Security. Production defaults; DEBUG relaxes only what local HTTP needs.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", str(not DEBUG))
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if envbool("TRUST_X_FORWARDED_PROTO", "False"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = envint("STAFF_SESSION_HOURS", 8) * 3600
SECURE_HSTS_SECONDS = 0 if DEBUG else 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", str(not DEBUG))
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

# Content Security Policy (django-csp 4). No inline scripts: GOV.UK's one-line body-start script
# (templates/base.html) is allowed by its hash. Styles may be inline: the council's colours are
# set at runtime in a <style> block, and CKEditor styles its own widgets.
GOVUK_BODY_SCRIPT_HASH = "'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, GOVUK_BODY_SCRIPT_HASH],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Uploads: Django's own limits plus per-field validation in resources.validators.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10_485_760
RESOURCE_MAX_UPLOAD_MB = envint("RESOURCE_MAX_UPLOAD_MB", 20)

EMAIL_HOST = env("EMAIL_HOST")
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "True")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "noreply@localhost")
if DEBUG and not EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"  # `make run` prints invitations and resets
# Invitation and password-reset links work once, for 72 hours.
PASSWORD_RESET_TIMEOUT = 72 * 3600

ROBOTS_NOINDEX = envbool("ROBOTS_NOINDEX", "False")

# How many proxies in front of the app add their entry to X-Forwarded-For (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)

# The link checker (manage.py check_links) never asks private, loopback or link-local addresses; only tests,
# which check links against a local server, turn this on. Not read from the environment.
LINK_CHECK_ALLOW_PRIVATE = False

# Spreadsheet import and export (django-import-export): publishers import, anyone who can view exports.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "publish"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_FORMATS = [CSV, XLSX]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "oap_directory.logs.RequestIdFilter"}},
    "formatters": {
        "keyvalue": {
            "format": "time=%(asctime)s level=%(levelname)s logger=%(name)s request_id=%(request_id)s "
            "message=%(message)s",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "keyvalue", "filters": ["request_id"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO").upper()},
    "loggers": {
        "django": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO").upper(), "propagate": False},
        # WeasyPrint reports every screen-only CSS rule it skips in a PDF: only its errors matter.
        "weasyprint": {"level": "ERROR"},
        # At DEBUG it logs whole template contexts, which for the teacher tools hold what visitors typed.
        "django.template": {"level": "INFO"},
        "fontTools": {"level": "ERROR"},
    },
}

TAGGIT_CASE_INSENSITIVE = True

# Rich text: the toolbar is exactly the allow-list in oap_directory/richtext.py.
CKEDITOR_5_FILE_UPLOAD_PERMISSION = "staff"
CKEDITOR_5_MAX_FILE_SIZE = 2  # megabytes
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "jpg", "png"]
CKEDITOR_5_CONFIGS = {
    "default": {
        "toolbar": {
            "items": [
                "heading",
                "|",
                "bold",
                "italic",
                "link",
                "bulletedList",
                "numberedList",
                "blockQuote",
                "|",
                "insertTable",
                "imageUpload",
                "|",
                "undo",
                "redo",
            ],
        },
        "heading": {
            "options": [
                {"model": "paragraph", "title": "Paragraph", "class": "ck-heading_paragraph"},
                {"model": "heading2", "view": "h2", "title": "Heading 2", "class": "ck-heading_heading2"},
                {"model": "heading3", "view": "h3", "title": "Heading 3", "class": "ck-heading_heading3"},
                {"model": "heading4", "view": "h4", "title": "Heading 4", "class": "ck-heading_heading4"},
            ]
        },
        "image": {"toolbar": ["imageTextAlternative"]},
        "table": {"contentToolbar": ["tableColumn", "tableRow", "mergeTableCells", "toggleTableCaption"]},
    }
}
CKEDITOR_5_CUSTOM_CSS = None
CKEDITOR_5_FILE_STORAGE = "oap_directory.storage.EditorImageStorage"
