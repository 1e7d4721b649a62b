"""Fixed identities for the standard starting categories (whole-school, the four areas of need and their
sub-areas, Teachers' Standards), the same in every council's directory so that content packs between councils
line up (docs/content-packs.md). The starter loader, `setup_council`, the Word import and the admin's "Add
category" all give a new category at a standard slug path its standard identity."""

import functools
import json
import uuid

from django.conf import settings

from categories.models import Category

STANDARD_CATEGORIES = settings.BASE_DIR / "fixtures" / "starter" / "categories.json"
STANDARD_NAMESPACE = uuid.UUID("2c6df4f4-5d4b-475d-bfb4-50b40b3057a3")


def standard_identity(slug):
    """The fixed identity (uuid) of a standard starting category: uuid5 of STANDARD_NAMESPACE and the slug."""
    return uuid.uuid5(STANDARD_NAMESPACE, slug)


@functools.cache
def standard_paths():
    """The slug paths of the standard starting categories, e.g. `areas-of-need/cognition-and-learning/reading`."""
    rows = json.loads(STANDARD_CATEGORIES.read_text(encoding="utf-8"))
    parents = {row["slug"]: row["parent"] for row in rows}

    def path(slug):
        return f"{path(parents[slug])}/{slug}" if parents[slug] else slug

    return frozenset(path(slug) for slug in parents)


def identity_for_new_category(slug, parent):
    """For a category about to be made with `slug` under `parent`: its fixed identity if that is where a standard
    starting category sits (and no category has the identity yet), so a council that adds its own "Reading"
    under the standard "Cognition and learning" lines up with the others; otherwise a new random one."""
    slugs, ancestor = [slug], parent
    while ancestor is not None:
        slugs.insert(0, ancestor.slug)
        ancestor = ancestor.parent
    if "/".join(slugs) in standard_paths() and not Category.objects.filter(uuid=standard_identity(slug)).exists():
        return standard_identity(slug)
    return uuid.uuid4()
