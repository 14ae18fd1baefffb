"""The file could not be read as an OKR document.

## What it does
Reports files okrlint cannot read: invalid YAML or JSON (with the line and
column the parser stopped at), bytes that are not text, files larger than
`max-file-size`, files that cannot be opened or that vanished during the run.

## Why is this bad?
A planning file nobody can parse is a plan nobody can check. The other files of
the run are still linted.

## Example
```yaml
objectives:
  - title: "打造行业领先的客户服务体验
```
(an unclosed quote: `parse-error` at the line where the parser stopped).

## Options
None.
"""
CODE = "OKR001"
NAME = "parse-error"
SCOPE = "document"
SEVERITY = "error"
check = None
