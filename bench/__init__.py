"""Benchmarks: a planning-repo generator and a timing script (not run by the tests)."""
