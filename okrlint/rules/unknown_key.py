"""A key that is not part of the OKR document format.

## What it does
Reports keys okrlint does not know (for example `key_result:` instead of
`key_results:`, or `tagret:`), listing the keys allowed at that level.

## Why is this bad?
A misspelt key is ignored: a target written under `tagret:` is never checked.

## Example
```yaml
- title: NPS从45分提升到55分
  tagret: 55     # unknown-key: did you mean target?
```

## Options
None.
"""
CODE = "OKR003"
NAME = "unknown-key"
SCOPE = "document"
SEVERITY = "warning"
check = None
