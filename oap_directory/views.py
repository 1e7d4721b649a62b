"""Site-wide pages: home, tags, search, about and glossary, the legal pages and the health check."""

from collections import Counter
from itertools import groupby
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from taggit.models import Tag, TaggedItem

from categories.listing import summarise
from categories.models import Level, Strategy
from categories.presentation import breadcrumbs
from categories.tree import CategoryTree
from oap_directory import content_types, my_list
from oap_directory import search as search_engine
from oap_directory.database import first_row
from oap_directory.models import GlossaryTerm
from resources.listing import intervention_summaries, resource_summaries
from resources.models import Intervention, Resource
from selfreview import retention


def home(request):
    tree = CategoryTree.for_request(request)
    frameworks = [
        {"category": top, "areas": [(area, tree.public_children(area)) for area in tree.public_children(top)]}
        for top in tree.public_children(None)
    ]
    return render(request, "oap_directory/home.html", {"frameworks": frameworks, "hide_header_search": True})


def _published_tag_counts():
    counts = Counter()
    for model in (entry.model for entry in content_types.all() if entry.is_tagged):
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
    tree = CategoryTree.for_request(request)
    strategies = Strategy.objects.published().in_categories(tree.public_ids()).filter(tags=tag).order_by("title", "pk")
    context = {
        "tag": tag,
        "strategies": summarise(strategies.summary_rows()),
        "interventions": intervention_summaries(Intervention.objects.published().filter(tags=tag)),
        "resources": resource_summaries(Resource.objects.published().filter(tags=tag)),
        "breadcrumbs": breadcrumbs(("Topics", reverse("tag_list")), (tag.name, None)),
    }
    if not (context["strategies"] or context["interventions"] or context["resources"]):
        raise Http404
    return render(request, "oap_directory/tag_detail.html", context)


@cache_control(private=True, no_cache=True)
def search(request):
    """Never cached anywhere, so that every search is logged."""
    page = search_engine.search(request)
    my_list.add_identities(page.results)
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
    context = {"site_url": settings.SITE_URL, "site_host": urlsplit(settings.SITE_URL).netloc}
    return render(request, "oap_directory/accessibility.html", context)


def privacy(request):
    context = {
        "session_hours": settings.SESSION_COOKIE_AGE // 3600,
        "shared_keep_years": retention.SHARED_KEEP_YEARS,
        "code_keep_days": retention.CODE_KEEP_DAYS,
    }
    return render(request, "oap_directory/privacy.html", context)


def cookies(request):
    return render(request, "oap_directory/cookies.html", {"session_hours": settings.SESSION_COOKIE_AGE // 3600})


def about(request):
    context = {
        "levels": list(Level.objects.active()),
        "breadcrumbs": breadcrumbs(("About this guidance", None)),
        "nav_active": "about",
    }
    return render(request, "oap_directory/about.html", context)


def glossary(request):
    terms = list(GlossaryTerm.objects.a_to_z())
    letters = [(letter, list(group)) for letter, group in groupby(terms, key=lambda term: term.letter)]
    context = {"letters": letters, "breadcrumbs": breadcrumbs(("Glossary", None)), "nav_active": "glossary"}
    return render(request, "oap_directory/glossary.html", context)


def contact(request):
    return render(request, "oap_directory/contact.html")


@never_cache
@require_GET
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        first_row("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@require_GET
def robots_txt(request):
    if settings.ROBOTS_NOINDEX:
        lines = ["User-agent: *", "Disallow: /"]
    else:
        # No "Disallow" for the admin: that would publish its address. It sends X-Robots-Tag: noindex instead.
        lines = ["User-agent: *", "Allow: /", f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
