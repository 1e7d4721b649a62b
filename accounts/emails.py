"""Emails to staff about their own account. Every link is built from SITE_URL, never from the request's host."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def email_context(request):
    """What every account email says about the service: its name, address and how long a link works."""
    site = getattr(request, "site", None)
    return {
        "site_url": settings.SITE_URL,
        "service_name": site.service_name if site else "OAP Directory",
        "council_name": site.council_name if site else "",
        "link_hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
    }


def send_invitation(request, user):
    """Email `user` a link to choose their password. It works once, and for 72 hours (PASSWORD_RESET_TIMEOUT)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("admin:invitation_accept", args=[uid, default_token_generator.make_token(user)])
    context = {**email_context(request), "user": user, "invited_by": request.user, "link": settings.SITE_URL + path}
    subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
    send_mail(subject, render_to_string("accounts/email/invitation.txt", context), None, [user.email])
