"""Dependencies point one way (DESIGN.md, Architecture): accounts ← categories ← resources ← the teacher tools
← planning ← oap_directory's site-wide modules. A lower app never imports a higher one, nor looks one up by name;
the higher app registers what the lower one shows. Five leaf modules may be imported by anyone (decisions 005, 013)."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

from oap_directory import content_types

LAYERS = ["accounts", "categories", "resources", "finder", "feedback", "selfreview", "planning", "oap_directory"]
LEAF_MODULES = {
    "oap_directory.richtext",
    "oap_directory.content_types",
    "oap_directory.pdf",
    "oap_directory.visitors",
    "oap_directory.device_documents",
}
SAME_LAYER = {"finder", "feedback", "selfreview"}  # siblings: none may import another


def _imports(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                yield f"{node.module}.{alias.name}", node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno


def _app_files(app):
    root = Path(settings.BASE_DIR) / app
    return [path for path in root.rglob("*.py") if "migrations" not in path.parts]


def _rank(app):
    rank = LAYERS.index(app)
    return LAYERS.index("finder") if app in SAME_LAYER else rank


@pytest.mark.parametrize("app", [app for app in LAYERS if (Path(settings.BASE_DIR) / app).is_dir()])
def test_apps_never_import_an_app_above_them(app):
    problems = []
    for path in _app_files(app):
        for module, line in _imports(path):
            top = module.split(".")[0]
            if top not in LAYERS or top == app or module in LEAF_MODULES:
                continue
            if module.rsplit(".", 1)[0] in LEAF_MODULES:
                continue
            if _rank(top) >= _rank(app):
                problems.append(f"{path.relative_to(settings.BASE_DIR)}:{line} imports {module}")
    assert not problems, "\n".join(problems)


def test_no_content_app_looks_another_up_by_name():
    """Site-wide code may use every app; the apps below it say what they use, by import or by registration."""
    base = Path(settings.BASE_DIR)
    offenders = [
        str(path.relative_to(base))
        for app in LAYERS[:-1]
        if (base / app).is_dir()
        for path in _app_files(app)
        if "apps.get_model(" in path.read_text()
    ]
    assert not offenders


def test_every_content_type_is_registered_once_with_its_public_page():
    names = content_types.names()
    assert {"strategy", "intervention", "resource", "category"} <= set(names)
    assert len(names) == len(set(names))
    for entry in content_types.all():
        assert content_types.for_model(entry.model) is entry
        if entry.detail_url:
            assert entry.url("a-slug").endswith("/a-slug/")
