from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from categories.models import Strategy
from categories.tree import CategoryTree
from resources.models import Intervention, Resource


class StaticPagesSitemap(Sitemap):
    def items(self):
        return ["home", "categories:strategy_list", "resources:intervention_list", "resources:resource_list"]

    def location(self, item):
        return reverse(item)


class CategorySitemap(Sitemap):
    def items(self):
        tree = CategoryTree.load()
        return tree.public()

    def lastmod(self, item):
        return item.updated_at


class PublishedSitemap(Sitemap):
    model = None

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class StrategySitemap(PublishedSitemap):
    model = Strategy


class InterventionSitemap(PublishedSitemap):
    model = Intervention


class ResourceSitemap(PublishedSitemap):
    model = Resource


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "categories": CategorySitemap,
    "strategies": StrategySitemap,
    "interventions": InterventionSitemap,
    "resources": ResourceSitemap,
}
