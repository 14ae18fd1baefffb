"""Text analysis: turns an objective or key-result line into facts, in Chinese and English.

Only ``re`` and the standard library: this runs on every KR of every file.
"""
from okrlint.text.facts import Deadline, Facts, Quantity, analyze, detect_language
from okrlint.text.period import find_period_in_heading, parse_period

__all__ = [
    "Deadline",
    "Facts",
    "Quantity",
    "analyze",
    "detect_language",
    "find_period_in_heading",
    "parse_period",
]
