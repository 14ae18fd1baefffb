"""The same key twice in one YAML mapping.

## What it does
Reports a key that appears twice in one mapping, such as two `target:` lines.

## Why is this bad?
YAML keeps only the last value: the first one is silently lost, and readers of
the file may believe either.

## Example
```yaml
- title: 客户留存率从65%提升到75%
  target: 75%
  target: 80%
```

## Options
None.
"""
CODE = "OKR004"
NAME = "duplicate-key"
SCOPE = "document"
SEVERITY = "warning"
check = None
