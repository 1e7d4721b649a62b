"""The plan builder. Every step posts the whole plan and gets it back in the page; the server keeps nothing
between requests (no session, no cookie, nothing in a table but anonymous monthly counts), so these POSTs are
CSRF-exempt. With JavaScript the browser also keeps each plan in its local storage (static/js/plan.js)."""

import uuid

from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from categories.models import Strategy
from finder.models import Observation
from oap_directory.device_documents import DocumentError, canonical, clean_text, download_response, posted_digest
from oap_directory.pdf import pdf_response
from planning import costs, editor, outputs, tallies
from planning import document as documents
from planning.fields import Folded, fold
from resources.models import Intervention

MAX_STARTING_ITEMS = 100


def _private(response):
    """A plan is one pupil's: never cached by anyone."""
    response["Cache-Control"] = "private, no-cache, no-store"
    return response


def _start_page(request, error="", status=200):
    return _private(render(request, "planning/start.html", {"error": error}, status=status))


def _uuids(values):
    found = []
    for value in values:
        for part in value.split(","):
            try:
                found.append(uuid.UUID(part.strip()[:40]))
            except ValueError:
                continue
    return list(dict.fromkeys(found))[:MAX_STARTING_ITEMS]


def _started_from(request):
    """A new plan holding the items of "my list" (`items`) and what was ticked in the needs finder (`seen`)."""
    document = documents.new(request.site.council_name)
    items, seen = _uuids(request.GET.getlist("items")), _uuids(request.GET.getlist("seen"))
    observations = {o.uuid: o for o in Observation.objects.published().filter(uuid__in=seen)}
    documents.add_observations(document, [observations[key] for key in seen if key in observations])
    strategies = {s.uuid: s for s in Strategy.objects.published().filter(uuid__in=items)}
    for key in items:
        if key in strategies:
            documents.add_strategy(document, strategies[key])
    interventions = {i.uuid: i for i in Intervention.objects.published().filter(uuid__in=items)}
    _add_interventions(document, [interventions[key] for key in items if key in interventions])
    return document


def _add_interventions(document, interventions):
    lines = document["plan"]["interventions"]
    have = {line["uuid"] for line in lines}
    added = [i for i in interventions if str(i.uuid) not in have][: documents.MAX_INTERVENTIONS - len(lines)]
    lines.extend(costs.new_line(intervention) for intervention in added)
    tallies.count(added)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def plan(request):
    if request.method == "GET":
        if "items" in request.GET or "seen" in request.GET:
            document = _started_from(request)
            current = costs.roles()
            costs.refresh(document, current, {})
            return _editor(request, document, Folded(), current)
        return _start_page(request)
    try:
        document = _read_posted(request)
    except DocumentError as error:
        return _start_page(request, error=str(error), status=400)
    posted = posted_digest(document) if "document" in request.POST else ""
    current = costs.roles()
    lines = list(document["plan"]["interventions"])  # held, so that each line's identity stays its own
    before = {id(line): line["role"] for line in lines}  # by line, not place: removing one moves the rest up
    folded = fold(document, request.POST, current)
    go = request.POST.get("go", "save")
    _act(request, document, go, current)
    costs.refresh(document, current, before)
    return _answer(request, document, folded, current, go, posted)


def _read_posted(request):
    step = request.POST.get("step", "")
    if step == "start":
        return documents.new(request.site.council_name)
    if step == "upload":
        upload = request.FILES.get("file")
        if upload is None:
            raise DocumentError("Choose the plan file you downloaded.")
        return documents.KIND.read_upload(upload)
    return documents.parse(request.POST.get("document", ""))


def _act(request, document, go, current):
    """The button pressed, beyond saving what was typed."""
    if go == "add-outcome" and len(document["plan"]["outcomes"]) < documents.MAX_OUTCOMES:
        document["plan"]["outcomes"].append(documents.new_outcome())
    elif go.startswith("remove:"):
        documents.remove(document, go[7:])
    elif go.startswith("add-strategy:"):
        strategy = Strategy.objects.published().filter(uuid__in=_uuids([go[13:]])).first()
        if strategy is not None:
            documents.add_strategy(document, strategy)
    elif go.startswith("add-intervention"):
        chosen = go[17:] if go.startswith("add-intervention:") else request.POST.get("add_intervention", "")
        _add_interventions(document, Intervention.objects.published().filter(uuid__in=_uuids([chosen]))[:1])
    elif go == "update-rates":
        costs.update_rates(document, current)


def _answer(request, document, folded, current, go, posted):
    if go == "download" and not folded.errors:
        return _private(download_response(document, outputs.filename(document, "json")))
    if go == "csv" and not folded.errors:
        return _private(outputs.csv_response(document))
    if go in ("pdf", "summary") and not folded.errors:
        context = {"doc": document, "document_json": canonical(document), **outputs.summary(document)}
        if go == "pdf":
            return _private(
                pdf_response(request, "planning/plan_summary.html", context, outputs.filename(document, "pdf"))
            )
        return _private(render(request, "planning/plan_summary.html", context))
    words = clean_text(request.POST.get("find", ""), 100) if go == "find" else ""
    return _editor(request, document, folded, current, words, 400 if folded.errors else 200, posted)


def _editor(request, document, folded, current, words="", status=200, posted=""):
    """The plan page. `posted` is a digest of the plan as the browser posted it: the page's script compares it
    with the copy it keeps, so that a page shown again later (a reload, the back button) never overwrites it."""
    context = editor.context(document, folded, current, words) | {
        "document_json": canonical(document),
        "posted_digest": posted,
    }
    return _private(render(request, "planning/plan.html", context, status=status))
