"""Visitors' feedback and resource suggestions: anonymous forms that store something (DESIGN.md, Teacher tools
and pupil data). Posted from this site's own pages only, with a honeypot and an hourly cap per visitor; no CSRF
cookie, no session, no messages — the thank-you page is a page."""

from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from feedback.forms import PageFeedbackForm, ResourceSuggestionForm
from feedback.pages import item_at
from oap_directory import visitors

FEEDBACK_PER_HOUR = 20
SUGGESTIONS_PER_HOUR = 5


def _refusal(request, scope, per_hour):
    """The page to answer with when a post may not be stored, or None when it may."""
    if not visitors.from_this_site(request) or visitors.is_robot(request):
        return render(request, "feedback/refused.html", {"reason": "refused"}, status=400)
    if visitors.over_cap(request, scope, per_hour):
        return render(request, "feedback/refused.html", {"reason": "over_cap"}, status=429)
    return None


@csrf_exempt
@require_http_methods(["GET", "POST"])
@cache_control(private=True, no_cache=True)
def page_feedback(request):
    """GET ?page=<address>: the "What was missing or wrong?" form. POST: store the answer and say thank you."""
    data = request.POST if request.method == "POST" else {"page": request.GET.get("page", ""), "useful": "no"}
    form = PageFeedbackForm(data)
    found = item_at(form.data.get("page", "")) if isinstance(form.data.get("page"), str) else None
    if found is None:
        return render(request, "feedback/no_such_page.html", status=404)
    entry_type, item = found
    context = {"form": form, "item": item, "item_title": entry_type.title(item), "page": item.get_absolute_url()}
    if request.method == "GET":
        return render(request, "feedback/page_feedback.html", {**context, "form": PageFeedbackForm(initial=data)})
    refusal = _refusal(request, "feedback", FEEDBACK_PER_HOUR)
    if refusal:
        return refusal
    if not form.is_valid():
        return render(request, "feedback/page_feedback.html", context, status=400)
    form.save(entry_type, item)
    return render(request, "feedback/thanks.html", {**context, "kind": "feedback"})


@csrf_exempt
@require_http_methods(["GET", "POST"])
@cache_control(private=True, no_cache=True)
def suggest_resource(request):
    form = ResourceSuggestionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        refusal = _refusal(request, "suggestions", SUGGESTIONS_PER_HOUR)
        if refusal:
            return refusal
        if form.is_valid():
            form.save()
            return render(request, "feedback/thanks.html", {"kind": "suggestion"})
    return render(request, "feedback/suggest_resource.html", {"form": form}, status=400 if form.errors else 200)
