"""No pupil data and nothing a school types reaches the server's tables, logs or sessions: rationale, evidence
and actions travel only in the document the browser posts and gets back."""

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

from selfreview.document import canonical
from selfreview.sharing import make_sharing_codes
from tests.selfreview.factories import make_framework, statements
from tests.selfreview.test_tool import embedded_document

pytestmark = pytest.mark.django_db
TYPED = ["Rationale-7f1e", "Evidence-2b9c", "Action-5d3a", "Criteria-8e4f", "Owner-1a6b", "Term-9c0d"]


def test_a_whole_self_evaluation_and_its_sharing_keep_nothing_typed(client, logs, settings):
    settings.SITE_URL = "http://testserver"
    framework = make_framework()
    first = statements(framework)[0]
    [code] = make_sharing_codes(1)
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/self-evaluation/", {"step": "start", "framework": framework.pk, "school_name": "X"})
        document = embedded_document(response)
        typed = {f"rating-{first.uuid}": "emerging", f"rationale-{first.uuid}": TYPED[0]}
        typed[f"evidence-{first.uuid}"] = TYPED[1]
        document = embedded_document(
            client.post("/self-evaluation/", {"document": canonical(document), "step": "section:1", **typed})
        )
        response = client.post("/self-evaluation/", {"document": canonical(document), "go": f"add-action:{first.uuid}"})
        actions = {"action-0-description": TYPED[2], "action-0-success_criteria": TYPED[3]}
        actions |= {"action-0-owner_role": TYPED[4], "action-0-due_term": TYPED[5]}
        response = client.post(
            "/self-evaluation/",
            {"document": canonical(embedded_document(response)), "step": "actions", "go": "actions", **actions},
        )
        document = embedded_document(response)
        assert all(text in canonical(document) for text in TYPED)
        for go in ("overview", "summary", "csv", "download", "share"):
            response = client.post("/self-evaluation/?q=" + TYPED[0], {"document": canonical(document), "go": go})
            assert not response.cookies
        shared = client.post(
            "/self-evaluation/share/",
            {"document": canonical(document), "sharing_code": code, "how": "anonymous", "consent": "yes"},
            HTTP_ORIGIN="http://testserver",
        )
        assert "Ratings shared" in shared.content.decode()
        client.post("/self-evaluation/", {"document": canonical(document)[:-20]})  # a broken document: logged?

    sql = " ".join(f"{query['sql']}" for query in queries.captured_queries)
    assert not [text for text in TYPED if text in sql]
    leaked = [line[:300] for line in logs if any(text in line for text in TYPED)]
    assert not leaked
    assert Session.objects.count() == 0
    for model in apps.get_models():
        rows = str(list(model.objects.values()))
        assert not [text for text in TYPED if text in rows], model
