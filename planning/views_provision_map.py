"""The school's provision map. Every action posts the whole map and gets it back in the page; the server keeps
nothing between requests (no session, no cookie, nothing in a table) and these POSTs store nothing, so they are
CSRF-exempt (DESIGN.md, Teacher tools and pupil data)."""

import json

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from categories.content import Status
from categories.models import Level
from categories.tree import CategoryTree
from oap_directory.device_documents import (
    DocumentError,
    canonical,
    clean_text,
    csv_response,
    download_response,
    posted_digest,
)
from oap_directory.pdf import pdf_response
from planning import provision_map as maps
from resources import costing
from resources.models import CostingPolicy, Intervention, StaffRole


def _private(response):
    """A school's map is its own: never cached by anyone."""
    response["Cache-Control"] = "private, no-cache, no-store"
    return response


def _areas(tree):
    """The council's areas of need: public categories just below a top-level one that hold published interventions."""
    used = set(
        Intervention.categories.through.objects.filter(intervention__status=Status.PUBLISHED).values_list(
            "category_id", flat=True
        )
    )
    return [
        area
        for top in tree.public_children(None)
        for area in tree.public_children(top)
        if used.intersection(tree.descendant_ids(area))
    ]


def _area_of(intervention, areas, tree):
    ids = {category.pk for category in intervention.categories.all()}
    return next((area.name for area in areas if ids.intersection(tree.descendant_ids(area))), "")


def _options(request):
    tree = CategoryTree.for_request(request)
    today = timezone.localdate()
    return {
        "tree": tree,
        "areas": _areas(tree),
        "levels": list(Level.objects.active()),
        "roles": {role.slug: role for role in StaffRole.objects.current(today).order_by("name", "-valid_from")},
        "interventions": list(Intervention.objects.published().select_related("level").order_by("name")),
        "policy": CostingPolicy.load(),
        "today": today,
    }


def _start_page(request, error="", status=200):
    context = {"error": error, "nav_active": "provision_map"}
    return _private(render(request, "planning/provision_map_start.html", context, status=status))


def _read_posted(request, options):
    step = request.POST.get("step", "")
    if step == "start":
        return maps.new(request.site.council_name, request.POST.get("school", ""))
    if step == "upload":
        upload = request.FILES.get("file")
        if upload is None:
            raise DocumentError("Choose the provision map file you downloaded.")
        return maps.KIND.read_upload(upload)
    return maps.KIND.parse(request.POST.get("document", ""))


@csrf_exempt
@require_http_methods(["GET", "POST"])
def provision_map(request):
    if request.method == "GET":
        return _start_page(request)
    options = _options(request)
    try:
        document = _read_posted(request, options)
    except DocumentError as error:
        return _start_page(request, error=str(error), status=400)
    posted = posted_digest(document) if "document" in request.POST else ""
    errors = maps.apply_lines(document, request.POST, options["roles"])
    go = request.POST.get("go", "map")
    errors += _act(document, go, request.POST, options)
    built = maps.build(document, options["policy"], options["today"])
    return _answer(request, built, go, errors, options, posted)


def _act(document, go, data, options):
    """The button pressed: add a line, remove one, or take today's rates. Returns messages for what can't be done."""
    roles, today = options["roles"], options["today"]
    if go.startswith("remove:") and go[7:].isdecimal() and 1 <= int(go[7:]) <= len(document["lines"]):
        del document["lines"][int(go[7:]) - 1]
    elif go == "rates":
        maps.update_rates(document, roles, today)
    elif go in ("add-library", "add-own"):
        if len(document["lines"]) >= maps.MAX_LINES:
            return [("add", f"A map can have up to {maps.MAX_LINES} lines.")]
        return _add_line(document, go, data, options)
    return []


def _add_line(document, go, data, options):
    roles, today, weeks = options["roles"], options["today"], options["policy"].weeks_per_year
    role = roles.get(data.get("add_role", ""))
    if go == "add-library":
        intervention = next((i for i in options["interventions"] if str(i.uuid) == data.get("add_intervention")), None)
        if intervention is None:
            return [("add_intervention", "Choose an intervention from the council's library.")]
        if role is None and intervention.staff_role_id:
            role = roles.get(intervention.staff_role.slug)
        if role is None:
            return [("add_role", "Choose the staff role who runs it.")]
        area = _area_of(intervention, options["areas"], options["tree"])
        document["lines"].append(maps.line_from_intervention(intervention, role, weeks, area, today))
        return []
    role = roles.get(data.get("add_own_role", ""))
    name = clean_text(data.get("add_name", ""), maps.NAME_LIMIT)
    problems = [] if name else [("add_name", "Enter the name of the provision.")]
    if role is None:
        problems.append(("add_own_role", "Choose the staff role who runs it."))
    if problems:
        return problems
    area, level = (clean_text(data.get(key, ""), 150) for key in ("add_area", "add_level"))
    document["lines"].append(maps.own_line(name, area, level, role, weeks, today))
    return []


def _editable(built, errors):
    """Each line with its number fields as (id, label, value, error) for the form: a refused value shows what the
    teacher typed beside its message, and the map keeps the value before."""
    messages = dict(errors)
    rows = []
    for line in built.lines:
        prefix = f"line-{line.number}-"
        numbers = [
            (f"{prefix}{name}", maps.LABELS[name].capitalize(), line.data[name], messages.get(f"{prefix}{name}", ""))
            for name in maps.NUMBERS
        ]
        rows.append((line, prefix, numbers))
    return rows


def _answer(request, built, go, errors, options, posted):
    for role in built.roles:
        role.school_cap = built.document["role_caps"].get(role.slug, "")
    context = {
        "map": built,
        "document_json": canonical(built.document),
        # For the page's script: the map as posted, to tell a page shown again later from a later copy kept in the
        # browser, and each role as a line changed to it keeps it (as apply_lines does), to keep what is typed.
        "posted_digest": posted,
        "role_snapshots": json.dumps(
            {slug: maps.role_snapshot(role, options["today"]) for slug, role in options["roles"].items()}
        ),
        "errors": errors,
        "areas": options["areas"],
        "levels": options["levels"],
        "roles": list(options["roles"].values()),
        "interventions": options["interventions"],
        "stale": maps.stale_lines(built.document, options["roles"], options["today"]),
        "editable": _editable(built, errors),
        "area_names": [area.name for area in options["areas"]],
        "level_names": [level.name for level in options["levels"]],
        "roles_by_slug": options["roles"],
        "policy_cap": options["policy"].weekly_hour_cap,
        "totals_tables": [
            ("By area of need", built.by_area),
            ("By level of support", built.by_level),
            ("Overall", [built.overall]),
        ],
        "formula_and_totals": f"{costing.FORMULA_TEXT} Each line's cost for the year is its cost per pupil × its number "
        "of pupils; cost to date uses the weeks so far instead of the line's weeks. Totals add up the lines.",
        "nav_active": "provision_map",
    }
    filename = "provision-map"
    if go == "download" and not errors:
        return _private(download_response(built.document, f"{filename}.json"))
    if go == "csv" and not errors:
        return _private(csv_response(maps.csv_rows(built), f"{filename}.csv"))
    if go == "pdf" and not errors:
        return _private(pdf_response(request, "planning/provision_map_print.html", context, f"{filename}.pdf"))
    if go == "print" and not errors:
        return _private(render(request, "planning/provision_map_print.html", context))
    return _private(render(request, "planning/provision_map.html", context))
