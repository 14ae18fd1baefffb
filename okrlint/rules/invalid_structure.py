"""A value has the wrong shape for the OKR document format.

## What it does
Reports values of the wrong type — `objectives: "abc"`, `key_results: 5`, an
objective without a title, a mapping key that is not text, a period okrlint
cannot read — at the value's position. The rest of the file is still checked.

## Why is this bad?
A key result hidden in a wrongly typed value is silently skipped by every other
check and by every reader. See `schemas/okr.schema.json` for the format.

## Example
```yaml
objectives:
  - title: 打造一次修好的服务能力
    key_results: FTR从88%提升到95%   # must be a list
```

## Options
None.
"""
CODE = "OKR002"
NAME = "invalid-structure"
SCOPE = "document"
SEVERITY = "error"
check = None
