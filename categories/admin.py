from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from categories import history, workflow
from categories.admin_filters import CategoryListFilter
from categories.admin_inputs import SafeAutocomplete, SpreadsheetImportExport
from categories.content import StaleVersion, Status
from categories.history import changes_between, record_version
from categories.identities import identity_for_new_category
from categories.models import Category, Level, Phase, Strategy
from categories.spreadsheets import StrategySpreadsheet

REVIEW_FIELDS = ("Review", {"fields": ["status", "review_by", "last_reviewed_at", "last_reviewed_by"]})

# Registered from above at ready() (this app imports neither): oap_directory's pending changes to published
# items (DESIGN.md, Workflow) and resources' inlines for a strategy's linked resources and interventions.
_registered = {"pending_changes": None, "strategy_inlines": []}


def use_pending_changes(handler):
    """Saves on published items by people who may not publish go to `handler` (oap_directory.revisions)."""
    _registered["pending_changes"] = handler


def add_strategy_inlines(*inlines):
    _registered["strategy_inlines"].extend(
        inline for inline in inlines if inline not in _registered["strategy_inlines"]
    )


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
    """Refuses a save when someone else saved the item, or its pending changes, after this form was opened.

    The check locks the item's row (and its pending change) until the save is written, so two saves from the
    same version cannot both pass; the write itself is also conditional on the version (no lost updates)."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput)
    loaded_change = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    open_change_version = 0  # set by ContentAdmin.get_form: the version of the item's pending change, 0 if none
    pending_initial = {}  # set by ContentAdmin.get_form: the pending change's relations, shown in the form

    def __init__(self, *args, **kwargs):
        if self.pending_initial:
            kwargs["initial"] = {**self.pending_initial, **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version
            self.fields["loaded_change"].initial = self.open_change_version
        else:
            del self.fields["loaded_version"], self.fields["loaded_change"]

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk or "loaded_version" not in cleaned or "loaded_change" not in cleaned:
            return cleaned
        model = type(self.instance)
        rows = model.objects.filter(pk=self.instance.pk)
        handler = _registered["pending_changes"]
        locking = transaction.get_connection().in_atomic_block  # the admin saves inside a transaction
        if locking:
            rows = rows.select_for_update()
        current = rows.values_list("version", flat=True).first()
        if current is not None and current != cleaned["loaded_version"]:
            raise forms.ValidationError(_conflict_message(self.instance), code="conflict")
        change = handler.open_change(self.instance, lock=locking) if handler else None
        if (change.version if change else 0) != cleaned["loaded_change"]:
            raise forms.ValidationError(_pending_conflict_message(self.instance, change), code="conflict")
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


def _pending_conflict_message(obj, change):
    history_url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_history", args=[obj.pk])
    if change is None:
        what = "The changes waiting for review were published or discarded after you opened this page."
    else:
        when = timezone.localtime(change.updated_at).strftime("%-d %B %Y at %H:%M")
        what = f"{change.updated_by or 'Someone'} saved changes to this {obj._meta.verbose_name} on {when}, after you opened it."
    return format_html(
        '{} Your changes have not been saved: they are still in the form below. <a href="{}">Compare the '
        "versions</a>, then open the page again and add your changes.",
        what,
        history_url,
    )


TRANSITION_DONE = {
    "submit": "Sent “{item}” for review.",
    "send_back": "Sent “{item}” back to its editor with your comment.",
    "publish": "Published “{item}”: it is on the public site now.",
    "unpublish": "Unpublished “{item}”: it is a draft again and visitors can no longer see it.",
    "archive": "Archived “{item}”: visitors who open its page are told it has been removed.",
    "restore": "Restored “{item}” as a draft.",
}
CONFIRMED_TRANSITIONS = {
    "unpublish": "Visitors will no longer find it: its page will say “Page not found”, and it leaves search, "
    "lists and category pages. It becomes a draft you can edit and publish again.",
    "archive": "Visitors who open its page will be told it has been removed, with a link to its category; it "
    "leaves search, lists and category pages. You can restore it as a draft later.",
}


class ContentAdmin(SafeAutocomplete, admin.ModelAdmin):
    """Shared by every content model's admin: workflow buttons, pending changes, history with revert, no lost
    updates, bulk actions."""

    form = EditedVersionForm
    change_form_template = "admin/oap/content_change_form.html"
    object_history_template = "admin/oap/content_history.html"
    readonly_fields = ["status", "last_reviewed_by"]
    actions = ["bulk_submit", "bulk_publish", "bulk_unpublish", "bulk_archive", "bulk_restore"]

    class Media:
        js = ["admin/oap-select2-a11y.js"]

    @property
    def revisions(self):
        """Pending changes to published items (oap_directory.revisions, registered with `use_pending_changes`)."""
        return _registered["pending_changes"]

    def has_delete_permission(self, request, obj=None):
        """Content is archived, never deleted, so the public side keeps its history (superusers excepted)."""
        return request.user.is_superuser

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "phases":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return [*fieldsets, (None, {"fields": ["loaded_version", "loaded_change"]})] if obj else fieldsets

    # Changes waiting for review: one per item, opened by everyone who edits the item.

    def open_change(self, request, obj):
        """The item's pending change (looked up once per request)."""
        if self.revisions is None or obj is None or obj.pk is None:
            return None
        cache = request.__dict__.setdefault("_oap_open_changes", {})
        key = (self.model, obj.pk)
        if key not in cache:
            cache[key] = self.revisions.open_change(obj)
        return cache[key]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return self.revisions.annotate_waiting(queryset) if self.revisions else queryset

    def get_list_display(self, request):
        """Whether a live item has changes waiting, beside its status where a publisher looks."""
        columns = list(super().get_list_display(request))
        at = columns.index("status") + 1 if "status" in columns else len(columns)
        return [*columns[:at], "changes_waiting", *columns[at:]]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), ChangesWaitingFilter]

    @admin.display(description="changes waiting", boolean=True, ordering="has_waiting_change")
    def changes_waiting(self, obj):
        return getattr(obj, "has_waiting_change", False)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        change_obj = self.open_change(request, obj)
        if change_obj is None:
            return form
        initial = self.revisions.show_in_form(obj, change_obj)
        return type(form.__name__, (form,), {"open_change_version": change_obj.version, "pending_initial": initial})

    def get_formsets_with_inlines(self, request, obj=None):
        change_obj = self.open_change(request, obj)
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            inline_data = change_obj.data["inlines"].get(formset.get_default_prefix()) if change_obj else None
            if inline_data and request.method != "POST":
                formset = type(formset.__name__, (formset,), {"extra": len(inline_data["rows"]) + formset.extra})
            yield formset, inline

    def get_formset_kwargs(self, request, obj, inline, prefix):
        """With a pending change, inline rows are the pending ones (new rows, as the pending change will make)."""
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        change_obj = self.open_change(request, obj)
        inline_data = change_obj.data["inlines"].get(prefix) if change_obj else None
        if inline_data is not None:
            kwargs["queryset"] = inline.model._default_manager.none()
            if request.method != "POST":
                kwargs["initial"] = inline_data["rows"]
        return kwargs

    def _goes_to_pending(self, request, obj):
        """Saves wait for a publisher when the item has a pending change, or is live and this user can't publish."""
        if self.revisions is None or obj.pk is None:
            return False
        if self.open_change(request, obj) is not None:
            return True
        if workflow.can_publish(request.user, self.model):
            return False
        return type(obj).objects.filter(pk=obj.pk, status=Status.PUBLISHED).exists()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleVersion:
            self.message_user(
                request,
                "Someone saved this item at the same moment as you, so your changes were not saved. "
                "Open it again, check their changes, and make yours again.",
                messages.ERROR,
            )
            return redirect(request.path)

    def save_model(self, request, obj, form, change):
        if "last_reviewed_at" in form.changed_data and obj.last_reviewed_at:
            obj.last_reviewed_by = request.user
        if change and self._goes_to_pending(request, obj):
            request._oap_pending = True
            return
        obj.skip_history_when_saving = True  # the version is recorded once relations are saved
        obj.expected_version = form.cleaned_data.get("loaded_version")
        try:
            super().save_model(request, obj, form, change)
        finally:
            del obj.expected_version

    def save_related(self, request, form, formsets, change):
        if getattr(request, "_oap_pending", False):
            revision = self.revisions.capture(form.instance, form, formsets, request.user)
            if workflow.can_publish(request.user, self.model):
                try:
                    self.revisions.apply(revision, request.user)
                except ValidationError as error:
                    request._oap_refused = error.messages
                else:
                    request._oap_published = True
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
        if not getattr(request, "_oap_pending", False):
            return super().response_change(request, obj)
        if getattr(request, "_oap_published", False):
            self.message_user(request, f"Published your changes to “{obj}”.", messages.SUCCESS)
        elif getattr(request, "_oap_refused", None):
            self.message_user(
                request,
                "Your changes are saved as pending changes, but can’t be published yet. "
                + " ".join(request._oap_refused),
                messages.ERROR,
            )
        else:
            self.message_user(
                request,
                f"Your changes to “{obj}” have been saved for a publisher to review. "
                "The public page stays as it is until they are published.",
                messages.SUCCESS,
            )
        return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]))

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/pending/<int:revision_id>/<slug:action>/",
                self.admin_site.admin_view(self.pending_view),
                name="{}_{}_pending".format(*info),
            ),
            path(
                "<path:object_id>/pending-file/<slug:field_name>/",
                self.admin_site.admin_view(self.pending_file_view),
                name="{}_{}_pending_file".format(*info),
            ),
            path(
                "<path:object_id>/transition/<slug:name>/",
                self.admin_site.admin_view(self.transition_view),
                name="{}_{}_transition".format(*info),
            ),
            path(
                "<path:object_id>/reviewed/",
                self.admin_site.admin_view(self.reviewed_view),
                name="{}_{}_reviewed".format(*info),
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
        if obj is not None:
            extra["can_publish"] = workflow.can_publish(request.user, self.model)
            extra["can_mark_reviewed"] = workflow.can_mark_reviewed(obj, request.user)
            extra["confirmed_transitions"] = CONFIRMED_TRANSITIONS
            change_obj = self.open_change(request, obj)
            if change_obj is not None:
                extra["pending"] = self.revisions.summary(obj, change_obj)
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def _back(self, request, obj):
        """Where to go after an action: the review queue when it came from there, else the item."""
        if request.POST.get("next") == "review":
            return redirect(reverse("admin:review_queue"))
        return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]))

    def transition_view(self, request, object_id, name):
        obj = self.get_object(request, object_id)
        if obj is None or name not in workflow.TRANSITIONS:
            raise Http404
        if request.method != "POST":
            if name not in CONFIRMED_TRANSITIONS or workflow.TRANSITIONS[name] not in workflow.available(
                obj, request.user
            ):
                raise Http404
            context = {
                **self.admin_site.each_context(request),
                "title": f"{workflow.TRANSITIONS[name].label} “{obj}”?",
                "opts": self.opts,
                "object": obj,
                "transition": workflow.TRANSITIONS[name],
                "consequence": CONFIRMED_TRANSITIONS[name],
            }
            return TemplateResponse(request, "admin/oap/confirm_transition.html", context)
        try:
            workflow.apply(obj, name, request.user, request.POST.get("comment", ""), request.site.review_period_months)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(request, TRANSITION_DONE[name].format(item=obj), messages.SUCCESS)
        return self._back(request, obj)

    @method_decorator(require_POST)
    def reviewed_view(self, request, object_id):
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404
        try:
            obj = workflow.mark_reviewed(obj, request.user, request.site.review_period_months)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(
                request,
                f"Marked “{obj}” as reviewed with no changes. Next review by {obj.review_by:%-d %B %Y}.",
                messages.SUCCESS,
            )
        return self._back(request, obj)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied if obj else Http404
        records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id"))
        versions = [
            {"record": record, "changes": changes_between(older, record, type(obj)), "is_current": index == 0}
            for index, (record, older) in enumerate(zip(records, [*records[1:], None], strict=True))
        ]
        change_obj = self.open_change(request, obj)
        context = {
            **self.admin_site.each_context(request),
            "title": f"History of “{obj}”",
            "object": obj,
            "opts": self.opts,
            "versions": versions,
            "pending": self.revisions.summary(obj, change_obj) if change_obj else None,
            "can_revert": self.has_change_permission(request, obj),
        }
        return TemplateResponse(request, self.object_history_template, context)

    @method_decorator(require_POST)
    def pending_view(self, request, object_id, revision_id, action):
        obj = self.get_object(request, object_id)
        if obj is None or self.revisions is None or action not in {"publish", "discard", "send_back"}:
            raise Http404
        if not workflow.can_publish(request.user, self.model):
            raise PermissionDenied
        revision = self.open_change(request, obj)
        if revision is None or revision.pk != revision_id:
            self.message_user(request, "Those changes have already been published or discarded.", messages.WARNING)
            return self._back(request, obj)
        try:
            if action == "publish":
                self.revisions.apply(revision, request.user)
                done = f"Published the changes to “{obj}” by {revision.editors}."
            elif action == "send_back":
                self.revisions.send_back(revision, request.user, request.POST.get("comment", ""))
                done = f"Sent the changes to “{obj}” back to {revision.editors} with your comment."
            else:
                self.revisions.discard(revision, request.user)
                done = f"Discarded the changes to “{obj}” by {revision.editors}."
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(request, done, messages.SUCCESS)
        return self._back(request, obj)

    def pending_file_view(self, request, object_id, field_name):
        """A file uploaded with pending changes, for staff who may see the item (never public)."""
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise Http404
        revision = self.open_change(request, obj)
        name = revision.data.get("files", {}).get(field_name) if revision else None
        if not name:
            raise Http404
        return self.revisions.send_file(obj, field_name, name)

    def editable_fields(self, request, obj):
        """Model fields this user can change in the form (a revert restores only these)."""
        readonly = set(self.get_readonly_fields(request, obj))
        names = {f.name for f in obj._meta.get_fields()}
        return [
            name
            for name in flatten_fieldsets(self.get_fieldsets(request, obj))
            if name in names and name not in readonly and name not in history.NEVER_REVERTED
        ]

    def inline_specs(self, request, obj):
        specs = []
        for inline in self.get_inline_instances(request, obj):
            formset = inline.get_formset(request, obj)
            names = {f.name for f in inline.model._meta.get_fields()}
            row_fields = [n for n in formset.form.base_fields if n in names and n not in {"id", formset.fk.name}]
            specs.append((formset.get_default_prefix(), inline.model, formset.fk.name, row_fields))
        return specs

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
        editable = self.editable_fields(request, obj)
        when = f"{timezone.localtime(record.history_date):%-d %B %Y %H:%M}"
        if self._goes_to_pending(request, obj):
            missing = self.revisions.revert_to_pending(
                obj, record, request.user, editable, self.inline_specs(request, obj)
            )
            message = (
                f"The version of {when} is now waiting for a publisher to review, as the pending changes to “{obj}”. "
                "The public page stays as it is until they are published."
            )
        else:
            missing = history.revert(obj, record, request.user, editable)
            message = f"Reverted “{obj}” to the version of {when}."
        if missing:
            message += f" {len(missing)} linked item(s) no longer exist and could not be restored."
        self.message_user(request, message, messages.WARNING if missing else messages.SUCCESS)
        return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[obj.pk]))

    # Bulk actions on the change list: each asks for confirmation, then moves what it can, item by item.

    def _bulk(self, request, queryset, name):
        return bulk_transition(self, request, queryset, name)

    @admin.action(description="Submit selected items for review")
    def bulk_submit(self, request, queryset):
        return self._bulk(request, queryset, "submit")

    @admin.action(description="Publish selected items (and their waiting changes)")
    def bulk_publish(self, request, queryset):
        return self._bulk(request, queryset, "publish")

    @admin.action(description="Unpublish selected items")
    def bulk_unpublish(self, request, queryset):
        return self._bulk(request, queryset, "unpublish")

    @admin.action(description="Archive selected items")
    def bulk_archive(self, request, queryset):
        return self._bulk(request, queryset, "archive")

    @admin.action(description="Restore selected items to draft")
    def bulk_restore(self, request, queryset):
        return self._bulk(request, queryset, "restore")


