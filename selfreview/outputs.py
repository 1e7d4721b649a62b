"""The files a school takes away: its self-evaluation (to continue later) and a CSV of ratings and actions.
Made on request from the posted document; never stored."""

from oap_directory import device_documents
from selfreview.document import ACTION_STATUSES


def download_response(evaluation):
    framework = evaluation.framework
    filename = f"self-evaluation-{framework.slug}-v{framework.version}.json"
    return device_documents.download_response(evaluation.document, filename)


def _rows(evaluation):
    yield ["Number", "Section", "Statement", "Statutory", "Rating", "Target", "Below target"]
    for section in evaluation.sections:
        for item in section.statements:
            rating = "Not applicable" if item.is_not_applicable else (item.level.label if item.level else "Not rated")
            target = item.target.label if item.target else ""
            row = [
                item.number,
                section.section.title,
                item.statement.text,
                "Yes" if item.statement.is_statutory else "",
            ]
            yield row + [rating, target, "Yes" if item.is_below_target else ""]
    yield []
    yield ["Statement", "Action", "Owner (role)", "Due", "Success criteria", "Status", "Strategies"]
    for row in evaluation.actions():
        action = row["action"]
        strategies = "; ".join(strategy.title for strategy in row["strategies"])
        cells = [row["item"].number, action["description"], action["owner_role"], action["due_term"]]
        yield cells + [action["success_criteria"], ACTION_STATUSES[action["status"]], strategies]


def csv_response(evaluation):
    return device_documents.csv_response(_rows(evaluation), f"self-evaluation-{evaluation.framework.slug}.csv")
