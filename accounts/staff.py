"""Whether a request comes from a staff session that may use staff capabilities.

Staff who have set up an authenticator app, or whose council requires two-factor authentication, count as
staff only once their session is verified by a code: the admin, draft previews on the public site, uploads
and unpublished files all ask `is_staff_session(request)`.
"""

from django.conf import settings
from django_otp import devices_for_user


def has_device(user):
    """Whether the person has a confirmed authenticator app (asked once per request: kept on the request's user)."""
    if not user.is_authenticated:
        return False
    if not hasattr(user, "_has_confirmed_device"):
        user._has_confirmed_device = any(devices_for_user(user, confirmed=True))
    return user._has_confirmed_device


def two_factor_required(request):
    """Required by the environment (STAFF_2FA_REQUIRED) or by the council's site settings (`request.site`)."""
    site = getattr(request, "site", None)
    return settings.STAFF_2FA_REQUIRED or bool(site and site.staff_2fa_required)


def is_staff_session(request):
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if has_device(user) or two_factor_required(request):
        return user.is_verified()
    return True
