"""Settings for the search benchmark's django-watson contender: the project's settings plus watson.

django-watson registers the same published content as our search (tests/benchmarks/watson_index).
Installed only for the benchmark: requirements-bench.txt.
"""

from oap_directory.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "watson", "tests.benchmarks.watson_index"]  # noqa: F405
