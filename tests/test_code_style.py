"""Habits from STYLE.md that a linter doesn't check."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SKIPPED = {".venv", "node_modules", "migrations", ".git", "staticfiles", "media"}


def _files(*suffixes):
    for path in ROOT.rglob("*"):
        if path.suffix in suffixes and not SKIPPED.intersection(path.relative_to(ROOT).parts):
            yield path


def test_no_formatter_exemption_keeps_a_line_over_120_characters():
    """A `# fmt: skip` that keeps a long line is a function asking to be split (STYLE.md)."""
    long_lines = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in _files(".py")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if "# fmt: skip" in line and len(line) > 120
    ]
    assert long_lines == []


def test_no_comment_points_at_an_issue_number():
    """Code says what it does; which issue asked for it is in the history, and goes stale in a comment."""
    pattern = re.compile(r"\bissue [0-9]+\b", re.IGNORECASE)
    stale = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in _files(".py", ".html", ".js", ".scss")
        for number, line in enumerate(path.read_text(errors="ignore").splitlines(), 1)
        if pattern.search(line)
    ]
    assert stale == []
