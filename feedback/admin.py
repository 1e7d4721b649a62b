from django.contrib import admin, messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from feedback.models import LinkCheck, PageFeedback, ResourceSuggestion
from feedback.suggestions import make_draft_resource


@admin.register(PageFeedback)
class PageFeedbackAdmin(admin.ModelAdmin):
    list_display = ["item_title", "item_type", "is_useful", "is_out_of_date", "out_of_date_cleared_at", "created_at"]
    list_filter = ["item_type", "is_useful", "is_out_of_date", "created_at"]
    search_fields = ["item_title", "comment"]
    readonly_fields = [
        "item_type",
        "item_uuid",
        "item_title",
        "is_useful",
        "comment",
        "is_out_of_date",
        "out_of_date_cleared_at",
        "out_of_date_cleared_by",
        "created_at",
    ]
    list_select_related = ["out_of_date_cleared_by"]
    actions = ["clear_out_of_date"]

    def has_add_permission(self, request):
        return False  # feedback comes from visitors only

    @admin.action(description="Mark the out-of-date reports as dealt with", permissions=["change"])
    def clear_out_of_date(self, request, queryset):
        count = 0
        for feedback in queryset.out_of_date():
            feedback.out_of_date_cleared_at = timezone.now()
            feedback.out_of_date_cleared_by = request.user
            feedback.save()  # a history version records who cleared it and when
            count += 1
        self.message_user(request, f"{count} out-of-date report{'s' if count != 1 else ''} marked as dealt with.")


@admin.register(ResourceSuggestion)
class ResourceSuggestionAdmin(admin.ModelAdmin):
    list_display = ["title", "url", "status", "created_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["title", "url", "why"]
    readonly_fields = ["title", "url", "why", "phases", "resource", "created_at"]
    fields = ["title", "url", "why", "phases", "status", "resource", "created_at"]
    list_select_related = ["resource"]
    actions = ["make_draft_resources"]
    change_form_template = "admin/feedback/resourcesuggestion/change_form.html"

    def has_add_permission(self, request):
        return False  # suggestions come from visitors only

    def _may_make_drafts(self, request):
        return request.user.has_perm("resources.add_resource") and self.has_change_permission(request)

    @admin.action(description="Make draft resources from the selected suggestions", permissions=["change"])
    def make_draft_resources(self, request, queryset):
        if not request.user.has_perm("resources.add_resource"):
            self.message_user(request, "You may not add resources.", messages.ERROR)
            return
        made = [make_draft_resource(suggestion) for suggestion in queryset.prefetch_related("phases")]
        self.message_user(request, f"{len(made)} draft resource{'s' if len(made) != 1 else ''} ready for review.")

    def get_urls(self):
        make_draft = self.admin_site.admin_view(require_POST(self.make_draft_view))
        return [
            path("<int:pk>/make-draft/", make_draft, name="feedback_resourcesuggestion_make_draft"),
            *super().get_urls(),
        ]

    def make_draft_view(self, request, pk):
        suggestion = get_object_or_404(ResourceSuggestion, pk=pk)
        if not self._may_make_drafts(request):
            self.message_user(request, "You may not add resources.", messages.ERROR)
            return redirect(reverse("admin:feedback_resourcesuggestion_change", args=[pk]))
        resource = make_draft_resource(suggestion)
        self.message_user(request, f"Draft resource “{resource}” made: check it, then send it for review.")
        return redirect(reverse("admin:resources_resource_change", args=[resource.pk]))


@admin.register(LinkCheck)
class LinkCheckAdmin(admin.ModelAdmin):
    list_display = ["url", "outcome", "status_code", "final_url", "checked_at"]
    list_filter = ["outcome", "checked_at"]
    search_fields = ["url", "final_url"]
    readonly_fields = ["url", "outcome", "status_code", "final_url", "error", "checked_at"]

    def has_add_permission(self, request):
        return False  # made by manage.py check_links
