import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from oap_directory.models import SiteSettings

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"


def _code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=0):06d}"


def _sign_in(client, user, **extra):
    return client.post("/admin/login/?next=/admin/", {"username": user.email, "password": PASSWORD, **extra})


def test_staff_without_an_app_sign_in_with_a_password_when_not_required(client, editor):
    response = _sign_in(client, editor)
    assert response.status_code == 302 and response.url == "/admin/"


def test_staff_with_an_app_must_give_its_code(client, editor):
    device = TOTPDevice.objects.create(user=editor, name="Phone", confirmed=True)
    response = _sign_in(client, editor)
    assert "Enter the 6-digit code" in response.content.decode()
    response = _sign_in(client, editor, otp_token="000000" if _code(device) != "000000" else "111111")
    assert "That code is not right" in response.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows down guessing after a wrong code
    response = _sign_in(client, editor, otp_token=_code(device))
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_when_required_staff_must_set_up_an_app_first(client, editor):
    site = SiteSettings.load()
    site.staff_2fa_required = True
    site.save()
    _sign_in(client, editor)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response.url
    assert "set it up now" in client.get(response.url).content.decode()

    page = client.get("/admin/two-factor/")
    assert page.status_code == 200 and "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=editor)
    assert not device.confirmed
    response = client.post("/admin/two-factor/", {"token": _code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200


def test_environment_flag_makes_it_mandatory(client, editor, settings):
    settings.STAFF_2FA_REQUIRED = True
    _sign_in(client, editor)
    assert client.get("/admin/").status_code == 302


def test_setup_page_is_for_signed_in_staff_only(client, db):
    response = client.get("/admin/two-factor/")
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_a_wrong_code_does_not_confirm_the_app(client, editor):
    client.force_login(editor)
    client.get("/admin/two-factor/")
    device = TOTPDevice.objects.get(user=editor)
    wrong = "123456" if _code(device) != "123456" else "654321"
    response = client.post("/admin/two-factor/", {"token": wrong})
    assert "That code is not right" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


def _password_only_session(client, user, settings):
    """Signed in with a password while the council requires two-factor authentication: not yet verified."""
    settings.STAFF_2FA_REQUIRED = True
    _sign_in(client, user)
    assert client.get("/admin/").status_code == 302


def test_a_password_only_session_sees_no_previews_when_2fa_is_required(client, editor, settings):
    from categories.content import Status
    from tests.factories import make_category, make_resource, make_strategy

    _password_only_session(client, editor, settings)
    draft_category = make_category(status=Status.DRAFT)
    strategy = make_strategy(status=Status.DRAFT)
    resource = make_resource(status=Status.DRAFT)
    for url in [
        f"/strategies/{strategy.slug}/",
        f"/resources/{resource.slug}/",
        f"/categories/{draft_category.slug}/",
    ]:
        assert client.get(url).status_code == 404, url


def test_a_password_only_session_cannot_upload_images_when_2fa_is_required(client, editor, settings):
    _password_only_session(client, editor, settings)
    response = client.post("/ckeditor5/image_upload/", {"upload": _png()})
    assert response.status_code == 403
    assert not (settings.MEDIA_ROOT / "editor-images").exists()


def test_a_verified_session_previews_and_uploads(client, editor, settings):
    from categories.content import Status
    from tests.factories import make_strategy

    settings.STAFF_2FA_REQUIRED = True
    device = TOTPDevice.objects.create(user=editor, name="Phone", confirmed=True)
    _sign_in(client, editor, otp_token=_code(device))
    strategy = make_strategy(status=Status.DRAFT)
    assert client.get(f"/strategies/{strategy.slug}/").status_code == 200
    response = client.post("/ckeditor5/image_upload/", {"upload": _png()})
    assert response.status_code == 200 and response.json()["url"].startswith("/media/editor-images/")


def _png():
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return SimpleUploadedFile("chart.png", buffer.getvalue(), content_type="image/png")
