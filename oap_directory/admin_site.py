from datetime import timedelta
from functools import wraps

from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from accounts.models import User
from accounts.staff import is_staff_session
from categories.content import Status
from oap_directory import content_types, review_queue
from oap_directory.models import Revision


class OapAdminSite(admin.AdminSite):
    """The admin, with a summary of editorial work on its home page."""

    site_header = "OAP Directory"
    index_template = "admin/oap/index.html"

    @property
    def login_form(self):
        from oap_directory.two_factor import SignInForm

        return SignInForm

    def has_permission(self, request):
        """Staff only; and verified by their authenticator app when they have one or the council requires it."""
        return super().has_permission(request) and is_staff_session(request)

    def admin_view(self, view, cacheable=False):
        """Every admin page refuses an address holding a NUL character (PostgreSQL cannot compare text with one)."""
        checked = super().admin_view(view, cacheable)

        @wraps(checked)
        def refuse_nul(request, *args, **kwargs):
            if any("\x00" in key or "\x00" in value for key, values in request.GET.lists() for value in values):
                context = {**self.each_context(request), "title": "This address cannot be used"}
                return TemplateResponse(request, "admin/oap/bad_request.html", context, status=400)
            return checked(request, *args, **kwargs)

        return refuse_nul

    def get_urls(self):
        from accounts import views as accounts
        from oap_directory import editor_dashboard, imports_admin, two_factor

        return [
            path("two-factor/", lambda request: two_factor.setup(request, self), name="two_factor"),
            # Staff by email: password reset from the sign-in page, and the link in an invitation.
            path("password-reset/", accounts.PasswordResetView.as_view(), name="password_reset"),
            path("password-reset/sent/", accounts.PasswordResetDoneView.as_view(), name="password_reset_done"),
            path(
                "password-reset/<uidb64>/<token>/",
                accounts.PasswordResetConfirmView.as_view(),
                name="password_reset_confirm",
            ),
            path(
                "password-reset/complete/", accounts.PasswordResetCompleteView.as_view(), name="password_reset_complete"
            ),
            path("welcome/<uidb64>/<token>/", accounts.InvitationAcceptView.as_view(), name="invitation_accept"),
            path(
                "content-packs/", self.admin_view(lambda r: imports_admin.content_packs(r, self)), name="content_packs"
            ),
            path("email-settings/", self.admin_view(lambda r: email_settings(r, self)), name="my_email_settings"),
            path("review/", self.admin_view(lambda r: review_queue.view(r, self)), name="review_queue"),
            path("word-import/", self.admin_view(lambda r: imports_admin.word_import(r, self)), name="word_import"),
            path(
                "word-import/undo/<int:record_id>/",
                self.admin_view(lambda r, record_id: imports_admin.undo_import(r, self, record_id)),
                name="word_import_undo",
            ),
            path(
                "word-import/submit/<int:record_id>/",
                self.admin_view(lambda r, record_id: imports_admin.submit_import(r, self, record_id)),
                name="word_import_submit",
            ),
            path("attention/", self.admin_view(lambda r: editor_dashboard.attention(r, self)), name="attention"),
            *super().get_urls(),
        ]

    def each_context(self, request):
        context = super().each_context(request)
        site = getattr(request, "site", None)
        if site is not None:
            context["site_header"] = f"{site.service_name} – {site.council_name}"
            context["site_title"] = f"{site.service_name} admin"
        return context

    def index(self, request, extra_context=None):
        from oap_directory import editor_dashboard

        attention = editor_dashboard.summary() if request.user.has_perm("feedback.view_pagefeedback") else None
        extra = {"workload": _workload(request), "attention": attention, "statement_gaps": _statement_gaps(request)}
        return super().index(request, {**extra, **(extra_context or {})})


class EmailSettingsForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["review_emails"]


def email_settings(request, site):
    """Each person turns review emails on or off for themselves."""
    form = EmailSettingsForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Saved your email settings.")
        return redirect(reverse("admin:my_email_settings"))
    context = {**site.each_context(request), "title": "Your email settings", "form": form}
    return TemplateResponse(request, "admin/oap/email_settings.html", context)


def _statement_gaps(request):
    """What the accessibility statement still lacks, for someone who can fill it in."""
    site = getattr(request, "site", None)
    if site is None or not request.user.has_perm("oap_directory.change_sitesettings"):
        return []
    return site.accessibility_statement_gaps()


def _workload(request):
    today = timezone.localdate()
    week_ago = timezone.now() - timedelta(days=7)
    waiting = dict(
        Revision.objects.waiting().values("content_type").annotate(n=Count("pk")).values_list("content_type", "n")
    )
    rows = []
    for model in content_types.models():
        opts = model._meta
        if not request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        rows.append(
            {
                "label": opts.verbose_name_plural.capitalize(),
                "in_review": model.objects.filter(status=Status.IN_REVIEW).count(),
                "changes_waiting": waiting.get(ContentType.objects.get_for_model(model).pk, 0),
                "changes_waiting_url": f"{changelist}?changes_waiting=yes",
                "overdue": model.objects.filter(status=Status.PUBLISHED, review_by__lt=today).count(),
                "recent": model.objects.filter(updated_at__gte=week_ago).count(),
                "in_review_url": f"{changelist}?status__exact={Status.IN_REVIEW}",
                "overdue_url": f"{changelist}?status__exact={Status.PUBLISHED}&review=overdue",
                "recent_url": changelist,
            }
        )
    return rows
