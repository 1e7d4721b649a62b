"""A cache of public pages for anonymous visitors.

Keys include SiteSettings.content_version, which every content or settings change bumps, so a
change shows at once and nothing stale is ever served. Staff, previews, anyone with a session
cookie, searches (they are logged) and non-HTML endpoints bypass it. The cache is the database
(DESIGN.md: never per-process memory, no Redis).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from taggit.models import TaggedItem

from categories.models import Category, Level, Phase, Strategy
from oap_directory.models import FooterLink, SiteSettings
from resources.models import Intervention, Resource, StrategyIntervention, StrategyResource

CACHEABLE_VIEWS = {
    "home",
    "categories:category_list",
    "categories:category_detail",
    "categories:strategy_list",
    "categories:strategy_detail",
    "resources:intervention_list",
    "resources:intervention_detail",
    "resources:resource_list",
    "resources:resource_detail",
    "tag_list",
    "tag_detail",
    "accessibility",
    "privacy",
    "cookies",
    "contact",
}
CHANGES_TO = [Strategy, Intervention, Resource, Category, Level, Phase, StrategyResource, StrategyIntervention, TaggedItem, FooterLink]  # fmt: skip


def bump_content_version(**kwargs):
    SiteSettings.objects.filter(pk=1).update(content_version=F("content_version") + 1)


def connect():
    for model in CHANGES_TO:
        post_save.connect(bump_content_version, sender=model, dispatch_uid=f"page-cache-save-{model.__name__}")
        post_delete.connect(bump_content_version, sender=model, dispatch_uid=f"page-cache-delete-{model.__name__}")
    for model in (Strategy, Intervention, Resource):
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                bump_content_version, sender=field.remote_field.through, dispatch_uid=f"page-cache-m2m-{field}"
            )


def _key(request):
    version = request.site.content_version
    digest = hashlib.sha256(request.get_full_path().encode("utf-8", "surrogatepass")).hexdigest()
    return f"page:{version}:{digest}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key and response.status_code == 200 and not response.streaming and not response.cookies:
            if "private" not in response.get("Cache-Control", "") and not getattr(response, "is_preview", False):
                cache.set(key, (response.content, response["Content-Type"]), settings.PAGE_CACHE_SECONDS)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not self._cacheable(request):
            return None
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            return HttpResponse(content, content_type=content_type)
        request._page_cache_key = key
        return None

    @staticmethod
    def _cacheable(request):
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and request.resolver_match.view_name in CACHEABLE_VIEWS
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.user.is_authenticated
        )
