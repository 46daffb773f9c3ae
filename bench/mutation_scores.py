"""Mutation score per module, from the results `make mutate` (mutmut) leaves in mutants/.

    .venv-mutate/bin/python bench/mutation_scores.py [--survivors]

mutmut keeps, beside each mutated module, a ``.meta`` file with the exit code of the test
run against every mutant. Exit codes as mutmut reads them: 1 (or 3) a test failed — the
mutant is *killed*; 0 every test passed — it *survived*; 33 (or 5) no selected test reaches
the mutated function; 36 and the SIGXCPU codes a timeout, which counts as killed (the
mutant made the code hang, and the run noticed).

The score is killed / (killed + survived): of the mutants a test reaches, how many it
catches. Mutants no test reaches are listed apart, not hidden in the score.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests"}
STATUS |= {code: "timeout" for code in (36, 24, -24, 152, 255)}


def module_results(mutants: Path) -> dict[str, dict[str, int | None]]:
    """Exit code per mutant, per module (dotted name)."""
    results = {}
    for meta in sorted(mutants.glob("src/**/*.py.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        if codes:
            module = meta.relative_to(mutants / "src").with_suffix("").with_suffix("")
            results[".".join(module.parts)] = codes
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=Path, default=ROOT / "mutants")
    parser.add_argument("--survivors", action="store_true", help="list surviving mutants")
    args = parser.parse_args()
    results = module_results(args.mutants)
    if not results:
        print(f"no mutmut results under {args.mutants}: run `make mutate` first", file=sys.stderr)
        return 1
    print("| module | mutants | killed | survived | no test reaches | not run | score |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for module, codes in results.items():
        counts = Counter(
            "not run" if code is None else STATUS.get(code, "suspicious") for code in codes.values()
        )
        killed = counts["killed"] + counts["timeout"]
        reached = killed + counts["survived"]
        score = f"{killed / reached:.0%}" if reached else "-"
        print(
            f"| `{module}` | {len(codes)} | {killed} | {counts['survived']} | "
            f"{counts['no tests']} | {counts['not run'] + counts['suspicious']} | {score} |"
        )
    if args.survivors:
        for codes in results.values():
            for name, code in codes.items():
                if code == 0:
                    print(name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
