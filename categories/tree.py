"""The category tree, loaded in one query and walked in memory.

Councils have tens to a few hundred categories, so loading the whole tree is
cheaper than walking parent links one query at a time, and keeps every page's
query count constant however deep the tree is.
"""

from categories.content import Status
from categories.models import Category
from categories.versioned import per_content_version


class CategoryTree:
    def __init__(self, categories):
        for category in categories:
            category.url = category.get_absolute_url()  # asked for often: made once per tree
        self.by_id = {category.pk: category for category in categories}
        self.by_slug = {category.slug: category for category in categories}
        self._children = {}
        for category in categories:
            self._children.setdefault(category.parent_id, []).append(category)
        self._public_ids = {category.pk for category in categories if self._is_public(category)}

    @classmethod
    def load(cls):
        return cls(list(Category.objects.order_by("order", "name")))

    @classmethod
    def for_request(cls, request):
        """The tree as public pages show it, loaded once per content version (read-only: share, don't change)."""
        return per_content_version(request, "category-tree", cls.load)

    def children(self, category=None):
        """Direct children in editor order (top-level categories when `category` is None)."""
        return self._children.get(category.pk if category else None, [])

    def public_children(self, category=None):
        return [child for child in self.children(category) if child.status == Status.PUBLISHED]

    def ancestors(self, category):
        """From the top-level framework down to the parent of `category`."""
        chain, seen = [], {category.pk}
        parent = self.by_id.get(category.parent_id)
        while parent is not None and parent.pk not in seen:
            chain.append(parent)
            seen.add(parent.pk)
            parent = self.by_id.get(parent.parent_id)
        return list(reversed(chain))

    def descendant_ids(self, category):
        """`category` and everything below it."""
        ids, stack = [], [category]
        while stack:
            node = stack.pop()
            if node.pk in ids:
                continue
            ids.append(node.pk)
            stack.extend(self.children(node))
        return ids

    def public_descendant_ids(self, category):
        return [pk for pk in self.descendant_ids(category) if self.is_public(self.by_id[pk])]

    def _is_public(self, category):
        return category.status == Status.PUBLISHED and all(
            ancestor.status == Status.PUBLISHED for ancestor in self.ancestors(category)
        )

    def is_public(self, category):
        """Published, and so is every ancestor (as the tree was loaded)."""
        return category.pk in self._public_ids

    def public(self):
        """Every category the public may see."""
        return [category for category in self.by_id.values() if category.pk in self._public_ids]

    def public_ids(self):
        return [category.pk for category in self.public()]

    def top_level_for(self, category):
        ancestors = self.ancestors(category)
        return ancestors[0] if ancestors else category
