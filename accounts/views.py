"""Password reset and accepting an invitation: Django's own views, looking like the rest of the admin."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from accounts.emails import email_context
from accounts.forms import StaffPasswordResetForm


class _AdminLook:
    """The admin's header, colours and wording (site settings) on pages for people who are not signed in."""

    def get_context_data(self, **kwargs):
        context = {**admin.site.each_context(self.request), **super().get_context_data(**kwargs)}
        return context | {"link_hours": settings.PASSWORD_RESET_TIMEOUT // 3600}


class PasswordResetView(_AdminLook, auth_views.PasswordResetView):
    form_class = StaffPasswordResetForm
    subject_template_name = "accounts/email/password_reset_subject.txt"
    email_template_name = "accounts/email/password_reset.txt"
    success_url = reverse_lazy("admin:password_reset_done")
    title = "Forgotten your password?"

    def form_valid(self, form):
        self.extra_email_context = email_context(self.request)
        return super().form_valid(form)


class PasswordResetDoneView(_AdminLook, auth_views.PasswordResetDoneView):
    title = "Check your email"


class PasswordResetConfirmView(_AdminLook, auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("admin:password_reset_complete")
    title = "Choose a new password"


class InvitationAcceptView(PasswordResetConfirmView):
    """The link in an invitation: the new colleague chooses their password (once; the link then stops working)."""

    template_name = "registration/invitation_accept.html"
    title = "Choose your password"


class PasswordResetCompleteView(_AdminLook, auth_views.PasswordResetCompleteView):
    title = "Your password is set"
