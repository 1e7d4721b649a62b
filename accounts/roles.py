"""The editorial roles and what each may do.

Applied idempotently by a post_migrate receiver and by `manage.py sync_roles`
(a data migration would find no permissions on a fresh database). What each role
may do with published items is decided in categories/workflow.py.
"""

from django.contrib.auth.models import Group, Permission

EDITOR = "Editor"
PUBLISHER = "Publisher"
SITE_MANAGER = "Site manager"

CONTENT_MODELS = ["categories.strategy", "resources.resource", "resources.intervention"]
LINK_MODELS = ["resources.strategyresource", "resources.strategyintervention"]
TAG_MODELS = ["taggit.tag", "taggit.taggeditem"]
COSTING_MODELS = ["resources.staffrole", "resources.costingpolicy"]
SELF_EVALUATION_MODELS = [
    "selfreview.framework",
    "selfreview.section",
    "selfreview.statement",
    "selfreview.targetlevel",
]


def _perms(models, actions):
    """["app.model"], ["add"] → ["app.add_model"]"""
    return [f"{app}.{action}_{name}" for app, name in (m.split(".") for m in models) for action in actions]


_editor = (
    _perms(CONTENT_MODELS + LINK_MODELS, ["add", "change", "view"])
    # Editors tag items through the item's own form (so changes to live items wait for review); only
    # publishers and site managers rename tags or attach them to items directly in the Tag admin.
    + _perms(TAG_MODELS, ["view"])
    + _perms(LINK_MODELS, ["delete"])  # removing a resource from a strategy deletes only the link
    + _perms(["categories.category"], ["change", "view"])
    + _perms(["categories.level", "categories.phase"], ["view"])
    + _perms(COSTING_MODELS, ["view"])  # editors pick an intervention's staff role and see the rates
    + _perms(["oap_directory.searchlog", "oap_directory.synonym", "oap_directory.glossaryterm"], ["view"])
    # Visitors' feedback and suggestions: editors clear out-of-date reports and turn suggestions into drafts.
    + _perms(["feedback.pagefeedback", "feedback.resourcesuggestion"], ["view", "change"])
    + _perms(["feedback.linkcheck"], ["view"])
)

_publisher = (
    _editor
    + _perms(TAG_MODELS, ["add", "change", "delete"])
    + _perms(CONTENT_MODELS, ["publish"])
    # Glossary changes go live when saved, so only people who may publish make them.
    + _perms(["oap_directory.glossaryterm"], ["add", "change", "delete"])
    + _perms(["oap_directory.importrecord"], ["view"])
    + _perms(SELF_EVALUATION_MODELS, ["add", "change", "delete", "view"])
    + _perms(["selfreview.ratingscale", "selfreview.ratinglevel"], ["view"])
)

ROLES = {
    EDITOR: _editor,
    PUBLISHER: _publisher,
    SITE_MANAGER: _publisher
    + _perms(["categories.category"], ["publish"])
    + _perms(["categories.category"], ["add", "delete"])
    + _perms(["categories.level", "categories.phase"], ["add", "change", "delete"])
    # Rates and the costing policy change every published cost at once, so only site managers set them.
    + _perms(["resources.staffrole"], ["add", "change", "delete"])
    + _perms(["resources.costingpolicy"], ["change"])
    + _perms(["oap_directory.sitesettings", "oap_directory.footerlink"], ["change", "view", "add", "delete"])
    + _perms(["oap_directory.synonym"], ["add", "change", "delete"])
    + _perms(["oap_directory.importrecord"], ["add", "view", "change"])
    + _perms(["selfreview.ratingscale", "selfreview.ratinglevel"], ["add", "change", "delete"])
    + _perms(["selfreview.sharingcode"], ["add", "view"])
    + _perms(["selfreview.sharedevaluation"], ["view"])
    + _perms(["accounts.user"], ["add", "change", "view"])
    + _perms(["auth.group"], ["view"]),
}


def grant(role, codenames):
    """Apps above this one add their own models' permissions to a role from their `ready()`."""
    ROLES[role] = [*ROLES[role], *(codename for codename in codenames if codename not in ROLES[role])]


def role_of(user):
    """The person's role (the most senior role group they are in), or "" if they have none."""
    names = {group.name for group in user.groups.all()}  # uses prefetch_related("groups") when a list has it
    return next((name for name in reversed(ROLES) if name in names), "")


def may_manage(actor, person):
    """Whether `actor` (who may change users) may manage `person`: only a superuser manages superusers."""
    return actor.is_superuser or not person.is_superuser


def set_role(user, role):
    """Put the person in exactly one role group (`role`, or none for ""); other groups are left alone."""
    user.groups.remove(*Group.objects.filter(name__in=ROLES).exclude(name=role))
    if role:
        user.groups.add(Group.objects.get(name=role))


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
