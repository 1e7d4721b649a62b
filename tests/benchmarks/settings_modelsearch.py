"""Settings for the search benchmark's modelsearch contender: the project's settings plus modelsearch.

modelsearch (the library that succeeded Wagtail's search) with its database backend, indexing
the same published content as our search through proxy models (tests/benchmarks/modelsearch_index).
Installed only for the benchmark: requirements-bench.txt.
"""

from oap_directory.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "modelsearch", "tests.benchmarks.modelsearch_index"]  # noqa: F405
MODELSEARCH_BACKENDS = {"default": {"BACKEND": "modelsearch.backends.database"}}
