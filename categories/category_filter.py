"""The grouped category filter ("Area"): areas and sub-areas grouped under their framework, with counts.

One form field and one template component, used by search and by the strategy and intervention lists:

    # in the filter form
    category = CategoryFilterField()
    ...
    self.fields["category"].set_tree(tree)

    # in the view: counts are {category id: number of items}, including items filed in sub-categories
    groups = category_filter_groups(tree, form.selected("category"), counts)

    {% include "components/category_filter.html" with name="category" label="Area" groups=groups only %}

`item_counts(pairs, tree)` turns (item id, category id) pairs from a list's queryset into those counts.
Under each framework: one set of checkboxes per area (the area, then its sub-areas), or one for the
framework when its areas have no sub-areas; a long set shows its first few, the rest behind "Show all n".
"""

from django import forms


class CategoryFilterField(forms.MultipleChoiceField):
    """Public categories by slug, any number of them (OR); the filter form drops unknown slugs."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, label="Area", **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(label=label, **kwargs)

    def set_tree(self, tree):
        self.choices = [(category.slug, category.name) for category in tree.public()]


SHOWN_BEFORE_SHOW_ALL = 5  # a longer group shows its first few, the rest behind "Show all n"


def _option(category, depth, selected, counts, whole=False):
    count = None if counts is None else counts.get(category.pk, 0)
    return {"value": category.slug, "label": category.name, "depth": depth, "count": count,
            "selected": category.slug in selected, "whole": whole}  # fmt: skip


def _fieldset(legend, options, counts):
    if counts is not None:
        options = [option for option in options if option["count"] or option["selected"]]
    first, rest = options[:SHOWN_BEFORE_SHOW_ALL], options[SHOWN_BEFORE_SHOW_ALL:]
    return {"legend": legend, "options": options, "first": first, "rest": rest,
            "rest_selected": any(option["selected"] for option in rest)}  # fmt: skip


def _framework_fieldsets(tree, framework, selected, counts):
    """One fieldset per area ("All of" the area, then its sub-areas); one for the framework when no area has any."""
    areas = tree.public_children(framework)
    if not any(tree.public_children(area) for area in areas):
        return False, [_fieldset(framework.name, [_option(area, 1, selected, counts) for area in areas], counts)]
    fieldsets = [
        _fieldset(
            area.name,
            [
                _option(area, 1, selected, counts, whole=True),
                *(_option(sub, 2, selected, counts) for sub in tree.public_children(area)),
            ],
            counts,
        )  # fmt: skip
        for area in areas
    ]
    return True, fieldsets


def category_filter_groups(tree, selected, counts=None):
    """[{"framework", "heading", "fieldsets": [{"legend", "options", "first", "rest", "rest_selected"}]}].

    Each option is {"value", "label", "depth", "count", "selected", "whole"} ("whole": the option is an area
    shown as "All of" it above its sub-areas). `heading` is the framework's name when its areas have
    sub-areas (one fieldset per area); otherwise the framework's one fieldset has it as its legend.
    With `counts`, options with nothing in them are left out unless chosen; a chosen framework
    is offered first so that unticking it is possible.
    """
    selected = set(selected or ())
    groups = []
    for framework in tree.public_children(None):
        by_area, fieldsets = _framework_fieldsets(tree, framework, selected, counts)
        if framework.slug in selected:
            fieldsets.insert(0, _fieldset(framework.name, [_option(framework, 0, selected, counts, whole=True)], None))
        fieldsets = [fieldset for fieldset in fieldsets if fieldset["options"]]
        if fieldsets:
            groups.append(
                {"framework": framework, "heading": framework.name if by_area else "", "fieldsets": fieldsets}
            )
    return groups


def item_counts(pairs, tree):
    """{category id: distinct items} from (item id, category id) pairs, each item counted in every ancestor too."""
    items = {}
    for item, category in pairs:
        if category in tree.by_id:
            node = tree.by_id[category]
            for pk in [node.pk, *(ancestor.pk for ancestor in tree.ancestors(node))]:
                items.setdefault(pk, set()).add(item)
    return {pk: len(found) for pk, found in items.items()}
