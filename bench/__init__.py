"""Benchmarks: each prints its figures; `make bench` runs them all and updates bench/RESULTS.md."""
