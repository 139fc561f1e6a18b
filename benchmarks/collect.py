"""Rebuild benchmarks/RESULTS.md from the sections each benchmark writes to results/."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ["compare", "pairs", "pairs_ablation", "stories", "temporal", "quotes", "phrases", "cluster", "storylines",
         "wire", "scale", "brief", "verify", "verify_duc"]

HEADER = """# Benchmark results

Every figure here was measured on this project's machine (2 cores, shared and noisy, so
ratios measured side by side in one run are more telling than absolute times) with the
command given in its section. The real data sets are read from `../shared/data/` at run
time; see `../shared/data/README.md` for what they are and their licences. Rebuild this page
with `python benchmarks/collect.py` after running the benchmarks.
"""


def _as_section(text: str) -> str:
    """Each benchmark's page becomes a level-2 section: a page that starts with a level-1
    heading has all its headings moved one level down."""
    if not text.startswith("# "):
        return text
    return "\n".join("#" + line if line.startswith("#") else line for line in text.splitlines())


def main() -> None:
    sections = []
    found = {p.stem: p for p in (HERE / "results").glob("*.md")}
    for name in ORDER + sorted(set(found) - set(ORDER)):
        if name in found:
            sections.append(_as_section(found[name].read_text(encoding="utf-8").strip()))
    (HERE / "RESULTS.md").write_text(HEADER + "\n" + "\n\n".join(sections) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
