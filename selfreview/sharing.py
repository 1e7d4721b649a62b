"""Sharing a self-evaluation with the council: ratings only, with a single-use sharing code, named or anonymous.

What is stored (SharedEvaluation, SharedRating): the framework version, the phase, the academic year, the date,
each statement's level and a hash of the receipt code; for a named share also the URN and school name. Never
rationale, evidence, actions, the sharing code itself, the visitor's address or anything that links a sharing
code to a school. The council sees counts per level, with any cell of fewer than five schools suppressed.
"""

import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.shortcuts import render
from django.utils import timezone

from categories.models import Phase
from oap_directory import visitors
from selfreview import document as documents
from selfreview.document import DocumentError
from selfreview.forms import ShareForm, WithdrawForm
from selfreview.models import NOT_APPLICABLE, SharedEvaluation, SharedRating, SharingCode, code_hash
from selfreview.summary import Evaluation, load_framework

SHARES_PER_HOUR = 10
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
CODE_LENGTH = 16


def new_code():
    """A random code in groups of four, e.g. 7KQM-2XHD-PA9C-W4TE (80 bits)."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def make_sharing_codes(count):
    """`count` new single-use codes; only their hashes are stored, so this is the one time they can be seen."""
    codes = [new_code() for _ in range(count)]
    SharingCode.objects.bulk_create(SharingCode(code_hash=code_hash(code)) for code in codes)
    return codes


def academic_year(day):
    start = day.year if day.month >= 9 else day.year - 1
    return f"{start}/{str(start + 1)[-2:]}"


def initial_share_details(document):
    return {"school_name": document["school"]["name"], "phase": document["school"]["phase"]}


def refuse(request):
    """The guards every storing visitor POST passes (DESIGN.md): posted from this site, not a robot, under the cap."""
    if not visitors.from_this_site(request) or visitors.is_robot(request):
        return render(request, "selfreview/share_refused.html", {"reason": "origin"}, status=400)
    if visitors.over_cap(request, "selfreview-share", per_hour=SHARES_PER_HOUR):
        return render(request, "selfreview/share_refused.html", {"reason": "cap"}, status=429)
    return None


def share(request):
    try:
        document = documents.parse(request.POST.get("document", ""))
        framework = documents.framework_for(document)
        sections, levels = load_framework(framework)
        statements = [statement for section in sections for statement in section.statements.all()]
        documents.check_against(document, framework, statements, levels)
    except DocumentError as error:
        return render(request, "selfreview/share_refused.html", {"reason": "document", "error": error}, status=400)
    evaluation = Evaluation.build(framework, document, sections, levels)
    form = ShareForm(request.POST)
    context = {
        "evaluation": evaluation,
        "framework": framework,
        "document_json": documents.canonical(document),
        "site_url": settings.SITE_URL.rstrip("/"),
    }
    ratings = {key: rating["level"] for key, rating in document["ratings"].items() if rating["level"]}
    if not ratings:
        form.add_error(None, "Rate at least one statement before sharing.")
    if not form.is_valid():
        return render(request, "selfreview/share.html", context | {"form": form}, status=400)
    receipt = _store(form, framework, ratings, {str(s.uuid): s for s in statements})
    if receipt is None:
        return render(request, "selfreview/share.html", context | {"form": form}, status=400)
    return render(request, "selfreview/shared.html", context | {"receipt": receipt})


@transaction.atomic
def _store(form, framework, ratings, statements):
    """Spend the sharing code and store the ratings; the receipt code, or None with the form's error set."""
    data = form.cleaned_data
    code = SharingCode.objects.select_for_update().filter(code_hash=code_hash(data["sharing_code"])).first()
    if code is None or code.used_at is not None:
        form.add_error("sharing_code", "This sharing code is not one the council sent, or it has been used already.")
        return None
    named = data["how"] == ShareForm.NAMED
    receipt = new_code()
    try:
        with transaction.atomic():
            evaluation = SharedEvaluation.objects.create(
                framework=framework,
                phase=Phase.objects.filter(slug=data["phase"]).first() if data["phase"] else None,
                academic_year=academic_year(timezone.localdate()),
                is_named=named,
                urn=data["urn"].strip() if named else "",
                school_name=data["school_name"].strip() if named else "",
                receipt_hash=code_hash(receipt),
            )
    except IntegrityError:
        form.add_error("urn", "A named self-evaluation for this URN has already been shared this year.")
        return None
    SharedRating.objects.bulk_create(
        SharedRating(evaluation=evaluation, statement=statements[key], level=level) for key, level in ratings.items()
    )
    code.used_at = timezone.now()
    code.save(update_fields=["used_at"])
    return receipt


def withdraw(request):
    form = WithdrawForm(request.POST)
    if form.is_valid():
        deleted, _ = SharedEvaluation.objects.filter(receipt_hash=code_hash(form.cleaned_data["receipt"])).delete()
        if deleted:
            return render(request, "selfreview/withdrawn.html")
        form.add_error("receipt", "No shared self-evaluation has this receipt code. It may have been withdrawn.")
    return render(request, "selfreview/share_start.html", {"withdraw_form": form}, status=400)


SUPPRESS_BELOW = 5
FEWER_THAN_FIVE = "fewer than 5"


def results(framework):
    """What the council sees for one framework version: per statement, the number of schools at each level, with
    any count of fewer than five shown as "fewer than 5"; and named schools' ratings."""
    sections, levels_by_slug = load_framework(framework)
    levels = sorted(levels_by_slug.values(), key=lambda level: level.score)
    columns = [(level.slug, level.label) for level in levels] + [(NOT_APPLICABLE, "Not applicable")]
    counts = {}
    for statement_id, level in SharedRating.objects.filter(evaluation__framework=framework).values_list(
        "statement_id", "level"
    ):
        counts[(statement_id, level)] = counts.get((statement_id, level), 0) + 1
    schools = SharedEvaluation.objects.filter(framework=framework).count()
    rows = [
        {
            "section": section,
            "statements": [
                {
                    "statement": statement,
                    "cells": suppress([counts.get((statement.pk, slug), 0) for slug, _ in columns]),
                }
                for statement in section.statements.all()
            ],
        }
        for section in sections
    ]
    named = list(
        SharedEvaluation.objects.filter(framework=framework, is_named=True)
        .select_related("phase")
        .prefetch_related("ratings")
    )
    for evaluation in named:
        chosen = [rating.level for rating in evaluation.ratings.all()]
        evaluation.level_counts = [chosen.count(slug) for slug, _ in columns]
    return {
        "columns": columns,
        "rows": rows if schools >= SUPPRESS_BELOW else [],
        "schools": str(schools) if schools >= SUPPRESS_BELOW else FEWER_THAN_FIVE,
        "named": named,
    }


def suppress(counts):
    """One statement's counts as the council may see them: every count under five (zero too, so a zero can't
    be told apart) reads "fewer than 5"; when that would hide only one cell, the next smallest is hidden too, so
    no hidden count can be worked out by subtraction."""
    hidden = {i for i, count in enumerate(counts) if count < SUPPRESS_BELOW}
    if len(hidden) == 1 and len(counts) > 1:
        hidden.add(min((i for i in range(len(counts)) if i not in hidden), key=lambda i: counts[i]))
    return [FEWER_THAN_FIVE if i in hidden else str(count) for i, count in enumerate(counts)]
