from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from accounts.emails import send_invitation
from accounts.forms import InvitationForm, UserEditForm
from accounts.models import User
from accounts.roles import may_manage, role_of


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """People and their roles. Site managers manage editors, publishers and site managers; only a superuser
    sees or manages superusers; nobody changes their own role or deactivates themselves."""

    form = UserEditForm
    add_form = InvitationForm
    add_form_template = "admin/accounts/user/invite_form.html"
    ordering = ["email"]
    list_display = ["email", "full_name", "role_name", "is_active", "last_login"]
    list_filter = ["is_active", "groups"]
    search_fields = ["email", "full_name"]
    add_fieldsets = [(None, {"fields": ["email", "full_name", "role"]})]
    readonly_fields = ["last_login", "date_joined"]
    actions = ["send_new_invitation"]

    def get_queryset(self, request):
        people = super().get_queryset(request).prefetch_related("groups")
        return people if request.user.is_superuser else people.filter(is_superuser=False)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and (obj is None or may_manage(request.user, obj))

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or may_manage(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        """Deactivate people instead, so history keeps who changed what."""
        return False

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.add_fieldsets
        role = ["is_active", "current_role"] if _is_self(request, obj) else ["is_active", "role"]
        if request.user.is_superuser:
            role.append("is_superuser")
        return [
            (None, {"fields": ["email", "password"]}),
            ("About", {"fields": ["full_name"]}),
            ("Role", {"fields": role}),
            ("Dates", {"fields": ["last_login", "date_joined"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and _is_self(request, obj):
            return [*self.readonly_fields, "is_active", "current_role", "is_superuser"]
        return self.readonly_fields

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None and _is_self(request, obj):
            return type("OwnAccountForm", (form,), {"role": None})  # your own role is not yours to change
        return form

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change:
            send_invitation(request, form.instance)

    def response_add(self, request, obj, post_url_continue=None):
        self.message_user(request, f"Invitation sent to {obj.email}. The link in it works once, for 72 hours.")
        return super().response_add(request, obj, post_url_continue)

    def add_view(self, request, form_url="", extra_context=None):
        return super().add_view(request, form_url, {"title": "Invite a colleague", **(extra_context or {})})

    @admin.display(description="role")
    def role_name(self, obj):
        return ("Superuser" if obj.is_superuser else role_of(obj)) or "No role"

    @admin.display(description="role")
    def current_role(self, obj):
        return f"{self.role_name(obj)} (someone else must change your own role or deactivate you)"

    @admin.action(
        description="Send a new invitation (to people who have not chosen a password yet)", permissions=["change"]
    )
    def send_new_invitation(self, request, queryset):
        waiting = [person for person in queryset if not person.has_usable_password() and person.is_active]
        for person in waiting:
            send_invitation(request, person)
        skipped = len(queryset) - len(waiting)
        self.message_user(
            request,
            f"Sent {len(waiting)} invitation(s)."
            + (
                f" {skipped} skipped: they already have a password (they can use “Forgotten your password?”)"
                " or are deactivated."
                if skipped
                else ""
            ),
            messages.SUCCESS if waiting else messages.WARNING,
        )


def _is_self(request, obj):
    return obj.pk == request.user.pk
