from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from oap_directory.imports_admin import import_summary
from oap_directory.models import FooterLink, GlossaryTerm, ImportRecord, SearchLog, SiteSettings, Synonym
from oap_directory.search.logs import KEEP_DAYS, insights


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
        ("Open data", {"fields": ["content_licence", "content_licence_url"]}),
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
                "description": "The regulations require a statement saying how accessible the site is. Test the "
                "site (or have it tested) against WCAG 2.2 AA, then fill in the compliance status, the date it was "
                "tested and the date you prepared the statement, and list anything that is not accessible. Until "
                "the compliance status and both dates are filled in, the public statement says the site has not "
                "yet been tested and the admin home reminds site managers.",
                "fields": [
                    "accessibility_compliance",
                    "accessibility_known_issues",
                    "accessibility_contact",
                    "accessibility_tested_on",
                    "accessibility_prepared_on",
                    "accessibility_reviewed_on",
                ],
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


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    """Plain-English explanations of the words the guidance uses, shown on the glossary page and beside search
    results. Changes go live when saved."""

    list_display = ["term", "also_known_as", "updated_at"]
    search_fields = ["term", "also_known_as", "definition"]
    prepopulated_fields = {"slug": ("term",)}


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
    fields = ["kind", "file_name", "created_by", "created_at", "undone_at"]
    readonly_fields = fields

    def change_view(self, request, object_id, form_url="", extra_context=None):
        record = self.get_object(request, object_id)
        summary = import_summary(record) if record is not None else None
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), "summary": summary})

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
