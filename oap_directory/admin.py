from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from oap_directory.models import FooterLink, SiteSettings


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