class ChangesWaitingFilter(admin.SimpleListFilter):
    title = "changes waiting for review"
    parameter_name = "changes_waiting"

    def lookups(self, request, model_admin):
        return [("yes", "Changes waiting"), ("no", "No changes waiting")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(has_waiting_change=True)
        if self.value() == "no":
            return queryset.filter(has_waiting_change=False)
        return queryset


def bulk_transition(model_admin, request, queryset, name):
    """Confirm, then move each selected item that may move; list the ones that can't, with the reason."""
    transition = workflow.TRANSITIONS[name]
    items = list(queryset)
    if request.POST.get("confirmed") != "yes":
        plan = [(item, bulk_problem(model_admin, request, item, name)) for item in items]
        context = {
            **model_admin.admin_site.each_context(request),
            "title": f"{transition.label}: check the {len(items)} selected item{'s' if len(items) != 1 else ''}",
            "opts": model_admin.opts,
            "action": request.POST.get("action"),
            "plan": plan,
            "movable": sum(1 for _item, problem in plan if problem is None),
            "consequence": CONFIRMED_TRANSITIONS.get(name, ""),
            "transition": transition,
        }
        return TemplateResponse(request, "admin/oap/confirm_bulk.html", context)
    reason = f"{transition.label} (bulk action)"
    moved, refused = [], []
    for item in items:
        problem = bulk_problem(model_admin, request, item, name)
        if problem is None:
            try:
                with transaction.atomic():
                    _bulk_move(model_admin, request, item, name, reason)
            except (ValidationError, PermissionDenied) as error:
                problem = " ".join(getattr(error, "messages", [])) or "You may not do this to this item."
        (refused if problem else moved).append((item, problem))
    if moved:
        model_admin.message_user(request, f"{transition.label}: {len(moved)} item(s) done.", messages.SUCCESS)
    for item, problem in refused:
        model_admin.message_user(request, f"“{item}” was not changed: {problem}", messages.WARNING)
    return None


def _bulk_move(model_admin, request, item, name, reason):
    change = model_admin.open_change(request, item)
    if name == "publish" and item.status == Status.PUBLISHED and change is not None:
        model_admin.revisions.apply(change, request.user)
        return
    workflow.apply(item, name, request.user, review_period_months=request.site.review_period_months, reason=reason)


def bulk_problem(model_admin, request, item, name):
    """Why `item` can't go through transition `name` for this user, or None."""
    transition = workflow.TRANSITIONS[name]
    change = model_admin.open_change(request, item)
    if name == "publish" and item.status == Status.PUBLISHED:
        if change is None or change.status != "pending":
            return "It is already published, with no changes waiting."
        if not workflow.can_publish(request.user, type(item)):
            return "You may not publish."
        return model_admin.revisions.publish_problem(item, change)
    if item.status not in transition.sources:
        return f"It is {item.get_status_display().lower()}, so it can’t be “{transition.label.lower()}”."
    if transition not in workflow.available(item, request.user):
        return "You may not do this."
    if name == "publish":
        try:
            workflow.check_complete(item)
        except ValidationError as error:
            return " ".join(error.messages)
    return None


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
    # Submitting and publishing many at once (as after an import) changes no page below them; unpublishing or
    # archiving a category does, so those go one at a time.
    actions = ["bulk_submit", "bulk_publish"]
    list_display = ["name", "parent", "order", "status", "strategy_count", "review_by"]
    list_filter = ["status", ReviewDueFilter, ("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["parent"]
    # Said here as well as on the model: the strategy counts make this a GROUP BY query, which Django runs without
    # the model's default order, and the categories autocomplete would page through them in no fixed order.
    ordering = ["order", "name"]
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

    def save_model(self, request, obj, form, change):
        """A new category where a standard one sits (e.g. “Whole-school” at the top) gets its standard identity."""
        if not change:
            obj.uuid = identity_for_new_category(obj.slug, obj.parent)
        super().save_model(request, obj, form, change)

    @admin.display(description="strategies", ordering="strategy_total")
    def strategy_count(self, obj):
        return obj.strategy_total


@admin.register(Strategy)
class StrategyAdmin(SpreadsheetImportExport, ContentAdmin):
    resource_classes = [StrategySpreadsheet]
    list_display = ["title", "level", "status", "review_by"]  # when it changed: the date links above the list
    list_filter = ["status", ReviewDueFilter, "level", "phases", CategoryListFilter]
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

    def get_inlines(self, request, obj):
        return [*self.inlines, *_registered["strategy_inlines"]]
