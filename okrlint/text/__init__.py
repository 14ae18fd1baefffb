"""Text analysis: turns an objective or key-result line into facts, in Chinese and English.

Only ``re`` and the standard library: this runs on every KR of every file.
"""
from okrlint.text.facts import Deadline, Facts, Quantity, analyze, detect_language

__all__ = ["Deadline", "Facts", "Quantity", "analyze", "detect_language"]
