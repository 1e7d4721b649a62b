"""The editorial roles and what each may do.

Applied idempotently by a post_migrate receiver and by `manage.py sync_roles`
(a data migration would find no permissions on a fresh database). Issue 5
refines these into the full workflow; here they are sensible model permissions.
"""

from django.contrib.auth.models import Group, Permission

EDITOR = "Editor"
PUBLISHER = "Publisher"
SITE_MANAGER = "Site manager"

CONTENT_MODELS = ["categories.strategy", "resources.resource", "resources.intervention"]
LINK_MODELS = ["resources.strategyresource", "resources.strategyintervention"]
TAG_MODELS = ["taggit.tag", "taggit.taggeditem"]


def _perms(models, actions):
    """["app.model"], ["add"] → ["app.add_model"]"""
    return [f"{app}.{action}_{name}" for app, name in (m.split(".") for m in models) for action in actions]


_editor = (
    _perms(CONTENT_MODELS + LINK_MODELS + TAG_MODELS, ["add", "change", "view"])
    + _perms(LINK_MODELS, ["delete"])  # removing a resource from a strategy deletes only the link
    + _perms(["categories.category"], ["change", "view"])
    + _perms(["categories.level", "categories.phase"], ["view"])
    + _perms(["oap_directory.searchlog", "oap_directory.synonym"], ["view"])
)

_publisher = (
    _editor
    + _perms(TAG_MODELS, ["delete"])
    + _perms(CONTENT_MODELS, ["publish"])
    + _perms(["oap_directory.importrecord"], ["view"])
)

ROLES = {
    EDITOR: _editor,
    PUBLISHER: _publisher,
    SITE_MANAGER: _publisher
    + _perms(["categories.category"], ["publish"])
    + _perms(["categories.category"], ["add", "delete"])
    + _perms(["categories.level", "categories.phase"], ["add", "change", "delete"])
    + _perms(["oap_directory.sitesettings", "oap_directory.footerlink"], ["change", "view", "add", "delete"])
    + _perms(["oap_directory.synonym"], ["add", "change", "delete"])
    + _perms(["oap_directory.importrecord"], ["add", "view", "change"])
    + _perms(["accounts.user"], ["add", "change", "view"])
    + _perms(["auth.group"], ["view"]),
}


def sync_roles():
    """Create the groups and give each exactly the permissions listed in ROLES."""
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = []
        for dotted in codenames:
            app_label, codename = dotted.split(".")
            wanted.extend(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
        group.permissions.set(wanted)


def sync_roles_after_migrate(sender, **kwargs):
    # oap_directory is the last installed app, so every app's permissions exist by now.
    if sender.name == "oap_directory":
        sync_roles()
