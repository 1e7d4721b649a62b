from django.contrib import admin
from import_export.admin import ImportExportMixin

from categories.admin import REVIEW_FIELDS, ContentAdmin, StrategyAdmin
from resources.models import Intervention, Resource, StrategyIntervention, StrategyResource
from resources.spreadsheets import InterventionSpreadsheet, ResourceSpreadsheet


class StrategyResourceInline(admin.TabularInline):
    model = StrategyResource
    autocomplete_fields = ["resource"]
    extra = 1
    verbose_name = "linked resource"
    verbose_name_plural = "linked resources (in the order shown on the strategy page)"


class StrategyInterventionInline(admin.TabularInline):
    model = StrategyIntervention
    autocomplete_fields = ["intervention"]
    extra = 1
    verbose_name = "suggested intervention"
    verbose_name_plural = "suggested interventions (in order)"


# The Strategy admin lives in `categories`, which must not import this app; the
# links to resources and interventions are added to it from here.
StrategyAdmin.inlines = [StrategyResourceInline, StrategyInterventionInline]


class PhasesAsCheckboxes:
    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "phases":
            from django import forms

            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Resource)
class ResourceAdmin(ImportExportMixin, PhasesAsCheckboxes, ContentAdmin):
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
class InterventionAdmin(ImportExportMixin, PhasesAsCheckboxes, ContentAdmin):
    resource_classes = [InterventionSpreadsheet]
    list_display = ["name", "level", "evidence_strength", "cost_per_pupil_per_year", "status", "review_by"]
    list_filter = ["status", "level", "evidence_strength", "phases", "categories"]
    list_select_related = ["level"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ["categories", "resources"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "summary", "description"]}),
        ("Delivery", {"fields": ["who_delivers", "group_size", "frequency", "duration"]}),
        (
            "Cost and evidence",
            {"fields": ["level", "cost_per_pupil_per_year", "cost_notes", "evidence_strength", "evidence_source_url"]},
        ),
        ("Where it applies", {"fields": ["phases", "categories", "resources", "tags"]}),
        REVIEW_FIELDS,
    ]
