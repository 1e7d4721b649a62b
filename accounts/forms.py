"""The forms site managers use for people: invite a colleague with a role, change an account."""

import unicodedata

from django import forms
from django.contrib.auth.forms import PasswordResetForm, UserChangeForm

from accounts.models import User
from accounts.roles import EDITOR, PUBLISHER, SITE_MANAGER, role_of, set_role

ROLE_HELP = (
    "Editors write and change content; their changes to published items wait for a publisher. "
    "Publishers also publish, unpublish and archive. Site managers also manage people, settings and categories."
)


def _role_field(required):
    choices = [(EDITOR, "Editor"), (PUBLISHER, "Publisher"), (SITE_MANAGER, "Site manager")]
    if not required:
        choices = [("", "No role: cannot use the admin"), *choices]
    return forms.ChoiceField(choices=choices, required=required, help_text=ROLE_HELP)


class _SavesRole:
    """Saves the chosen role (membership of that role's group) with the account; without a role field (your own
    account), group membership is left as it is."""

    def prepare(self, user):
        """Anything else to set on the account before it is saved."""

    def save(self, commit=True):
        user = super().save(commit=False)
        self.prepare(user)
        if commit:
            user.save()
            self._save_m2m()
        return user

    def _save_m2m(self):
        super()._save_m2m()
        if "role" in self.fields:
            set_role(self.instance, self.cleaned_data["role"])


class InvitationForm(_SavesRole, forms.ModelForm):
    """A new colleague: they get an email with a link to choose their own password."""

    role = _role_field(required=True)

    class Meta:
        model = User
        fields = ["email", "full_name"]

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("Someone already has an account with this email address.")
        return email

    def prepare(self, user):
        user.set_unusable_password()  # until they choose one from the invitation
        user.is_staff = True


class UserEditForm(_SavesRole, UserChangeForm):
    """Someone's account. The role decides what they may do; with no role they cannot use the admin."""

    role = _role_field(required=False)

    class Meta:
        model = User
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "role" in self.fields and self.instance.pk:
            self.fields["role"].initial = role_of(self.instance)

    def prepare(self, user):
        if "role" in self.fields:
            user.is_staff = bool(self.cleaned_data["role"]) or user.is_superuser


class StaffPasswordResetForm(PasswordResetForm):
    """Reset by email for active staff, including those whose invitation ran out before they chose a password.

    Whatever address is entered, the page that follows is the same: it never says whether an account exists.
    """

    def get_users(self, email):
        for user in User.objects.filter(email__iexact=email, is_active=True, is_staff=True):
            if _folded(user.email) == _folded(email):  # as Django's own form: no look-alike letters
                yield user


def _folded(email):
    return unicodedata.normalize("NFKC", email).casefold()
