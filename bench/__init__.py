"""Benchmarks: each prints its figures; `make bench` runs them all and updates bench/RESULTS.md."""

from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def record(text: str) -> None:
    """Print a benchmark's section and append it to RESULTS.md."""
    print(text)
    with RESULTS.open("a", encoding="utf-8") as fh:
        fh.write("\n" + text + "\n")
