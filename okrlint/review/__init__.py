"""The quarterly review: grading key results 0–1, averages, and goalposts moved since a git revision."""
