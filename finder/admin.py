from django.contrib import admin, messages
from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone

from categories.admin import REVIEW_FIELDS, ContentAdmin, ReviewDueFilter
from categories.admin_inputs import SafeAutocomplete, SpreadsheetImportExport
from finder.models import CheckPrompt, DiagnosticTerm, Observation, ObservationLink, ObservationTally, Signpost
from finder.spreadsheets import ObservationSpreadsheet


class ObservationLinkInline(SafeAutocomplete, admin.TabularInline):
    model = ObservationLink
    autocomplete_fields = ["strategy", "intervention", "resource"]
    extra = 1
    verbose_name = "what helps"
    verbose_name_plural = "what helps (one strategy, intervention or resource per row)"


class LeadsNowhereFilter(admin.SimpleListFilter):
    title = "links"
    parameter_name = "links"

    def lookups(self, request, model_admin):
        return [("orphans", "Published, but no published link")]

    def queryset(self, request, queryset):
        if self.value() == "orphans":
            return queryset & Observation.objects.orphans()
        return queryset


def warn_about_diagnostic_terms(model_admin, request, *texts):
    """Observations, prompts and signposts describe what a teacher sees, not a label: say so when one uses one."""
    for term in DiagnosticTerm.found_in(*texts):
        advice = f" {term.instead}" if term.instead else ""
        model_admin.message_user(
            request,
            f"This uses “{term.term}”, which your council lists as a diagnostic term. Describe what the pupil does "
            f"instead, so that the finder never suggests a diagnosis.{advice}",
            messages.WARNING,
        )


@admin.register(Observation)
class ObservationAdmin(SpreadsheetImportExport, ContentAdmin):
    resource_classes = [ObservationSpreadsheet]
    list_display = ["text", "area", "sub_area", "kind", "link_count", "ticked_this_month", "status"]
    list_filter = ["status", LeadsNowhereFilter, "kind", "is_common", "area", ReviewDueFilter]
    list_select_related = ["area", "sub_area"]
    search_fields = ["text", "synonyms"]
    prepopulated_fields = {"slug": ("text",)}
    autocomplete_fields = ["area", "sub_area"]
    inlines = [ObservationLinkInline]
    fieldsets = [
        (None, {"fields": ["text", "slug", "kind", "synonyms"]}),
        ("Where it belongs", {"fields": ["area", "sub_area", "phases", "is_common", "order"]}),
        REVIEW_FIELDS,
    ]

    def get_queryset(self, request):
        month = timezone.localdate().replace(day=1)
        return (
            super()
            .get_queryset(request)
            .annotate(
                link_total=Count("links", distinct=True),
                month_total=Subquery(
                    ObservationTally.objects.filter(observation=OuterRef("pk"), month=month).values("count")[:1]
                ),
            )
        )

    @admin.display(description="links", ordering="link_total")
    def link_count(self, obj):
        return obj.link_total

    @admin.display(description="ticked this month", ordering="month_total")
    def ticked_this_month(self, obj):
        return obj.month_total or 0

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        warn_about_diagnostic_terms(self, request, form.instance.text, form.instance.synonyms)


@admin.register(CheckPrompt)
class CheckPromptAdmin(SafeAutocomplete, admin.ModelAdmin):
    list_display = ["text", "area", "order"]
    list_editable = ["order"]
    list_filter = ["area"]
    list_select_related = ["area"]
    search_fields = ["text"]
    autocomplete_fields = ["area"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        warn_about_diagnostic_terms(self, request, obj.text)


@admin.register(Signpost)
class SignpostAdmin(SafeAutocomplete, admin.ModelAdmin):
    list_display = ["area", "threshold", "message"]
    list_select_related = ["area"]
    search_fields = ["message", "area__name"]
    autocomplete_fields = ["area"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        warn_about_diagnostic_terms(self, request, obj.message)


@admin.register(DiagnosticTerm)
class DiagnosticTermAdmin(admin.ModelAdmin):
    list_display = ["term", "instead"]
    search_fields = ["term", "instead"]


class AnonymousCountsAdmin(admin.ModelAdmin):
    """Read-only: anonymous monthly counts that come from teachers' use of a tool (the plan builder's too)."""

    date_hierarchy = "month"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(ObservationTally)
class ObservationTallyAdmin(AnonymousCountsAdmin):
    """The counts come from teachers' use of the finder."""

    list_display = ["observation", "month", "count"]
    list_filter = ["month", "observation__area"]
    list_select_related = ["observation"]
    search_fields = ["observation__text"]
