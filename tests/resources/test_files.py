"""Resource files: only a published resource's file is public, and nobody keeps a copy.

Files are sent through a view that checks publication, under unguessable names, never public-cacheable;
nginx streams them through X-Accel-Redirect; in a bucket they are reached through short-lived signed addresses.
"""

import importlib
import json
import os
import re
import subprocess
import sys
from urllib.parse import parse_qs, urlparse

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from categories.content import Status
from resources.models import Resource
from tests.factories import make_resource

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7 the guide"
NAME = re.compile(r"resources/[A-Za-z0-9_-]{22}\.pdf")


def _with_file(status=Status.PUBLISHED, **overrides):
    resource = make_resource(url="", status=status, **overrides)
    resource.file = SimpleUploadedFile("Guide for Jo Bloggs.pdf", PDF, content_type="application/pdf")
    resource.save()
    return resource


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_drafts_file_cannot_be_downloaded_by_the_public(client, settings):
    settings.SERVE_MEDIA = True
    for status in [Status.DRAFT, Status.IN_REVIEW]:
        resource = _with_file(status)
        assert client.get(f"/resources/{resource.slug}/file/").status_code == 404
        assert client.get(f"/media/{resource.file.name}").status_code == 404


def test_an_archived_resources_file_is_gone(client):
    resource = _with_file(Status.ARCHIVED)
    assert client.get(f"/resources/{resource.slug}/file/").status_code == 410


def test_a_published_file_downloads_and_is_only_privately_cacheable(client):
    resource = _with_file()
    page = client.get(resource.get_absolute_url()).content.decode()
    assert f'href="/resources/{resource.slug}/file/"' in page and resource.file.name not in page
    response = client.get(f"/resources/{resource.slug}/file/")
    assert response.status_code == 200 and _body(response) == PDF
    assert response["Cache-Control"].startswith("private") and "public" not in response["Cache-Control"]
    assert response["Content-Disposition"] == f'inline; filename="{resource.slug}.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_unpublishing_stops_the_download_at_once(client):
    resource = _with_file()
    assert client.get(f"/resources/{resource.slug}/file/").status_code == 200
    Resource.objects.filter(pk=resource.pk).update(status=Status.DRAFT)
    assert client.get(f"/resources/{resource.slug}/file/").status_code == 404


def test_staff_may_preview_a_drafts_file_without_it_being_kept(client, editor):
    resource = _with_file(Status.DRAFT)
    client.force_login(editor)
    response = client.get(f"/resources/{resource.slug}/file/")
    assert response.status_code == 200 and _body(response) == PDF
    assert response["Cache-Control"] == "private, no-store"


def test_media_never_serves_resource_files_even_when_published(client, settings):
    settings.SERVE_MEDIA = True
    resource = _with_file()
    for path in [resource.file.name, f"./{resource.file.name}", f"editor-images/../{resource.file.name}"]:
        assert client.get(f"/media/{path}").status_code == 404, path


def test_stored_names_are_unguessable_and_never_the_uploaded_name():
    first, second = _with_file(), _with_file()
    assert NAME.fullmatch(first.file.name) and NAME.fullmatch(second.file.name)
    assert first.file.name != second.file.name and "Bloggs" not in first.file.name


def test_other_files_keep_their_type_and_download_as_attachments(client):
    resource = make_resource(url="")
    resource.file = SimpleUploadedFile("Plan.DOCX", b"PK\x03\x04 not really", content_type="application/zip")
    resource.save()
    response = client.get(f"/resources/{resource.slug}/file/")
    assert response["Content-Disposition"] == f'attachment; filename="{resource.slug}.docx"'
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_behind_nginx_the_file_is_streamed_from_an_internal_location(client, settings):
    settings.MEDIA_X_ACCEL_REDIRECT = "/protected-media/"
    resource = _with_file()
    response = client.get(f"/resources/{resource.slug}/file/")
    assert response["X-Accel-Redirect"] == f"/protected-media/{resource.file.name}"
    assert response.content == b"" and response["Cache-Control"].startswith("private")
    Resource.objects.filter(pk=resource.pk).update(status=Status.DRAFT)
    assert "X-Accel-Redirect" not in client.get(f"/resources/{resource.slug}/file/")


S3 = {
    "BACKEND": "storages.backends.s3.S3Storage",
    "OPTIONS": {
        "bucket_name": "council-files",
        "endpoint_url": "https://s3.example.test",
        "region_name": "eu-west-2",
        "access_key": "test-key",
        "secret_key": "test-secret",
        "querystring_expire": 60,
    },
}


def test_with_a_bucket_the_file_is_reached_through_a_short_lived_signed_address(client, settings):
    resource = make_resource(url="")
    Resource.objects.filter(pk=resource.pk).update(file="resources/AbCdEfGhIjKlMnOpQrStUv.pdf")
    settings.STORAGES = {**settings.STORAGES, "resource_files": S3}
    response = client.get(f"/resources/{resource.slug}/file/")
    assert response.status_code == 302 and response["Cache-Control"] == "private, no-store"
    address = urlparse(response.url)
    query = parse_qs(address.query)
    assert address.netloc == "s3.example.test" and address.path == "/council-files/resources/AbCdEfGhIjKlMnOpQrStUv.pdf"
    assert query["X-Amz-Expires"] == ["60"] and query["X-Amz-Signature"]
    assert query["response-cache-control"] == ["private, max-age=300"]
    Resource.objects.filter(pk=resource.pk).update(status=Status.DRAFT)
    assert client.get(f"/resources/{resource.slug}/file/").status_code == 404


def test_files_uploaded_before_keep_working_under_new_unguessable_names(client, settings):
    resource = make_resource(url="")
    old = "resources/2025/03/phonics-guide.pdf"
    storage = Resource._meta.get_field("file").storage
    storage.save(old, ContentFile(PDF))
    Resource.objects.filter(pk=resource.pk).update(file=old)
    resource.history.update(file=old)
    migration = importlib.import_module("resources.migrations.0004_private_resource_files")
    migration.rename_existing_files(apps, None)
    resource.refresh_from_db()
    assert NAME.fullmatch(resource.file.name) and not storage.exists(old)
    assert set(resource.history.values_list("file", flat=True)) == {resource.file.name}
    assert _body(client.get(f"/resources/{resource.slug}/file/")) == PDF


def test_a_private_bucket_is_configured_from_the_environment():
    check = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.STORAGES['resource_files']))"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith("S3_")}
    environment |= {
        "DJANGO_SETTINGS_MODULE": "oap_directory.settings",
        "DEBUG": "true",
        "S3_BUCKET": "council-files",
        "S3_ENDPOINT_URL": "https://s3.example.test",
        "S3_URL_SECONDS": "120",
    }
    result = subprocess.run(
        [sys.executable, "-c", check], env=environment, capture_output=True, text=True, cwd=settings.BASE_DIR
    )
    configured = json.loads(result.stdout)
    assert configured["BACKEND"] == "storages.backends.s3.S3Storage", result.stderr
    options = configured["OPTIONS"]
    assert options["bucket_name"] == "council-files" and options["endpoint_url"] == "https://s3.example.test"
    assert options["default_acl"] == "private" and options["querystring_auth"] is True
    assert options["querystring_expire"] == 120 and options["file_overwrite"] is False
