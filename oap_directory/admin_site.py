from datetime import timedelta

from django.contrib import admin
from django.urls import path, reverse
from django.utils import timezone

from categories.content import Status
from categories.models import Category, Strategy
from resources.models import Intervention, Resource

CONTENT_MODELS = [Strategy, Intervention, Resource, Category]


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
        from oap_directory import two_factor

        if not super().has_permission(request):
            return False
        if two_factor.has_device(request.user) or two_factor.is_required(request):
            return request.user.is_verified()
        return True

    def get_urls(self):
        from oap_directory import imports_admin, two_factor

        return [
            path("two-factor/", lambda request: two_factor.setup(request, self), name="two_factor"),
            path(
                "content-packs/", self.admin_view(lambda r: imports_admin.content_packs(r, self)), name="content_packs"
            ),
            path("word-import/", self.admin_view(lambda r: imports_admin.word_import(r, self)), name="word_import"),
            path(
                "word-import/undo/<int:record_id>/",
                self.admin_view(lambda r, record_id: imports_admin.undo_import(r, self, record_id)),
                name="word_import_undo",
            ),
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
        return super().index(request, {"workload": _workload(request), **(extra_context or {})})


def _workload(request):
    today = timezone.localdate()
    week_ago = timezone.now() - timedelta(days=7)
    rows = []
    for model in CONTENT_MODELS:
        opts = model._meta
        if not request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        rows.append(
            {
                "label": opts.verbose_name_plural.capitalize(),
                "in_review": model.objects.filter(status=Status.IN_REVIEW).count(),
                "overdue": model.objects.filter(status=Status.PUBLISHED, review_by__lt=today).count(),
                "recent": model.objects.filter(updated_at__gte=week_ago).count(),
                "in_review_url": f"{changelist}?status__exact={Status.IN_REVIEW}",
                "overdue_url": f"{changelist}?status__exact={Status.PUBLISHED}&review=overdue",
                "recent_url": changelist,
            }
        )
    return rows
