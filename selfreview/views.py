"""The self-evaluation tool. Every step posts the whole document and gets it back in the page; the server keeps
nothing between requests (no session, no cookie, nothing in a table) and these POSTs store nothing, so they are
CSRF-exempt. Only sharing with the council (selfreview.sharing) stores anything: ratings alone."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from categories.tree import CategoryTree
from oap_directory.device_documents import posted_digest
from oap_directory.pdf import pdf_response
from selfreview import document as documents
from selfreview import sharing, steps
from selfreview.document import DocumentError
from selfreview.forms import ShareForm, StartForm, UploadForm, WithdrawForm
from selfreview.models import Framework
from selfreview.outputs import csv_response, download_response
from selfreview.summary import Evaluation, load_framework


def _private(response):
    """The tool's answers are one school's own: never cached by anyone."""
    response["Cache-Control"] = "private, no-cache, no-store"
    return response


def _start_page(request, error="", status=200, start_form=None):
    context = {
        "frameworks": Framework.objects.current(),
        "start_form": start_form or StartForm(),
        "upload_form": UploadForm(),
        "error": error,
    }
    return _private(render(request, "selfreview/start.html", context, status=status))


def _read_posted(request):
    """The document this POST carries or starts, and the framework it was made against; raises DocumentError."""
    step = request.POST.get("step", "")
    if step == "start":
        form = StartForm(request.POST)
        if not form.is_valid():
            raise _InvalidStart(form)
        framework = form.cleaned_data["framework"]
        return documents.new(framework, form.cleaned_data["school_name"], form.cleaned_data["phase"]), framework
    if step in ("upload", "last-year"):
        upload = request.FILES.get("file")
        if upload is None:
            raise DocumentError("Choose the self-evaluation file you downloaded.")
        document = documents.KIND.read_upload(upload)
        framework = documents.framework_for(document)
        if step == "last-year":
            newest = next((f for f in Framework.objects.current() if f.slug == framework.slug), framework)
            sections, levels = load_framework(newest)
            statements = [s for section in sections for s in section.statements.all()]
            return documents.start_from_last_year(document, newest, statements, levels), newest
        return document, framework
    document = documents.parse(request.POST.get("document", ""))
    return document, documents.framework_for(document)


class _InvalidStart(DocumentError):
    def __init__(self, form):
        super().__init__("Check the details you entered.")
        self.form = form


@csrf_exempt
@require_http_methods(["GET", "POST"])
def self_evaluation(request):
    if request.method == "GET":
        return _start_page(request)
    try:
        document, framework = _read_posted(request)
        sections, levels = load_framework(framework, CategoryTree.for_request(request))
        statements = [statement for section in sections for statement in section.statements.all()]
        documents.check_against(document, framework, statements, levels)
    except _InvalidStart as invalid:
        return _start_page(request, status=400, start_form=invalid.form)
    except DocumentError as error:
        return _start_page(request, error=str(error), status=400)
    posted = posted_digest(document) if "document" in request.POST else ""
    _apply_step(document, request.POST, sections, statements, levels)
    go = request.POST.get("go", "overview")
    evaluation = Evaluation.build(framework, document, sections, levels)
    return _answer(request, evaluation, go, posted)


def _apply_step(document, data, sections, statements, levels):
    step = data.get("step", "")
    section = _section_named(step, sections)
    if section is not None:
        steps.save_section(document, section, data, levels)
    elif step == "actions":
        steps.save_actions(document, data)
    go = data.get("go", "")
    if go.startswith("add-action:"):
        statement = next((s for s in statements if str(s.uuid) == go.split(":", 1)[1]), None)
        if statement is not None and len(document["actions"]) < steps.MAX_ACTIONS:
            steps.add_action(document, statement)


def _section_named(name, sections):
    """`section:3` → the third section (1-based), or None."""
    if not name.startswith("section:") or not name[8:].isdecimal():
        return None
    number = int(name[8:])
    return sections[number - 1] if 1 <= number <= len(sections) else None


def _answer(request, evaluation, go, posted=""):
    """The page for the button pressed. `posted` is a digest of the document as the browser posted it: the page's
    script compares it with the copy it keeps, so that a page shown again later never overwrites a later copy."""
    document_json = documents.canonical(evaluation.document)
    context = {
        "evaluation": evaluation,
        "document_json": document_json,
        "posted_digest": posted,
        "framework": evaluation.framework,
        "statuses": list(documents.ACTION_STATUSES.items()),
        "site_url": settings.SITE_URL.rstrip("/"),
    }
    section = _section_named(go, [summary.section for summary in evaluation.sections])
    if section is not None:
        summary = next(s for s in evaluation.sections if s.section == section)
        context |= {"summary": summary, "next_number": summary.number + 1}
        return _private(render(request, "selfreview/section.html", context))
    if go == "download":
        return _private(download_response(evaluation))
    if go == "csv":
        return _private(csv_response(evaluation))
    if go == "pdf":
        filename = f"self-evaluation-{evaluation.framework.slug}.pdf"
        return _private(pdf_response(request, "selfreview/governors_summary.html", context, filename))
    if go.startswith("add-action:") or go == "actions":
        return _private(render(request, "selfreview/actions.html", context))
    if go == "summary":
        return _private(render(request, "selfreview/governors_summary.html", context))
    if go == "share":
        context["form"] = ShareForm(initial=sharing.initial_share_details(evaluation.document))
        return _private(render(request, "selfreview/share.html", context))
    return _private(render(request, "selfreview/overview.html", context))


@require_http_methods(["GET", "POST"])
@csrf_exempt
def share(request):
    """Sharing ratings with the council, and withdrawing them: the only visitor POST here that stores anything."""
    if request.method == "GET":
        return _private(render(request, "selfreview/share_start.html", {"withdraw_form": WithdrawForm()}))
    refused = sharing.refuse(request)
    if refused is not None:
        return _private(refused)
    if request.POST.get("step") == "withdraw":
        return _private(sharing.withdraw(request))
    return _private(sharing.share(request))
