"""The layout's rules, checked on the import graph (parsed with ast, not grepped).

- only ``cli.py`` imports click;
- ``text/`` imports nothing from ``audio/``, ``publish/`` or ``translation/``;
- ``engines/`` never imports the pipeline, the CLI or ``publish/``;
- ``publish/`` works from manifests and audio, never from engines;
- no import cycles between modules.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "vnmedia"


def module_name(path: Path) -> str:
    parts = ["vnmedia", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imports_of(name: str) -> set[str]:
    """Every module ``name`` imports (anywhere in the file), resolved to full names."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            # `from .engines import translators`: the imported name may be a module itself.
            submodules = {f"{target}.{alias.name}" for alias in node.names}
            found.update(submodules & MODULES.keys() or {target})
    return found


GRAPH = {name: imports_of(name) for name in MODULES}


def inside(name: str, *folders: str) -> bool:
    return any(name == f"vnmedia.{f}" or name.startswith(f"vnmedia.{f}.") for f in folders)


def test_the_graph_is_read():
    # Guards the rules below against an empty or misread graph.
    assert "vnmedia.text.split" in GRAPH
    assert "vnmedia.models" in GRAPH["vnmedia.text.split"]
    assert "vnmedia.engines.base" in GRAPH["vnmedia.engines.network"]
    assert "click" in GRAPH["vnmedia.cli"]


def test_only_the_cli_imports_click():
    users = {m for m, deps in GRAPH.items() if any(d.split(".")[0] == "click" for d in deps)}
    assert users == {"vnmedia.cli"}


@pytest.mark.parametrize(
    ("folder", "forbidden"),
    [
        ("text", ("audio", "publish", "translation")),
        ("engines", ("pipeline", "cli", "publish")),
        ("publish", ("engines",)),
    ],
)
def test_folders_keep_to_their_side(folder, forbidden):
    broken = {
        (module, dep)
        for module, deps in GRAPH.items()
        if inside(module, folder)
        for dep in deps
        if inside(dep, *forbidden)
    }
    assert not broken


def test_no_import_cycles():
    # The package's __init__ only re-exports the public names (and holds __version__);
    # importing it from inside would make every module look cyclic, so it is left out.
    graph = {
        m: {d for d in deps if d in GRAPH and d != "vnmedia"}
        for m, deps in GRAPH.items()
        if m != "vnmedia"
    }
    done: set[str] = set()
    path: list[str] = []

    def visit(module: str) -> None:
        if module in path:
            cycle = path[path.index(module) :] + [module]
            raise AssertionError("import cycle: " + " → ".join(cycle))
        if module in done:
            return
        path.append(module)
        for dep in sorted(graph[module]):
            # A subpackage's __init__ is run on the way to its modules: follow the module.
            visit(dep)
        path.pop()
        done.add(module)

    for module in sorted(graph):
        visit(module)
