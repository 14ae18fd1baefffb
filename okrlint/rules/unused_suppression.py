"""An `okrlint: ignore` comment that silences nothing.

## What it does
Reports inline suppressions (`# okrlint: ignore[rule] -- reason`, or the same in
a Markdown `<!-- -->` comment) whose rule did not fire on that line, and
suppressions naming a rule that does not exist.

## Why is this bad?
A stale suppression hides the next real problem on that line, and tells readers
something about the OKR that is no longer true.

## Example
```yaml
- NPS从45分提升到55分  # okrlint: ignore[kr-no-baseline]   (it has a baseline)
```

## Options
None.
"""
CODE = "OKR006"
NAME = "unused-suppression"
SCOPE = "document"
SEVERITY = "warning"
check = None
