"""The layout's rules, checked on the import graph (parsed with ast, not grepped).

- only ``cli/`` imports click, and its modules import only ``options`` from one another
  (besides ``build`` publishing through ``site``): a command is read in its own module;
- the folders are the pipeline's stages as the data flows (``sources/``, ``text/``,
  ``translation/``, ``audio/``, ``site/``, ``publish/``), ``pipeline/`` running them in
  order, with ``engines/``, ``runtime/`` and ``cli/`` beside them, each with a docstring
  saying what it holds, and the README's map names every module;
- ``text/`` imports nothing from ``audio/``, ``site/``, ``publish/`` or ``translation/``;
- ``engines/`` never imports the pipeline, the CLI, ``site/`` or ``publish/``;
- ``site/`` works from manifests and audio, never from engines; ``publish/`` sends what
  ``site/`` wrote and never reaches back into the build's stages;
- no import cycles between modules, nor between folders (``engines/`` and ``audio/``
  once imported each other through the codec), and no module imports the package root
  (which imports the whole pipeline: a hidden cycle).
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
    assert "vnmedia.cli.options" in GRAPH["vnmedia.cli.build"]


def test_only_the_cli_imports_click():
    users = {m for m, deps in GRAPH.items() if any(d.split(".")[0] == "click" for d in deps)}
    assert users and all(inside(m, "cli") for m in users)


def test_commands_stand_on_the_shared_options_only():
    allowed = {"vnmedia.cli.options", "vnmedia.cli.site"}
    crossing = {
        (module, dep)
        for module, deps in GRAPH.items()
        if inside(module, "cli") and module != "vnmedia.cli"
        for dep in deps
        if inside(dep, "cli") and dep not in allowed
    }
    assert not crossing


@pytest.mark.parametrize(
    ("folder", "forbidden"),
    [
        ("text", ("audio", "site", "publish", "translation")),
        ("engines", ("pipeline", "cli", "site", "publish")),
        ("site", ("engines", "publish")),
        ("publish", ("engines", "audio", "translation", "text", "pipeline")),
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


FOLDERS = {
    "sources",
    "text",
    "translation",
    "audio",
    "site",
    "publish",
    "pipeline",
    "engines",
    "runtime",
    "cli",
}


def test_the_folders_are_the_stages_and_say_what_they_hold():
    found = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert found == FOLDERS
    for folder in sorted(found):
        assert ast.get_docstring(ast.parse((PACKAGE / folder / "__init__.py").read_text())), folder


def test_the_readme_map_names_every_module():
    readme = (PACKAGE.parents[1] / "README.md").read_text(encoding="utf-8")
    files = sorted(
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if path.name != "__init__.py" and path.parent != PACKAGE
    )
    missing = [f for f in files if f"`{f}`" not in readme]
    assert files and not missing, f"modules missing from the README's map: {missing}"


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


def test_no_module_imports_the_package_root():
    importers = {m for m, deps in GRAPH.items() if "vnmedia" in deps} - {"vnmedia.__main__"}
    assert not importers


def folder_of(module: str) -> str | None:
    """The package folder a module (or a folder's ``__init__``) is in; ``None`` for the
    top-level modules and for other packages."""
    parts = module.split(".")
    inside_package = parts[0] == "vnmedia" and len(parts) >= 2
    return parts[1] if inside_package and (PACKAGE / parts[1]).is_dir() else None


def test_no_import_cycles_between_folders():
    arrows: dict[str, set[str]] = {}
    for module, deps in GRAPH.items():
        source = folder_of(module)
        for target in filter(None, map(folder_of, deps)):
            if source and target != source:
                arrows.setdefault(source, set()).add(target)
    assert "engines" in arrows["translation"]  # the graph was read

    def reaches(start: str, goal: str, seen: frozenset[str]) -> bool:
        return any(
            nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt}))
            for nxt in arrows.get(start, ())
        )

    cycles = sorted(folder for folder in arrows if reaches(folder, folder, frozenset({folder})))
    assert not cycles, f"folders in an import cycle: {cycles}; arrows: {arrows}"
