"""Imports point down (docs/architecture.md): an app may import the apps below it, never one above it nor one
beside it on the same layer. Every module of every app is read with `ast` — `import x`, `from x import y`, an
import inside a function, `import_module("x")`, and a model relation named by string ("pustaka.Document") — so
an arrow the wrong way fails here with the file, the line and the import."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
# ruangrunding: settings and what every app shares · wilayah, kalender: the floor (region data, working days) ·
# accounts: people and their roles · pustaka, konsultasi, pengaduan, pengumuman: features on their own ·
# rpjpd: topics cite library documents · musrenbang: a decision's berita acara may be a library document ·
# agenda: events belong to a Musrenbang cycle, aspirations become usulan, complaints and minutes in the
# library (so musrenbang and pengaduan never import agenda) · insight: the staff dashboard reads every
# feature · demo: `seed_demo` fills every app.
LAYERS = {
    "ruangrunding": 0,
    "wilayah": 1,
    "kalender": 1,
    "accounts": 2,
    "perencanaan": 2,  # RPJMD priorities and Renstra programmes: below musrenbang, beside accounts
    "pustaka": 3,
    "konsultasi": 3,
    "pengaduan": 3,
    "pengumuman": 3,
    "rpjpd": 4,
    "musrenbang": 4,
    "agenda": 5,
    "api": 5,  # the agencies' JSON API decides usulan through musrenbang's services
    "insight": 6,
    "beranda": 7,  # the home page shows what is open in every module
    "demo": 7,
}
FEATURE_APPS = {app for app, layer in LAYERS.items() if layer >= 3}
# The root URL conf mounts every app's URLs, so it imports from all of them by nature.
EXEMPT = {"ruangrunding/urls.py"}
RELATIONS = {"ForeignKey", "OneToOneField", "ManyToManyField"}


def app_modules(app: str) -> list[Path]:
    return sorted(
        path
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.relative_to(ROOT).parts and path.relative_to(ROOT).as_posix() not in EXEMPT
    )


def called_name(call: ast.Call) -> str:
    return call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")


def imports_of(path: Path) -> list[tuple[int, str, str]]:
    """(line, the app imported, the import as written) for every import of a project app in one module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.split(".")[0], f"import {alias.name}") for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = ", ".join(alias.name for alias in node.names)
            found.append((node.lineno, node.module.split(".")[0], f"from {node.module} import {names}"))
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            target, name = node.args[0].value, called_name(node)
            is_import = name in {"import_module", "__import__"}
            is_relation = name in RELATIONS and isinstance(target, str) and target.count(".") == 1
            if isinstance(target, str) and (is_import or is_relation):
                found.append((node.lineno, target.split(".")[0], f'{name}("{target}")'))
    return sorted((line, app, text) for line, app, text in found if app in LAYERS)


def violations(rule) -> list[str]:
    """Every import of another app that `rule(from_app, to_app)` forbids, as "file:line: import"."""
    found = []
    for app in LAYERS:
        for path in app_modules(app):
            for line, imported, text in imports_of(path):
                if imported != app and rule(app, imported):
                    found.append(f"{path.relative_to(ROOT)}:{line}: {text}")
    return found


def test_every_app_of_the_project_has_a_layer():
    project_apps = {name.split(".")[0] for name in settings.INSTALLED_APPS if (ROOT / name.split(".")[0]).is_dir()}
    assert project_apps == set(LAYERS), "Give a new app its layer in tests/test_architecture.py LAYERS"


def test_no_import_points_up_or_sideways():
    wrong = violations(lambda importer, imported: LAYERS[imported] >= LAYERS[importer])
    assert not wrong, "Imports must point to a lower layer:\n" + "\n".join(wrong)


def test_accounts_and_the_region_floor_import_no_feature_app():
    floor = {"ruangrunding", "wilayah", "kalender", "accounts"}
    wrong = violations(lambda importer, imported: importer in floor and imported in FEATURE_APPS)
    assert not wrong, "accounts and the floor below it import no feature app:\n" + "\n".join(wrong)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def module_graph() -> dict[str, set[str]]:
    """Which project module imports which (anywhere in the file: an import inside a function to dodge a cycle
    is still a cycle)."""
    modules = {module_name(path): path for app in LAYERS for path in app_modules(app)}
    graph = {}
    for name, path in modules.items():
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                targets |= {f"{node.module}.{alias.name}" for alias in node.names} | {node.module}
        graph[name] = {target for target in targets if target in modules and target != name}
    return graph


def test_no_modules_import_each_other():
    graph = module_graph()
    cycles = set()

    def walk(name: str, trail: list[str]) -> None:
        for target in graph[name]:
            if target in trail:
                cycles.add(" → ".join([*trail[trail.index(target) :], target]))
            elif target not in done:
                walk(target, [*trail, target])
        done.add(name)

    done: set[str] = set()
    for name in sorted(graph):
        if name not in done:
            walk(name, [name])
    assert not cycles, "Import cycles:\n" + "\n".join(sorted(cycles))


# Validators the forms share with their services, to give way to one text cleaner below the apps.
POSITIONAL_ALLOWED: set[tuple[str, str]] = set()


def test_services_take_keyword_arguments_only():
    positional = []
    for app in LAYERS:
        path = ROOT / app / "services.py"
        if not path.exists():
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            takes_positional = isinstance(node, ast.FunctionDef) and (node.args.posonlyargs or node.args.args)
            if takes_positional and (app, node.name) not in POSITIONAL_ALLOWED:
                positional.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.name}")
    assert not positional, "Services take keyword-only arguments (def name(*, …)):\n" + "\n".join(positional)


def test_the_reader_sees_every_kind_of_import(tmp_path):
    # Were the parser blind, every check above would pass on anything.
    module = tmp_path / "example.py"
    module.write_text(
        "import rpjpd.models\n"
        "from pustaka.search import results\n"
        "def later():\n"
        "    from insight import dashboard\n"
        "    return import_module('demo.seed')\n"
        "document = models.ForeignKey('konsultasi.Expert', on_delete=None)\n"
        "from . import sibling\n"
        "import json\n",
        encoding="utf-8",
    )
    assert [app for _line, app, _text in imports_of(module)] == ["rpjpd", "pustaka", "insight", "demo", "konsultasi"]
    urls = {app for _line, app, _text in imports_of(ROOT / "ruangrunding" / "urls.py")}
    assert "accounts" in urls
