from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.views.decorators.http import require_POST
from import_export.admin import ImportExportMixin

from categories import history, workflow
from categories.content import Status
from categories.history import changes_between, record_version
from categories.models import Category, Level, Phase, Strategy
from categories.spreadsheets import StrategySpreadsheet

REVIEW_FIELDS = ("Review", {"fields": ["status", "review_by", "last_reviewed_at", "last_reviewed_by"]})


class ReviewDueFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("overdue", "Review overdue"), ("soon", "Due in the next 30 days")]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.filter(review_by__lt=today)
        if self.value() == "soon":
            return queryset.filter(review_by__gte=today, review_by__lte=today + timedelta(days=30))
        return queryset


class EditedVersionForm(forms.ModelForm):
    """Refuses a save when someone else saved the item after this form was opened (no lost updates)."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        loaded = cleaned.get("loaded_version")
        if self.instance.pk and loaded is not None:
            current = type(self.instance).objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if current is not None and current != loaded:
                raise forms.ValidationError(_conflict_message(self.instance), code="conflict")
        return cleaned


def _conflict_message(obj):
    latest = obj.history.order_by("-history_date").first()
    who = str(latest.history_user) if latest and latest.history_user else "Someone"
    when = timezone.localtime(latest.history_date).strftime("%-d %B %Y at %H:%M") if latest else "recently"
    history_url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_history", args=[obj.pk])
    return format_html(
        "{} changed this {} on {}, after you opened it. Your changes have not been saved: they are still in "
        'the form below. <a href="{}">Compare the versions</a>, then open the page again and add your changes.',
        who,
        obj._meta.verbose_name,
        when,
        history_url,
    )


class ContentAdmin(admin.ModelAdmin):
    """Shared by every content model's admin: workflow buttons, history with revert, no lost updates."""

    form = EditedVersionForm
    change_form_template = "admin/oap/content_change_form.html"
    object_history_template = "admin/oap/content_history.html"
    readonly_fields = ["status", "last_reviewed_by"]
    # Pending changes to published items (oap_directory.revisions), set by oap_directory/admin.py.
    revisions = None

    class Media:
        js = ["admin/oap-select2-a11y.js"]

    def has_delete_permission(self, request, obj=None):
        """Content is archived, never deleted, so the public side keeps its history (superusers excepted)."""
        return request.user.is_superuser

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return [*fieldsets, (None, {"fields": ["loaded_version"]})] if obj else fieldsets

    def _becomes_pending(self, request, obj, change):
        """A save by someone who may not publish, on a published item, waits for a publisher."""
        if not change or self.revisions is None or workflow.can_publish(request.user, self.model):
            return False
        return type(obj).objects.filter(pk=obj.pk, status=Status.PUBLISHED).exists()

    def save_model(self, request, obj, form, change):
        if "last_reviewed_at" in form.changed_data and obj.last_reviewed_at:
            obj.last_reviewed_by = request.user
        if self._becomes_pending(request, obj, change):
            request._oap_pending = True
            return
        obj.skip_history_when_saving = True  # the version is recorded once relations are saved
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if getattr(request, "_oap_pending", False):
            self.revisions.capture(form.instance, form, formsets, request.user)
            return
        super().save_related(request, form, formsets, change)
        obj = form.instance
        if hasattr(obj, "skip_history_when_saving"):
            del obj.skip_history_when_saving
        record_version(obj, request.user, "Changed" if change else "Created", "~" if change else "+")

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(request, "_oap_pending", False):
            return ""
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request, obj, message):
        if not getattr(request, "_oap_pending", False):
            super().log_change(request, obj, message)

    def response_change(self, request, obj):
        if getattr(request, "_oap_pending", False):
            self.message_user(
                request,
                f"Your changes to “{obj}” have been saved for a publisher to review. "
                "The public page stays as it is until they are published.",
                messages.SUCCESS,
            )
            return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]))
        return super().response_change(request, obj)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/pending/<int:revision_id>/<slug:action>/",
                self.admin_site.admin_view(self.pending_view),
                name="{}_{}_pending".format(*info),
            ),
            path(
                "<path:object_id>/transition/<slug:name>/",
                self.admin_site.admin_view(self.transition_view),
                name="{}_{}_transition".format(*info),
            ),
            path(
                "<path:object_id>/revert/<int:history_id>/",
                self.admin_site.admin_view(self.revert_view),
                name="{}_{}_revert".format(*info),
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra = {"transitions": workflow.available(obj, request.user) if obj else []}
        if obj is not None and self.revisions is not None:
            extra["pending"] = [
                {"revision": revision, "changes": self.revisions.changed_fields(obj, revision)}
                for revision in self.revisions.pending_for(obj)
            ]
            extra["can_publish"] = workflow.can_publish(request.user, self.model)
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    @method_decorator(require_POST)
    def transition_view(self, request, object_id, name):
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404
        try:
            workflow.apply(obj, name, request.user, request.POST.get("comment", ""), request.site.review_period_months)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            label = workflow.TRANSITIONS[name].label
            self.message_user(request, f"Done: “{label}” for “{obj}”.", messages.SUCCESS)
        return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]))

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied if obj else Http404
        records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id"))
        versions = [
            {"record": record, "changes": changes_between(older, record, type(obj)), "is_current": index == 0}
            for index, (record, older) in enumerate(zip(records, [*records[1:], None], strict=True))
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": f"History of “{obj}”",
            "object": obj,
            "opts": self.opts,
            "versions": versions,
            "can_revert": self.has_change_permission(request, obj),
        }
        return TemplateResponse(request, self.object_history_template, context)

    @method_decorator(require_POST)
    def pending_view(self, request, object_id, revision_id, action):
        obj = self.get_object(request, object_id)
        if obj is None or self.revisions is None:
            raise Http404
        if action not in {"publish", "discard"}:
            raise Http404
        if not workflow.can_publish(request.user, self.model):
            raise PermissionDenied
        revision = next((r for r in self.revisions.pending_for(obj) if r.pk == revision_id), None)
        if revision is None:
            self.message_user(request, "Those changes have already been published or discarded.", messages.WARNING)
        elif action == "publish":
            try:
                self.revisions.apply(revision, request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(request, f"Published the changes by {revision.created_by}.", messages.SUCCESS)
        else:
            self.revisions.discard(revision, request.user)
            self.message_user(request, f"Discarded the changes by {revision.created_by}.", messages.SUCCESS)
        return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]))

    @method_decorator(require_POST)
    def revert_view(self, request, object_id, history_id):
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        record = obj.history.filter(history_id=history_id).first()
        if record is None:
            raise Http404
        missing = history.revert(obj, record, request.user)
        message = f"Reverted “{obj}” to the version of {timezone.localtime(record.history_date):%-d %B %Y %H:%M}."
        if missing:
            message += f" {len(missing)} linked item(s) no longer exist and could not be restored."
        self.message_user(request, message, messages.WARNING if missing else messages.SUCCESS)
        return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[obj.pk]))


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
    list_filter = ["status", ReviewDueFilter, ("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["parent"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ["parent"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "parent", "order", "summary", "introduction"]}),
        ("Appearance", {"fields": ["colour", "icon"], "classes": ["collapse"]}),
        REVIEW_FIELDS,
    ]

    def get_readonly_fields(self, request, obj=None):
        """Editors edit a category's words; only site managers move or reorder categories."""
        fields = super().get_readonly_fields(request, obj)
        if not request.user.has_perm("categories.add_category"):
            return [*fields, "parent", "order"]
        return fields

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(strategy_total=Count("strategies", distinct=True))

    @admin.display(description="strategies", ordering="strategy_total")
    def strategy_count(self, obj):
        return obj.strategy_total


@admin.register(Strategy)
class StrategyAdmin(ImportExportMixin, ContentAdmin):
    resource_classes = [StrategySpreadsheet]
    list_display = ["title", "level", "status", "review_by", "updated_at"]
    list_filter = ["status", ReviewDueFilter, "level", "phases", "categories"]
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
