from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from categories.admin import ContentAdmin
from oap_directory import revisions
from oap_directory.models import FooterLink, ImportRecord, SearchLog, SiteSettings, Synonym
from oap_directory.search.logs import KEEP_DAYS, insights

# Saves on published items by people who may not publish become pending changes (DESIGN.md, Workflow).
ContentAdmin.revisions = revisions


class FooterLinkInline(admin.TabularInline):
    model = FooterLink
    extra = 1


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    """One record per deployment: the change list goes straight to it."""

    inlines = [FooterLinkInline]
    fieldsets = [
        ("Council and service", {"fields": ["council_name", "council_website_url", "service_name"]}),
        ("Branding", {"fields": ["logo", "favicon", "brand_colour", "link_colour", "footer_text"]}),
        ("Contact", {"fields": ["contact_email", "contact_phone", "contact_details"]}),
        ("Security", {"fields": ["staff_2fa_required"]}),
        (
            "Vocabulary",
            {
                "fields": [
                    "show_child_voice",
                    "strategy_label_singular",
                    "strategy_label_plural",
                    "category_label_singular",
                    "category_label_plural",
                    "review_period_months",
                ]
            },
        ),
        (
            "Accessibility statement",
            {
                "fields": [
                    "accessibility_compliance",
                    "accessibility_known_issues",
                    "accessibility_contact",
                    "accessibility_tested_on",
                    "accessibility_prepared_on",
                    "accessibility_reviewed_on",
                ]
            },
        ),
        (
            "Privacy notice",
            {"fields": ["privacy_controller", "privacy_dpo_contact", "privacy_ico_number", "privacy_retention"]},
        ),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        SiteSettings.load()
        return redirect(reverse("admin:oap_directory_sitesettings_change", args=[1]))


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    """Acronyms and other words teachers use, applied to every search as it runs."""

    list_display = ["term", "synonyms"]
    search_fields = ["term", "synonyms"]


@admin.register(SearchLog)
class SearchLogAdmin(admin.ModelAdmin):
    """What people search for: top searches and searches that found nothing, so editors know what to write."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        days = 90 if request.GET.get("days") == "90" else 30
        context = {
            **self.admin_site.each_context(request),
            "title": "What people search for",
            "opts": self.model._meta,
            "insights": insights(days),
            "keep_days": KEEP_DAYS,
        }
        return TemplateResponse(request, "admin/oap_directory/searchlog/insights.html", context)


@admin.register(ImportRecord)
class ImportRecordAdmin(admin.ModelAdmin):
    """Every import: who, when, which file, what it did."""

    change_form_template = "admin/oap/importrecord_change_form.html"
    list_display = ["file_name", "kind", "created_by", "created_at", "undone_at"]
    list_filter = ["kind"]
    readonly_fields = ["kind", "file_name", "created_by", "created_at", "counts", "messages", "undone_at"]
    exclude = ["created_items"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
