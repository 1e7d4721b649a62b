"""What this app tells the site-wide code at ready(): the framework is shown on public pages (DESIGN.md, Caching)."""

from oap_directory import content_types
from selfreview.models import Framework, Section, Statement, TargetLevel


def register():
    content_types.register_shown(Framework, Section, Statement, TargetLevel)
