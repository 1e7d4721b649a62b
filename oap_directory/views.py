"""Site-wide pages: home, tags, search, the legal pages and the health check."""

from collections import Counter
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from taggit.models import Tag, TaggedItem

from categories.models import Strategy
from categories.presentation import breadcrumbs
from categories.tree import CategoryTree
from oap_directory import search as search_engine
from resources.models import Intervention, Resource

TAGGED_MODELS = (Strategy, Intervention, Resource)


def home(request):
    tree = CategoryTree.load()
    frameworks = [
        {"category": top, "areas": [(area, tree.public_children(area)) for area in tree.public_children(top)]}
        for top in tree.public_children(None)
    ]
    return render(request, "oap_directory/home.html", {"frameworks": frameworks, "hide_header_search": True})


def _published_tag_counts():
    counts = Counter()
    for model in TAGGED_MODELS:
        counts.update(
            TaggedItem.objects.filter(
                content_type=ContentType.objects.get_for_model(model),
                object_id__in=model.objects.published().values("pk"),
            ).values_list("tag_id", flat=True)
        )
    return counts


def tag_list(request):
    counts = _published_tag_counts()
    tags = [(tag, counts[tag.pk]) for tag in Tag.objects.filter(pk__in=counts).order_by("name")]
    context = {"tags": tags, "breadcrumbs": breadcrumbs(("Topics", None))}
    return render(request, "oap_directory/tag_list.html", context)


def tag_detail(request, slug):
    tag = Tag.objects.filter(slug=slug).first()
    if tag is None:
        raise Http404
    tree = CategoryTree.load()
    public_ids = tree.public_ids()
    strategies = Strategy.objects.published().in_categories(public_ids).filter(tags=tag).for_listing().order_by("title")
    context = {
        "tag": tag,
        "strategies": list(strategies),
        "interventions": list(Intervention.objects.published().filter(tags=tag).select_related("level")),
        "resources": list(Resource.objects.published().filter(tags=tag)),
        "breadcrumbs": breadcrumbs(("Topics", reverse("tag_list")), (tag.name, None)),
    }
    if not (context["strategies"] or context["interventions"] or context["resources"]):
        raise Http404
    return render(request, "oap_directory/tag_detail.html", context)


def search(request):
    page = search_engine.search(request)
    clear_url = reverse("search") + (f"?{urlencode({'q': page.query})}" if page.query else "")
    context = {"search": page, "clear_url": clear_url, "nav_active": "search", "hide_header_search": True}
    return render(request, "oap_directory/search.html", context)


@require_GET
def search_suggest(request):
    """Suggestions for the search box as people type (progressive enhancement)."""
    prefix = search_engine.normalise(request.GET.get("q", ""))
    response = JsonResponse({"suggestions": search_engine.suggest(prefix)})
    response["Cache-Control"] = "public, max-age=300"
    return response


def accessibility(request):
    return render(request, "oap_directory/accessibility.html")


def privacy(request):
    return render(request, "oap_directory/privacy.html", {"session_hours": settings.SESSION_COOKIE_AGE // 3600})


def cookies(request):
    return render(request, "oap_directory/cookies.html", {"session_hours": settings.SESSION_COOKIE_AGE // 3600})


def contact(request):
    return render(request, "oap_directory/contact.html")


@never_cache
@require_GET
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@require_GET
def robots_txt(request):
    if settings.ROBOTS_NOINDEX:
        lines = ["User-agent: *", "Disallow: /"]
    else:
        lines = [
            "User-agent: *",
            f"Disallow: /{settings.ADMIN_URL}",
            f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
        ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
