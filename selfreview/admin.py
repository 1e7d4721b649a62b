"""The framework in admin (publishers and site managers), sharing codes and the council's view of shared
ratings (site managers). A published framework is read-only: "Make a new version" copies it as a draft."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from categories.admin_inputs import SafeAutocomplete, SpreadsheetImportExport
from selfreview import sharing
from selfreview.models import Framework, RatingLevel, RatingScale, Section, SharingCode, Statement, TargetLevel
from selfreview.spreadsheets import StatementSpreadsheet


class _LockedWhenPublished:
    """Nothing in a published (or retired) framework version changes; editing means making a new version."""

    def _framework(self, obj):
        return obj

    def has_change_permission(self, request, obj=None):
        framework = self._framework(obj) if obj is not None else None
        return super().has_change_permission(request, obj) and not (framework and framework.is_locked)

    def has_delete_permission(self, request, obj=None):
        framework = self._framework(obj) if obj is not None else None
        return super().has_delete_permission(request, obj) and not (framework and framework.is_locked)


class _LockedInline(_LockedWhenPublished):
    def has_add_permission(self, request, obj=None):
        framework = self._framework(obj) if obj is not None else None
        return super().has_add_permission(request, obj) and not (framework and framework.is_locked)


def _drafts_only(db_field, kwargs, name, queryset):
    """New sections and statements go only into draft versions."""
    if db_field.name == name:
        kwargs["queryset"] = queryset
    return kwargs


class RatingLevelInline(admin.TabularInline):
    model = RatingLevel
    extra = 0
    fields = ["score", "label", "slug", "description"]
    prepopulated_fields = {"slug": ("label",)}


@admin.register(RatingScale)
class RatingScaleAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    inlines = [RatingLevelInline]


class SectionInline(SafeAutocomplete, _LockedInline, admin.TabularInline):
    model = Section
    extra = 0
    fields = ["order", "title", "category", "section_link"]
    readonly_fields = ["section_link"]
    autocomplete_fields = ["category"]

    @admin.display(description="Statements")
    def section_link(self, obj):
        if not obj.pk:
            return ""
        url = reverse("admin:selfreview_section_change", args=[obj.pk])
        return format_html('<a href="{}">{} statements</a>', url, obj.statements.count())


@admin.register(Framework)
class FrameworkAdmin(_LockedWhenPublished, admin.ModelAdmin):
    list_display = ["name", "version", "status", "published_at", "results_link"]
    list_filter = ["status"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}
    fields = ["name", "slug", "version", "status", "introduction", "scale", "published_at"]
    readonly_fields = ["version", "status", "published_at"]
    inlines = [SectionInline]
    actions = ["publish", "make_new_version", "retire"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(shared=Count("shared_evaluations"))

    @admin.display(description="Shared by schools")
    def results_link(self, obj):
        url = reverse("admin:selfreview_framework_results", args=[obj.pk])
        return format_html('<a href="{}">See shared ratings</a>', url)

    @admin.action(description="Publish the selected drafts (they can't be changed afterwards)")
    def publish(self, request, queryset):
        drafts = [framework for framework in queryset if framework.status == Framework.Status.DRAFT]
        for framework in drafts:
            framework.publish()
        self.message_user(request, f"Published {len(drafts)} framework version(s).", messages.SUCCESS)

    @admin.action(description="Make a new version to edit (statements keep their identity)")
    def make_new_version(self, request, queryset):
        for framework in queryset:
            copy = framework.new_version()
            self.message_user(request, f"Made {copy} as a draft.", messages.SUCCESS)

    @admin.action(description="Retire the selected versions (schools can still continue files made with them)")
    def retire(self, request, queryset):
        count = queryset.filter(status=Framework.Status.PUBLISHED).update(status=Framework.Status.RETIRED)
        self.message_user(request, f"Retired {count} framework version(s).", messages.SUCCESS)

    def get_urls(self):
        results = self.admin_site.admin_view(self.results_view)
        return [path("<int:pk>/results/", results, name="selfreview_framework_results")] + super().get_urls()

    def results_view(self, request, pk):
        if not request.user.has_perm("selfreview.view_sharedevaluation"):
            raise PermissionDenied
        framework = get_object_or_404(Framework.objects.select_related("scale"), pk=pk)
        context = self.admin_site.each_context(request) | sharing.results(framework)
        context |= {"framework": framework, "title": f"Shared ratings: {framework}", "opts": self.model._meta}
        return TemplateResponse(request, "admin/selfreview/framework_results.html", context)


class StatementInline(SafeAutocomplete, _LockedInline, admin.StackedInline):
    model = Statement
    extra = 0
    fields = ["order", "text", "is_statutory", "strategies"]
    autocomplete_fields = ["strategies"]

    def _framework(self, obj):
        return obj.framework


@admin.register(Section)
class SectionAdmin(SafeAutocomplete, _LockedWhenPublished, admin.ModelAdmin):
    list_display = ["title", "framework", "order"]
    list_filter = ["framework"]
    list_select_related = ["framework"]
    search_fields = ["title"]
    autocomplete_fields = ["category"]
    inlines = [StatementInline]

    def _framework(self, obj):
        return obj.framework

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs = _drafts_only(db_field, kwargs, "framework", Framework.objects.filter(published_at__isnull=True))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class TargetLevelInline(admin.TabularInline):
    model = TargetLevel
    fields = ["level"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.section.framework.is_locked)

    has_add_permission = has_change_permission
    has_delete_permission = has_change_permission


@admin.register(Statement)
class StatementAdmin(SpreadsheetImportExport, SafeAutocomplete, _LockedWhenPublished, admin.ModelAdmin):
    resource_classes = [StatementSpreadsheet]
    list_display = ["text", "section", "is_statutory"]
    list_filter = ["section__framework", "is_statutory"]
    list_select_related = ["section__framework"]
    search_fields = ["text"]
    fields = ["section", "order", "text", "is_statutory", "descriptors", "strategies", "resources", "uuid"]
    readonly_fields = ["uuid"]
    autocomplete_fields = ["strategies", "resources"]
    inlines = [TargetLevelInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        drafts = Section.objects.filter(framework__published_at__isnull=True).select_related("framework")
        kwargs = _drafts_only(db_field, kwargs, "section", drafts)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _framework(self, obj):
        return obj.section.framework

    def has_import_permission(self, request):
        """Whoever may change the framework (publishers and site managers); rows only change draft versions."""
        return request.user.has_perm("selfreview.change_statement")


class MakeCodesForm(forms.Form):
    count = forms.IntegerField(
        min_value=1, max_value=500, initial=30, help_text="One per school you will invite to share, up to 500."
    )


@admin.register(SharingCode)
class SharingCodeAdmin(admin.ModelAdmin):
    """Codes are shown once, when made; only their hashes are kept, and nothing records which school got which."""

    list_display = ["created_at", "used_at"]
    list_filter = ["used_at"]
    search_fields = []

    def has_change_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = MakeCodesForm(request.POST or None)
        codes = sharing.make_sharing_codes(form.cleaned_data["count"]) if form.is_valid() else []
        context = self.admin_site.each_context(request) | {
            "form": form,
            "codes": codes,
            "title": "Make sharing codes",
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/selfreview/make_sharing_codes.html", context)
