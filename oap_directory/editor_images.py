"""Images editors add to rich text (CKEditor's upload adapter posts here)."""

from django.http import JsonResponse
from django.views.decorators.http import require_POST
from django_ckeditor_5.forms import UploadFileForm
from django_ckeditor_5.storage_utils import handle_uploaded_file
from PIL import Image

from accounts.staff import is_staff_session

IMAGE_FORMATS = {"PNG", "JPEG"}


def _refuse(message, status=400):
    return JsonResponse({"error": {"message": message}}, status=status)


def _is_whole_image(upload):
    """A PNG or JPEG that Pillow can read to the end (a damaged file raises all sorts of errors)."""
    try:
        with Image.open(upload) as image:
            is_allowed = image.format in IMAGE_FORMATS
            image.verify()
    except Exception:  # noqa: BLE001 - any failure to read it means it is not a usable image
        return False
    finally:
        upload.seek(0)
    return is_allowed


@require_POST
def upload(request):
    """Staff with a verified session only (when 2FA is required); anything but a whole PNG or JPEG gets a 400."""
    if not is_staff_session(request):
        return _refuse("You do not have permission to upload files.", status=403)
    form = UploadFileForm(request.POST, request.FILES)
    if not form.is_valid():
        return _refuse(form.errors.get("upload", ["Choose an image to upload."])[0])
    if not _is_whole_image(request.FILES["upload"]):
        return _refuse("This file is not a PNG or JPEG image, or it is damaged. Save it again and upload it.")
    return JsonResponse({"url": handle_uploaded_file(request.FILES["upload"])})
