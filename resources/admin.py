from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from categories.admin import REVIEW_FIELDS, ContentAdmin
from categories.admin_filters import CategoryListFilter
from categories.admin_inputs import SafeAutocomplete, SpreadsheetImportExport
from resources import costing
from resources.models import CostingPolicy, Intervention, Resource, StaffRole, StrategyIntervention, StrategyResource
from resources.spreadsheets import InterventionSpreadsheet, ResourceSpreadsheet


class StrategyResourceInline(SafeAutocomplete, admin.TabularInline):
    model = StrategyResource
    autocomplete_fields = ["resource"]
    extra = 1
    verbose_name = "linked resource"
    verbose_name_plural = "linked resources (in the order shown on the strategy page)"


class StrategyInterventionInline(SafeAutocomplete, admin.TabularInline):
    model = StrategyIntervention
    autocomplete_fields = ["intervention"]
    extra = 1
    verbose_name = "suggested intervention"
    verbose_name_plural = "suggested interventions (in order)"


@admin.register(Resource)
class ResourceAdmin(SpreadsheetImportExport, ContentAdmin):
    resource_classes = [ResourceSpreadsheet]
    list_display = ["title", "kind", "provider", "status", "review_by"]
    list_filter = ["status", "kind", "phases"]
    search_fields = ["title", "summary", "provider"]
    prepopulated_fields = {"slug": ("title",)}
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "summary"]}),
        ("Link or file", {"fields": ["url", "file"]}),
        ("Who it is for", {"fields": ["provider", "audience", "phases", "tags"]}),
        REVIEW_FIELDS,
    ]


@admin.register(Intervention)
class InterventionAdmin(SpreadsheetImportExport, ContentAdmin):
    resource_classes = [InterventionSpreadsheet]
    list_display = ["name", "level", "evidence_strength", "cost_per_pupil_per_year", "status", "review_by"]
    list_filter = ["status", "level", "evidence_strength", "phases", CategoryListFilter]
    list_select_related = ["level"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ["categories", "resources"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "summary", "description"]}),
        ("Delivery", {"fields": ["who_delivers", "group_size", "frequency", "duration"]}),
        (
            "Costing",
            {
                "fields": [
                    "staff_role",
                    "pupils_per_group",
                    "minutes_per_session",
                    "sessions_per_week",
                    "weeks",
                    "resource_cost_per_pupil",
                ],
                "description": costing.FORMULA_TEXT,
            },
        ),
        (
            "Cost and evidence",
            {"fields": ["level", "cost_per_pupil_per_year", "cost_notes", "evidence_strength", "evidence_source_url"]},
        ),
        ("Where it applies", {"fields": ["phases", "categories", "resources", "tags"]}),
        (
            "Local service (open data)",
            {"fields": ["is_local_service", "provider_name", "provider_website", "contact_name", "contact_email"]},
        ),
        REVIEW_FIELDS,
    ]


@admin.register(StaffRole)
class StaffRoleAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "hourly_rate", "on_cost_percent", "valid_from", "valid_to"]
    list_filter = ["slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}
    fields = ["name", "slug", "hourly_rate", "on_cost_percent", "valid_from", "valid_to"]


@admin.register(CostingPolicy)
class CostingPolicyAdmin(admin.ModelAdmin):
    """One policy per deployment: the list goes straight to it."""

    fields = ["weeks_per_year", "weekly_hour_cap", "academic_year_start"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        CostingPolicy.load()
        return redirect(reverse("admin:resources_costingpolicy_change", args=[1]))
