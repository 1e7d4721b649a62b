"""The change lists' area filter: the category tree grouped as the public filter groups it.

Frameworks, then their areas, then sub-areas, each a link nested under its parent, so an editor
reads "The four broad areas of need › Social, emotional and mental health › Anxiety" as a tree
rather than one long flat list. Choosing a category lists the items in it or anywhere below it.
Editors see every category, drafts included: they file items in categories before they go live.
"""

from django.contrib import admin

from categories.tree import CategoryTree


class CategoryListFilter(admin.SimpleListFilter):
    title = "area"
    parameter_name = "category"
    template = "admin/oap/category_filter.html"

    def lookups(self, request, model_admin):
        self.tree = CategoryTree.load()
        return [(str(category.pk), category.name) for category, _depth in self._walk()]

    def _walk(self, parent=None, depth=0):
        """(category, depth) for the whole tree, depth first, in editor order."""
        for category in self.tree.children(parent):
            yield category, depth
            yield from self._walk(category, depth + 1)

    def _chosen(self):
        """The chosen category, or None when nothing (or nothing that exists) is chosen."""
        value = self.value()
        return self.tree.by_id.get(int(value)) if value and value.isascii() and value.isdigit() else None

    def queryset(self, request, queryset):
        category = self._chosen()
        if category is None:
            return queryset
        inside = queryset.model.objects.filter(categories__in=self.tree.descendant_ids(category))
        return queryset.filter(pk__in=inside.values("pk"))

    def choices(self, changelist):
        """The "All" choice, then each framework with its areas (and theirs) as `children`, for a nested list."""
        everything, *flat = super().choices(changelist)
        by_value = dict(zip((value for value, _title in self.lookup_choices), flat, strict=True))

        def branch(parent):
            return [by_value[str(child.pk)] | {"children": branch(child)} for child in self.tree.children(parent)]

        yield everything | {"children": []}
        yield from branch(None)
