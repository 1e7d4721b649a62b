"""What the planning tools tell the apps below them at `ready()`."""

from accounts import roles


def register():
    for role in (roles.EDITOR, roles.PUBLISHER, roles.SITE_MANAGER):
        roles.grant(role, ["planning.view_plantally"])
