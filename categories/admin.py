from django.contrib import admin
from django.db.models import Count

from categories.models import Category, Level, Phase, Strategy

REVIEW_FIELDS = ("Review", {"fields": ["status", "review_by", "last_reviewed_at", "last_reviewed_by"]})


class ContentAdmin(admin.ModelAdmin):
    """Shared by every content model's admin: who last reviewed it is recorded, not typed."""

    readonly_fields = ["last_reviewed_by"]

    class Media:
        js = ["admin/oap-select2-a11y.js"]

    def save_model(self, request, obj, form, change):
        if "last_reviewed_at" in form.changed_data and obj.last_reviewed_at:
            obj.last_reviewed_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Level)
class LevelAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "is_costed", "is_active"]
    list_editable = ["order", "is_active"]
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ["name"]


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "is_active"]
    list_editable = ["order", "is_active"]
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ["name"]


@admin.register(Category)
class CategoryAdmin(ContentAdmin):
    list_display = ["name", "parent", "order", "status", "strategy_count", "review_by"]
    list_filter = ["status", ("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["parent"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ["parent"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "parent", "order", "summary", "introduction"]}),
        ("Appearance", {"fields": ["colour", "icon"], "classes": ["collapse"]}),
        REVIEW_FIELDS,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(strategy_total=Count("strategies", distinct=True))

    @admin.display(description="strategies", ordering="strategy_total")
    def strategy_count(self, obj):
        return obj.strategy_total


@admin.register(Strategy)
class StrategyAdmin(ContentAdmin):
    list_display = ["title", "level", "status", "review_by", "updated_at"]
    list_filter = ["status", "level", "phases", "categories"]
    list_select_related = ["level"]
    search_fields = ["title", "teacher_statement", "child_statement"]
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ["categories"]
    date_hierarchy = "updated_at"
    fieldsets = [
        (None, {"fields": ["title", "slug", "teacher_statement", "child_statement"]}),
        ("Detail", {"fields": ["why", "how"]}),
        ("Where it applies", {"fields": ["level", "phases", "categories", "tags"]}),
        REVIEW_FIELDS,
    ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "phases":
            from django import forms

            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)
