"""What the finder tells the site-wide registries and the apps below it at `ready()`."""

from accounts import roles
from oap_directory import content_types
from oap_directory.content_types import ContentType


def register():
    from categories import history
    from finder.models import CheckPrompt, Observation, ObservationLink, Signpost

    content_types.register(ContentType("observation", Observation, order=50))
    content_types.register_shown(ObservationLink, CheckPrompt, Signpost)
    history.register_m2m(Observation, "phases", "Phases", key="slug")
    history.register_relation(Observation, "links", "Links", _links_getter, _links_setter)
    history.register_describer(Observation, "links", _describe_links)
    _register_roles()


def _register_roles():
    content = ["finder.add_observation", "finder.change_observation", "finder.view_observation"]
    links = [f"finder.{action}_observationlink" for action in ("add", "change", "delete", "view")]
    options = ["checkprompt", "signpost", "diagnosticterm"]
    viewing = [f"finder.view_{name}" for name in [*options, "observationtally"]]
    managing = [f"finder.{action}_{name}" for name in options for action in ("add", "change", "delete")]
    roles.grant(roles.EDITOR, [*content, *links, *viewing])
    roles.grant(roles.PUBLISHER, [*content, *links, *viewing, "finder.publish_observation"])
    roles.grant(roles.SITE_MANAGER, [*content, *links, *viewing, "finder.publish_observation", *managing])


TARGETS = ("strategy", "intervention", "resource")


def _links_getter(observation):
    """Each link as "kind:uuid:weight:why", so that a revert can find its target again."""
    links = observation.links.select_related(*TARGETS).order_by("id")
    return [f"{_kind(link)}:{link.target.uuid}:{link.weight}:{link.why}" for link in links]


def _kind(link):
    return next(name for name in TARGETS if getattr(link, f"{name}_id"))


def _parse(value):
    kind, uuid, weight, why = value.split(":", 3)
    return kind, uuid, int(weight), why


def _links_setter(observation, values):
    from finder.models import ObservationLink

    observation.links.all().delete()
    missing = []
    for value in values:
        kind, uuid, weight, why = _parse(value)
        target = ObservationLink._meta.get_field(kind).related_model.objects.filter(uuid=uuid).first()
        if target is None:
            missing.append(value)
            continue
        ObservationLink.objects.create(observation=observation, weight=weight, why=why, **{kind: target})
    return missing


def _describe_links(values):
    from finder.models import ObservationLink

    described = []
    for value in values:
        kind, uuid, weight, _why = _parse(value)
        target = ObservationLink._meta.get_field(kind).related_model.objects.filter(uuid=uuid).first()
        described.append(f"{target or '(deleted)'} (weight {weight})")
    return described
