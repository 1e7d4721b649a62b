from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.urls import reverse

from categories.models import Strategy
from categories.tree import CategoryTree
from resources.models import Intervention, Resource


class Sitemap(DjangoSitemap):
    """Addresses from SITE_URL, never from the request's Host header (which an attacker may choose)."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


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
